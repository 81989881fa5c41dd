ALTER TABLE neighbours DROP COLUMN availability_unknown;
