DROP INDEX match_members_match;
