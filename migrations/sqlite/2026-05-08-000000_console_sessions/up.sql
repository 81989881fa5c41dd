-- Sessions that end: console sessions live on the server (the cookie carries a random
-- id, only its SHA-256 is stored), and an account can be disabled or logged out
-- everywhere (its console sessions deleted, its API tokens refused: `session_epoch` is
-- raised and a staff token carries the epoch it was issued under).
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

CREATE TABLE console_sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);
