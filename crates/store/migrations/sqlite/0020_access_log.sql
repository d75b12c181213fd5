-- The staff access log to personal data (issue 9, part C): one row per person shown to a
-- member of staff. `at` is when (Unix seconds; the retention job deletes rows by it).
-- No foreign keys: the log outlives the accounts it names. `subject_label` is the name shown,
-- cleared when the person is erased; `subject_email_hash` is SHA-256 of their e-mail, for
-- searching by person without keeping the address.
CREATE TABLE staff_access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    staff_user_id BIGINT NOT NULL,
    subject_user_id BIGINT,
    subject_email_hash TEXT,
    subject_label TEXT NOT NULL,
    kind TEXT NOT NULL,
    territory_id BIGINT NOT NULL,
    context TEXT NOT NULL
);
CREATE INDEX staff_access_log_territory ON staff_access_log (territory_id, at);
CREATE INDEX staff_access_log_subject ON staff_access_log (subject_email_hash, at);
CREATE INDEX staff_access_log_subject_user ON staff_access_log (subject_user_id);
CREATE INDEX staff_access_log_staff ON staff_access_log (staff_user_id, at);
CREATE INDEX staff_access_log_at ON staff_access_log (at);
