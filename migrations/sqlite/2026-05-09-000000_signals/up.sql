-- Signals (issue 13): needs that reach a coordinator before anyone asks: from a phone
-- round, a home visit, a referral card, a companion, the coordinator's own observation
-- or a partner. A signal is about a registered neighbour (`neighbour_id`) or about a
-- person who is not registered (yet): a name, a phone number or an address line, and the
-- basis on which it was passed on. It stays open until exactly one outcome closes it
-- (the `outcome_*` columns, written once). Erasure clears the personal fields and sets
-- `erased_at`; the row stays for the anonymised counts.
--
-- Dates without a time (`signed_on`, `contact_by`, `outcome_on`) are ISO
-- `YYYY-MM-DD` text, which sorts and compares as dates on both backends.
CREATE TABLE signals (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    neighbourhood_id BIGINT,
    neighbour_id BIGINT,
    person_name TEXT,
    person_phone TEXT,
    person_address TEXT,
    basis TEXT,
    source TEXT NOT NULL,
    referring_partner TEXT,
    referring_service_id BIGINT,
    signed_on TEXT,
    life_domains TEXT NOT NULL,
    text TEXT NOT NULL,
    contact_by TEXT NOT NULL,
    filed_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    outcome TEXT,
    outcome_at TIMESTAMP,
    outcome_by TEXT,
    outcome_request_id BIGINT,
    outcome_service_id BIGINT,
    outcome_call_id BIGINT,
    outcome_on TEXT,
    outcome_note TEXT,
    erased_at TIMESTAMP,
    UNIQUE (organisation_id, id),
    FOREIGN KEY (organisation_id, neighbourhood_id) REFERENCES neighbourhoods (organisation_id, id),
    FOREIGN KEY (organisation_id, neighbour_id) REFERENCES neighbours (organisation_id, id),
    FOREIGN KEY (organisation_id, referring_service_id) REFERENCES services (organisation_id, id),
    FOREIGN KEY (organisation_id, outcome_request_id) REFERENCES help_requests (organisation_id, id),
    FOREIGN KEY (organisation_id, outcome_service_id) REFERENCES services (organisation_id, id)
);
CREATE INDEX signals_open ON signals (organisation_id, outcome, contact_by);
CREATE INDEX signals_neighbour ON signals (organisation_id, neighbour_id);

-- A recurring call (a signal's outcome) is an entry of the phone list that is due from
-- a date on; entries told of an event are due at once (NULL).
ALTER TABLE notification_calls ADD COLUMN due_at TIMESTAMP;
