-- An append-only log of what changed in each organisation's candidate index, written in
-- the transaction of the change, instead of one counter row per organisation that every
-- such write had to update and hold until commit (the hot row several instances queue
-- behind). `txid` is the writing transaction's id (pg_current_xact_id, as bigint):
-- readers compare it with snapshots (pg_visible_in_snapshot), because ids and sequence
-- values are handed out in another order than commits become visible.
CREATE TABLE index_changes (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    neighbour_id BIGINT NOT NULL,
    txid BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX index_changes_by_org_txid ON index_changes (organisation_id, txid);
CREATE INDEX index_changes_by_created_at ON index_changes (created_at);
