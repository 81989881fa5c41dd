-- Notifications (crates/notify). E-mail goes through `outbox`; these two tables hold
-- what the outbox cannot: the coordinator's phone list, and which events were told.

-- Residents without an e-mail address hear of an event by phone: one row per resident
-- and event, until the coordinator marks the call done. No free text, no contact data
-- (name and phone are read from `neighbours`, so erasure clears them).
CREATE TABLE notification_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    neighbour_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    match_id BIGINT,
    request_id BIGINT,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    FOREIGN KEY (organisation_id, neighbour_id) REFERENCES neighbours (organisation_id, id),
    FOREIGN KEY (organisation_id, match_id) REFERENCES matches (organisation_id, id),
    FOREIGN KEY (organisation_id, request_id) REFERENCES help_requests (organisation_id, id)
);
CREATE INDEX notification_calls_due ON notification_calls (organisation_id, done_at);

-- Every event is told once: (kind, subject) is written in the same transaction as its
-- messages, so a repeated enqueue or a second follow-up scheduler does nothing.
CREATE TABLE notification_events (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, kind, subject_id)
);
