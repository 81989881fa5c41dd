ALTER TABLE neighbours DROP COLUMN offset_north_m;
ALTER TABLE neighbours DROP COLUMN offset_east_m;
