-- Statistics: precomputed aggregates that stay exact.
--
-- Every write to the activity tables leaves a mark in `stat_dirty` (by trigger, so that no code
-- path and no cascade can forget it). The statistics job (`tremplin_store::stats::settle`) turns
-- the marks into buckets (a territory, a kind of activity, a month), recounts each bucket from
-- the activity tables into `stat_own`, and adds the difference to `stat_rollup` for the bucket's
-- territory, each of its parents and the whole platform (territory 0). Dashboards and open data
-- read `stat_rollup` only: a few hundred rows whatever the size of the activity tables.

-- Pending marks. `territory_id` and `at` name a bucket; `ref_key` names a person (reach), a
-- commune (directory coverage) or nothing (the territory tree changed: everything is recounted).
CREATE TABLE stat_dirty (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    territory_id BIGINT,
    at BIGINT,
    ref_key TEXT
);

-- What each territory's own activity contributes, per kind of activity, month and metric.
CREATE TABLE stat_own (
    kind TEXT NOT NULL,
    territory_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    metric TEXT NOT NULL,
    dim TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (kind, territory_id, month, metric, dim)
);

-- The same rolled up: a territory's row sums its own activity and all its descendants'.
-- Territory 0 is the whole platform. `month` is `YYYY-MM` (Europe/Paris), or `stock` for counts
-- of what exists now (directory listings).
CREATE TABLE stat_rollup (
    territory_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    metric TEXT NOT NULL,
    dim TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (territory_id, month, metric, dim)
);

-- First month each person was reached in each territory (and in territory 0), so that people
-- count once however often they come. `person` is a hash of the person's key, never an address.
CREATE TABLE stat_reach (
    kind TEXT NOT NULL,
    territory_id BIGINT NOT NULL,
    person TEXT NOT NULL,
    month TEXT NOT NULL,
    PRIMARY KEY (kind, territory_id, person)
);
CREATE INDEX stat_reach_person ON stat_reach (kind, person);

-- Which territory a commune's listings count in (the smallest territory covering it).
CREATE TABLE stat_commune_territory (
    insee TEXT PRIMARY KEY NOT NULL,
    territory_id BIGINT NOT NULL
);
CREATE INDEX stat_commune_territory_territory ON stat_commune_territory (territory_id);

-- The job's watermark: events that ended up to `value` are counted as held.
CREATE TABLE stat_state (
    name TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);
INSERT INTO stat_state (name, value) VALUES ('held_until', 0);

-- Targets set by a territory's managers.
CREATE TABLE stat_targets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    territory_id BIGINT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value BIGINT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (territory_id, indicator, ends_on)
);

-- The passport targets set on the passport path page move here: one place for every target.
INSERT INTO stat_targets (territory_id, indicator, value, starts_on, ends_on, updated_by, updated_at)
SELECT territory_id, 'passports', target_count, '2020-01-01', target_date, updated_by, updated_at
FROM passport_paths WHERE target_count IS NOT NULL AND target_date IS NOT NULL;

CREATE INDEX registrations_person ON registrations (person_key);

-- Marks. A registration or an answer to a survey changes its workshop's bucket; a check-in
-- changes who was reached.
CREATE TRIGGER stat_registrations_insert AFTER INSERT ON registrations BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'events', territory_id, starts_at FROM events WHERE id = NEW.event_id;
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('attendee', CASE WHEN NEW.person_key = '' THEN 'registration:' || NEW.id ELSE NEW.person_key END);
END;
CREATE TRIGGER stat_registrations_update AFTER UPDATE OF event_id, person_key, status, checked_in_at ON registrations BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'events', territory_id, starts_at FROM events WHERE id IN (OLD.event_id, NEW.event_id);
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('attendee', CASE WHEN OLD.person_key = '' THEN 'registration:' || OLD.id ELSE OLD.person_key END);
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('attendee', CASE WHEN NEW.person_key = '' THEN 'registration:' || NEW.id ELSE NEW.person_key END);
END;
CREATE TRIGGER stat_registrations_delete AFTER DELETE ON registrations BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'events', territory_id, starts_at FROM events WHERE id = OLD.event_id;
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('attendee', CASE WHEN OLD.person_key = '' THEN 'registration:' || OLD.id ELSE OLD.person_key END);
END;

