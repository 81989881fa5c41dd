-- A service taken off the directory stays as a row (referrals made to it keep pointing
-- at it); it is no longer listed, suggested or offered for new referrals.
ALTER TABLE services ADD COLUMN removed_at TIMESTAMP;
