-- nabij schema, PostgreSQL. Keep equal in meaning to migrations/sqlite and to
-- crates/store/src/schema.rs. Every record belongs to one organisation; foreign keys
-- include organisation_id where they point at another tenant-owned row, so a row can
-- never reference another organisation's row. No column names a person by a role.

CREATE TABLE organisations (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE neighbourhoods (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    centre_lat DOUBLE PRECISION NOT NULL,
    centre_lon DOUBLE PRECISION NOT NULL,
    radius_m DOUBLE PRECISION NOT NULL,
    UNIQUE (organisation_id, name),
    UNIQUE (organisation_id, id)
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator')),
    neighbourhood_ids TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE clients (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    client_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX clients_organisation ON clients (organisation_id);

CREATE TABLE neighbours (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    neighbourhood_id BIGINT,
    display_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    travel_radius_m DOUBLE PRECISION NOT NULL,
    interests TEXT NOT NULL DEFAULT '[]',
    talents TEXT NOT NULL DEFAULT '[]',
    languages TEXT NOT NULL DEFAULT '[]',
    availability TEXT NOT NULL DEFAULT '[]',
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    active_matches INTEGER NOT NULL DEFAULT 0 CHECK (active_matches >= 0),
    paused BOOLEAN NOT NULL DEFAULT FALSE,
    consent_channel TEXT NOT NULL
        CHECK (consent_channel IN ('self', 'home_visit', 'phone_round', 'referral_card')),
    consent_recorded_at TIMESTAMP NOT NULL,
    consent_recorded_by TEXT NOT NULL,
    preferred_language TEXT NOT NULL DEFAULT 'nl',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    erased_at TIMESTAMP,
    UNIQUE (organisation_id, id),
    FOREIGN KEY (organisation_id, neighbourhood_id) REFERENCES neighbourhoods (organisation_id, id)
);
CREATE INDEX neighbours_organisation ON neighbours (organisation_id, erased_at, paused);
CREATE INDEX neighbours_neighbourhood ON neighbours (organisation_id, neighbourhood_id);

CREATE TABLE help_requests (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    neighbour_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('emotional', 'companionship', 'practical')),
    tags TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    "window" TEXT NOT NULL,
    recurrence TEXT,
    duration_minutes INTEGER,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    radius_m DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'proposed', 'matched', 'closed',
        'referral_needed', 'referred', 'cancelled', 'expired')),
    scope_in_scope BOOLEAN NOT NULL,
    scope_category TEXT NOT NULL,
    scope_reasons TEXT NOT NULL DEFAULT '[]',
    scope_overridden BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, id),
    FOREIGN KEY (organisation_id, neighbour_id) REFERENCES neighbours (organisation_id, id)
);
CREATE INDEX help_requests_status ON help_requests (organisation_id, status);
CREATE INDEX help_requests_neighbour ON help_requests (organisation_id, neighbour_id);

CREATE TABLE matches (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    request_id BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'declined', 'closed')),
    created_at TIMESTAMP NOT NULL,
    activated_at TIMESTAMP,
    closed_at TIMESTAMP,
    follow_up_met BOOLEAN,
    follow_up_mutual BOOLEAN,
    follow_up_note TEXT,
    UNIQUE (organisation_id, id),
    FOREIGN KEY (organisation_id, request_id) REFERENCES help_requests (organisation_id, id)
);
CREATE INDEX matches_status ON matches (organisation_id, status);
CREATE INDEX matches_request ON matches (organisation_id, request_id);

CREATE TABLE match_members (
    match_id BIGINT NOT NULL,
    neighbour_id BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    side TEXT NOT NULL CHECK (side IN ('requester', 'companion')),
    response TEXT NOT NULL CHECK (response IN ('pending', 'accepted', 'declined')),
    responded_at TIMESTAMP,
    PRIMARY KEY (match_id, neighbour_id),
    FOREIGN KEY (organisation_id, match_id) REFERENCES matches (organisation_id, id),
    FOREIGN KEY (organisation_id, neighbour_id) REFERENCES neighbours (organisation_id, id)
);
CREATE INDEX match_members_neighbour ON match_members (organisation_id, neighbour_id);

CREATE TABLE exchanges (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    from_id BIGINT NOT NULL,
    to_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('help', 'thanks')),
    match_id BIGINT,
    at TIMESTAMP NOT NULL,
    CHECK (from_id <> to_id),
    FOREIGN KEY (organisation_id, from_id) REFERENCES neighbours (organisation_id, id),
    FOREIGN KEY (organisation_id, to_id) REFERENCES neighbours (organisation_id, id),
    FOREIGN KEY (organisation_id, match_id) REFERENCES matches (organisation_id, id)
);
CREATE INDEX exchanges_from ON exchanges (organisation_id, from_id);
CREATE INDEX exchanges_to ON exchanges (organisation_id, to_id);
CREATE INDEX exchanges_match ON exchanges (organisation_id, match_id);

CREATE TABLE declined_pairs (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    a_id BIGINT NOT NULL,
    b_id BIGINT NOT NULL,
    at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, a_id, b_id),
    CHECK (a_id < b_id),
    FOREIGN KEY (organisation_id, a_id) REFERENCES neighbours (organisation_id, id),
    FOREIGN KEY (organisation_id, b_id) REFERENCES neighbours (organisation_id, id)
);
CREATE INDEX declined_pairs_b ON declined_pairs (organisation_id, b_id);

CREATE TABLE services (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '[]',
    phone TEXT,
    email TEXT,
    website TEXT,
    area TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, id)
);
CREATE INDEX services_organisation ON services (organisation_id);

CREATE TABLE referrals (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    request_id BIGINT NOT NULL,
    service_id BIGINT,
    reason TEXT NOT NULL CHECK (reason IN ('out_of_scope', 'no_match', 'coordinator_choice')),
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    FOREIGN KEY (organisation_id, request_id) REFERENCES help_requests (organisation_id, id),
    FOREIGN KEY (organisation_id, service_id) REFERENCES services (organisation_id, id)
);
CREATE INDEX referrals_request ON referrals (organisation_id, request_id);
CREATE INDEX referrals_service ON referrals (organisation_id, service_id);

-- Append-only. subject_neighbour_id is a plain number (no foreign key) so that audit
-- rows outlive erasure; they carry no personal data.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_neighbour_id BIGINT,
    detail TEXT NOT NULL DEFAULT '',
    at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (organisation_id, subject_neighbour_id);
CREATE INDEX audit_log_at ON audit_log (organisation_id, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE idempotency_keys (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    caller TEXT NOT NULL,
    route TEXT NOT NULL,
    "key" TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, caller, route, "key")
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE anonymised_counts (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    month TEXT NOT NULL,
    metric TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, month, metric)
);

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    template TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_organisation ON outbox (organisation_id, status);

CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    progress DOUBLE PRECISION NOT NULL DEFAULT 0,
    summary TEXT,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    heartbeat_at TIMESTAMP
);
CREATE INDEX jobs_status ON jobs (organisation_id, status);
