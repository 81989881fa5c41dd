DROP INDEX jobs_one_running;
DROP INDEX group_suggestions_organisation;
DROP TABLE group_suggestions;