CREATE TRIGGER stat_surveys_insert AFTER INSERT ON survey_responses BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'events', territory_id, starts_at FROM events WHERE id = NEW.event_id;
END;
CREATE TRIGGER stat_surveys_update AFTER UPDATE ON survey_responses BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'events', territory_id, starts_at FROM events WHERE id IN (OLD.event_id, NEW.event_id);
END;
CREATE TRIGGER stat_surveys_delete AFTER DELETE ON survey_responses BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'events', territory_id, starts_at FROM events WHERE id = OLD.event_id;
END;

-- A workshop moved, cancelled or deleted changes its old and new buckets, and who was reached.
CREATE TRIGGER stat_events_insert AFTER INSERT ON events BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('events', NEW.territory_id, NEW.starts_at);
END;
CREATE TRIGGER stat_events_update AFTER UPDATE OF territory_id, starts_at, ends_at, status, capacity, audiences ON events BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('events', OLD.territory_id, OLD.starts_at);
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('events', NEW.territory_id, NEW.starts_at);
    INSERT INTO stat_dirty (kind, ref_key)
    SELECT DISTINCT 'attendee', CASE WHEN person_key = '' THEN 'registration:' || id ELSE person_key END
    FROM registrations WHERE event_id = NEW.id AND checked_in_at IS NOT NULL;
END;
CREATE TRIGGER stat_events_delete AFTER DELETE ON events BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('events', OLD.territory_id, OLD.starts_at);
END;

-- Coaching: an accompaniment counts in its beneficiary's territory and month; a business
-- accompanied counts once.
CREATE TRIGGER stat_accompaniments_insert AFTER INSERT ON accompaniments BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', territory_id, NEW.occurred_at FROM beneficiaries WHERE id = NEW.beneficiary_id;
    INSERT INTO stat_dirty (kind, ref_key) SELECT 'accompanied', person_key FROM beneficiaries WHERE id = NEW.beneficiary_id;
END;
CREATE TRIGGER stat_accompaniments_update AFTER UPDATE ON accompaniments BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', territory_id, OLD.occurred_at FROM beneficiaries WHERE id = OLD.beneficiary_id;
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', territory_id, NEW.occurred_at FROM beneficiaries WHERE id = NEW.beneficiary_id;
    INSERT INTO stat_dirty (kind, ref_key) SELECT 'accompanied', person_key FROM beneficiaries WHERE id IN (OLD.beneficiary_id, NEW.beneficiary_id);
END;
CREATE TRIGGER stat_accompaniments_delete AFTER DELETE ON accompaniments BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', territory_id, OLD.occurred_at FROM beneficiaries WHERE id = OLD.beneficiary_id;
    INSERT INTO stat_dirty (kind, ref_key) SELECT 'accompanied', person_key FROM beneficiaries WHERE id = OLD.beneficiary_id;
END;
CREATE TRIGGER stat_appointments_insert AFTER INSERT ON appointments BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', territory_id, NEW.starts_at FROM beneficiaries WHERE id = NEW.beneficiary_id;
END;
CREATE TRIGGER stat_appointments_update AFTER UPDATE OF beneficiary_id, starts_at, status ON appointments BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', territory_id, OLD.starts_at FROM beneficiaries WHERE id = OLD.beneficiary_id;
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', territory_id, NEW.starts_at FROM beneficiaries WHERE id = NEW.beneficiary_id;
END;
CREATE TRIGGER stat_appointments_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', territory_id, OLD.starts_at FROM beneficiaries WHERE id = OLD.beneficiary_id;
END;
CREATE TRIGGER stat_beneficiaries_update AFTER UPDATE OF person_key, kind, territory_id ON beneficiaries BEGIN
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('accompanied', OLD.person_key);
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('accompanied', NEW.person_key);
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', OLD.territory_id, occurred_at FROM accompaniments WHERE beneficiary_id = OLD.id;
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', NEW.territory_id, occurred_at FROM accompaniments WHERE beneficiary_id = NEW.id;
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', OLD.territory_id, starts_at FROM appointments WHERE beneficiary_id = OLD.id;
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', NEW.territory_id, starts_at FROM appointments WHERE beneficiary_id = NEW.id;
END;
-- Before a delete, while the accompaniments and appointments that cascade with it still exist.
CREATE TRIGGER stat_beneficiaries_delete BEFORE DELETE ON beneficiaries BEGIN
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('accompanied', OLD.person_key);
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'accompaniments', OLD.territory_id, occurred_at FROM accompaniments WHERE beneficiary_id = OLD.id;
    INSERT INTO stat_dirty (kind, territory_id, at) SELECT 'appointments', OLD.territory_id, starts_at FROM appointments WHERE beneficiary_id = OLD.id;
