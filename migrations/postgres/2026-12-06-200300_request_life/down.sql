DROP TABLE scheduler_leases;
ALTER TABLE matches DROP COLUMN ended_by;
DROP INDEX help_requests_flagged;
ALTER TABLE help_requests DROP COLUMN cancel_note;
ALTER TABLE help_requests DROP COLUMN cancel_reason;
ALTER TABLE help_requests DROP COLUMN flag_reason;
ALTER TABLE help_requests DROP COLUMN flagged_at;
ALTER TABLE help_requests DROP COLUMN open_since;
ALTER TABLE help_requests DROP COLUMN filed_by;
