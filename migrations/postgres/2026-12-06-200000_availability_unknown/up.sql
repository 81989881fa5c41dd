-- Issue 16: an availability nobody has asked yet ("any time, to be asked"), e.g. people
-- imported from a spreadsheet without it; distinct from an empty list ("never").
ALTER TABLE neighbours ADD COLUMN availability_unknown BOOLEAN NOT NULL DEFAULT FALSE;