END;

-- Learning.
CREATE TRIGGER stat_diagnostics_insert AFTER INSERT ON diagnostics WHEN NEW.territory_id IS NOT NULL BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('diagnostics', NEW.territory_id, NEW.created_at);
END;
CREATE TRIGGER stat_diagnostics_update AFTER UPDATE ON diagnostics BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('diagnostics', OLD.territory_id, OLD.created_at);
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('diagnostics', NEW.territory_id, NEW.created_at);
END;
CREATE TRIGGER stat_diagnostics_delete AFTER DELETE ON diagnostics WHEN OLD.territory_id IS NOT NULL BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('diagnostics', OLD.territory_id, OLD.created_at);
END;
CREATE TRIGGER stat_passports_insert AFTER INSERT ON passports BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('passports', NEW.territory_id, NEW.issued_at);
END;
CREATE TRIGGER stat_passports_update AFTER UPDATE OF territory_id, issued_at, revoked_at ON passports BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('passports', OLD.territory_id, OLD.issued_at);
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('passports', NEW.territory_id, NEW.issued_at);
END;
CREATE TRIGGER stat_passports_delete AFTER DELETE ON passports BEGIN
    INSERT INTO stat_dirty (kind, territory_id, at) VALUES ('passports', OLD.territory_id, OLD.issued_at);
END;

-- Directory coverage, by commune.
CREATE TRIGGER stat_listings_insert AFTER INSERT ON listings WHEN NEW.insee IS NOT NULL BEGIN
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('listings', NEW.insee);
END;
CREATE TRIGGER stat_listings_update AFTER UPDATE OF insee, status, website, click_collect, online_shop ON listings BEGIN
    INSERT INTO stat_dirty (kind, ref_key) SELECT 'listings', OLD.insee WHERE OLD.insee IS NOT NULL;
    INSERT INTO stat_dirty (kind, ref_key) SELECT 'listings', NEW.insee WHERE NEW.insee IS NOT NULL;
END;
CREATE TRIGGER stat_listings_delete AFTER DELETE ON listings WHEN OLD.insee IS NOT NULL BEGIN
    INSERT INTO stat_dirty (kind, ref_key) VALUES ('listings', OLD.insee);
END;

-- The tree: a territory moved or its communes changed; everything is recounted.
CREATE TRIGGER stat_territories_insert AFTER INSERT ON territories BEGIN
    INSERT INTO stat_dirty (kind) VALUES ('tree');
END;
CREATE TRIGGER stat_territories_update AFTER UPDATE OF parent_id ON territories BEGIN
    INSERT INTO stat_dirty (kind) VALUES ('tree');
END;
CREATE TRIGGER stat_territories_delete AFTER DELETE ON territories BEGIN
    INSERT INTO stat_dirty (kind) VALUES ('tree');
END;
CREATE TRIGGER stat_territory_communes_insert AFTER INSERT ON territory_communes BEGIN
    INSERT INTO stat_dirty (kind) VALUES ('tree');
END;
CREATE TRIGGER stat_territory_communes_delete AFTER DELETE ON territory_communes BEGIN
    INSERT INTO stat_dirty (kind) VALUES ('tree');
END;
