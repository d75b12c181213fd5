-- Staff call off a whole session: why (shown to registrants) and when.
ALTER TABLE events ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN cancelled_at BIGINT;
