-- SQLite keeps the change counter `organisations.index_version`: one process writes, one
-- writer at a time, so the counter is never a queue. The PostgreSQL migration of the same
-- name adds the append-only change log; this one keeps the two sets in step.
SELECT 1;
