ALTER TABLE matches DROP COLUMN paused_at;
DROP TABLE check_in_links;
DROP TABLE check_ins;
