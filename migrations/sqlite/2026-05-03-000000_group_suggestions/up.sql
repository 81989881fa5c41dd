-- Groups suggested by the re-matching job (docs/design.md §3.7): companionship requests with
-- the same question, close to each other. Only a suggestion: a coordinator accepts or
-- splits it, and nobody is put in a group without accepting.
CREATE TABLE group_suggestions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    tag TEXT NOT NULL,
    -- JSON list of help request ids.
    request_ids TEXT NOT NULL,
    -- JSON list of reasons (nl, fr, en).
    reasons TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'split')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX group_suggestions_organisation ON group_suggestions (organisation_id, status);

-- At most one running job of a kind per organisation, also when two instances start one
-- at the same moment. Older duplicates (none are expected) are marked failed first.
UPDATE jobs SET status = 'failed', finished_at = CURRENT_TIMESTAMP
WHERE status = 'running'
  AND id NOT IN (SELECT MAX(id) FROM jobs WHERE status = 'running' GROUP BY organisation_id, kind);
CREATE UNIQUE INDEX jobs_one_running ON jobs (organisation_id, kind) WHERE status = 'running';
