-- The fixed offset from a neighbour's home to their published position, in metres (east,
-- north). Drawn by the application when the location is written (existing rows are
-- filled right after this migration); NULL only after erasure.
ALTER TABLE neighbours ADD COLUMN offset_east_m DOUBLE;
ALTER TABLE neighbours ADD COLUMN offset_north_m DOUBLE;
