-- Accompaniment records: who shared a beneficiary's follow-up with a coach (the account that
-- did it; empty for the access a booking gives), shown on the follow-up timeline.
ALTER TABLE beneficiary_coaches ADD COLUMN shared_by BIGINT REFERENCES users(id) ON DELETE SET NULL;
