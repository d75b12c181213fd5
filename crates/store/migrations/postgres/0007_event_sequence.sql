-- The iCalendar SEQUENCE of a session: raised each time its time or place changes, so that a
-- calendar receiving the updated invitation (same UID) replaces the entry it holds.
ALTER TABLE events ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
