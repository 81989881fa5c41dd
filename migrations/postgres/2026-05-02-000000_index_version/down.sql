ALTER TABLE organisations DROP COLUMN index_version;
