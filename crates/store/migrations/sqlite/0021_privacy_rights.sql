-- Personal data rights (issue 9, part B): download, erasure and retention.
--
-- An erased account stays as a tombstone (`erased_at` set, e-mail replaced by an address that
-- cannot receive mail, name and password cleared) so that nothing referring to it cascades
-- away: workshops it taught, follow-ups it wrote and statistics stay whole.
-- `last_seen_at` is the last login (inactive accounts are erased after the retention period,
-- `inactivity_warned_at` records the warning e-mail sent a month before).
ALTER TABLE users ADD COLUMN erased_at BIGINT;
ALTER TABLE users ADD COLUMN last_seen_at BIGINT;
ALTER TABLE users ADD COLUMN inactivity_warned_at BIGINT;

-- Single-use links e-mailed to an address (people without an account, or accounts without a
-- password) to download or erase their data. Only the SHA-256 of the token is kept.
CREATE TABLE privacy_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX privacy_tokens_expiry ON privacy_tokens (expires_at);

-- Jobs that run once a day whatever the number of instances: an instance runs one only after
-- moving `last_run_at` forward with a conditional update.
CREATE TABLE scheduled_jobs (
    name TEXT PRIMARY KEY NOT NULL,
    last_run_at BIGINT NOT NULL
);
