-- A per-organisation change counter: bumped in the same transaction as every write that
-- changes what the candidate index holds (neighbours, active matches, exchanges), so
-- several API instances can tell that their cached index is stale.
ALTER TABLE organisations ADD COLUMN index_version BIGINT NOT NULL DEFAULT 0;
