-- Workshops by end: every statistics round (and every dashboard or open-data request, which
-- settles first) looks for workshops that ended since the last round. Without this index that
-- look-up reads the whole events table (about 100 ms for 300,000 workshops on PostgreSQL).
CREATE INDEX events_ends ON events (ends_at);
