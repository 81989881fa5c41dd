DROP TABLE console_sessions;
ALTER TABLE users DROP COLUMN session_epoch;
ALTER TABLE users DROP COLUMN disabled_at;
