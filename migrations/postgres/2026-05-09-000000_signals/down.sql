ALTER TABLE notification_calls DROP COLUMN due_at;
DROP TABLE signals;
