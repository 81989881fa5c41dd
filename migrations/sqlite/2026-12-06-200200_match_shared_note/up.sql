-- What the coordinator chose to share about the others when proposing a match (issue 14,
-- "privacy before yes"): until everyone accepted, messages to the people in the match
-- describe the others only by neighbourhood, what they have in common, the request's
-- time and this short text; names and contact follow after everyone said yes.
ALTER TABLE matches ADD COLUMN shared_note TEXT;
