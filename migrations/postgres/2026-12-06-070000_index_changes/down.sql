DROP TABLE index_changes;
