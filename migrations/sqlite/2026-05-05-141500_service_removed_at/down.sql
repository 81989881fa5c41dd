ALTER TABLE services DROP COLUMN removed_at;
