-- Check-ins (issue 14): every `check_in_weeks` (an organisation setting, default 6) each
-- side of an active pair is asked separately whether it still goes well. One row per
-- asking of one member: how they were asked (`channel`: `email` with a one-click answer
-- link, or `call` on the coordinator's phone list; `phone` when a coordinator recorded
-- an answer without an asking before it), how many tries (1, then 2 after no answer),
-- and once answered the answer, when, through what (`answered_via`: `link` or `phone`)
-- and by whom (`answered_by`: `link` for the person themselves, or the coordinator's
-- audit subject). Status: `asked` (waiting), `unanswered` (two tries, no answer: needs
-- the coordinator), `answered`. At most one `asked` row per member of a match.
CREATE TABLE check_ins (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    match_id BIGINT NOT NULL,
    neighbour_id BIGINT NOT NULL,
    side TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    tries INTEGER NOT NULL,
    asked_at TIMESTAMP NOT NULL,
    last_try_at TIMESTAMP NOT NULL,
    answer TEXT,
    answered_at TIMESTAMP,
    answered_via TEXT,
    answered_by TEXT,
    note TEXT,
    signal_id BIGINT,
    UNIQUE (organisation_id, id),
    FOREIGN KEY (organisation_id, match_id) REFERENCES matches (organisation_id, id),
    FOREIGN KEY (organisation_id, neighbour_id) REFERENCES neighbours (organisation_id, id),
    FOREIGN KEY (organisation_id, signal_id) REFERENCES signals (organisation_id, id)
);
CREATE INDEX check_ins_match ON check_ins (organisation_id, match_id, neighbour_id);
CREATE INDEX check_ins_status ON check_ins (organisation_id, status);
CREATE UNIQUE INDEX check_ins_one_open ON check_ins (organisation_id, match_id, neighbour_id)
    WHERE status = 'asked';

-- The answer links of a check-in: a random token, of which only the SHA-256 (hex) is
-- kept, valid until `expires_at` and only while the check-in waits for its answer (the
-- links of a check-in are deleted when it is answered: single use).
CREATE TABLE check_in_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    check_in_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    FOREIGN KEY (organisation_id, check_in_id) REFERENCES check_ins (organisation_id, id)
);
CREATE INDEX check_in_links_check_in ON check_in_links (organisation_id, check_in_id);

-- A pair can pause (a check-in's answer): it stays active (the companion keeps the
-- room) but is not asked again until it goes on.
ALTER TABLE matches ADD COLUMN paused_at TIMESTAMP;
