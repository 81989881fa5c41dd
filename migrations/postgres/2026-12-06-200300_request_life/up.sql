-- The life of a request (issue 14): who filed it (a partner app may cancel only its own),
-- the clock of its expiry (reset when a coordinator re-opens it), the flag that puts it
-- before the coordinator (refer or re-open; never dropped), why it was cancelled; how a
-- declined match ended (the person declined, the proposal lapsed without an answer, or it
-- was withdrawn because its request was cancelled); the scheduler's lease per
-- organisation and task.
ALTER TABLE help_requests ADD COLUMN filed_by TEXT;
ALTER TABLE help_requests ADD COLUMN open_since TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc');
UPDATE help_requests SET open_since = created_at;
ALTER TABLE help_requests ADD COLUMN flagged_at TIMESTAMP;
ALTER TABLE help_requests ADD COLUMN flag_reason TEXT;
ALTER TABLE help_requests ADD COLUMN cancel_reason TEXT;
ALTER TABLE help_requests ADD COLUMN cancel_note TEXT;
CREATE INDEX help_requests_flagged ON help_requests (organisation_id, flagged_at);

ALTER TABLE matches ADD COLUMN ended_by TEXT;
UPDATE matches SET ended_by = 'declined' WHERE status = 'declined';

CREATE TABLE scheduler_leases (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    task TEXT NOT NULL,
    holder TEXT,
    leased_until TIMESTAMP,
    next_due_at TIMESTAMP NOT NULL,
    last_run_at TIMESTAMP,
    PRIMARY KEY (organisation_id, task)
);
