ALTER TABLE matches DROP COLUMN shared_note;
