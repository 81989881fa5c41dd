-- The members of one match, found by the match (every match operation reads them).
-- Without it SQLite searched all members of the organisation through
-- match_members_neighbour, so each proposal, acceptance and close got slower as matches
-- accumulated (found by `make soak`).
CREATE INDEX match_members_match ON match_members (organisation_id, match_id, neighbour_id);
