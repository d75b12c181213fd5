-- Modules a coach validates in an accompaniment record (`a|b`, catalogue slugs); each is a
-- completion of the module for the record's beneficiary, recorded with the record.
ALTER TABLE accompaniments ADD COLUMN validated_modules TEXT NOT NULL DEFAULT '';
