-- Coaches and accompaniment: coach profiles with their weekly hours and exceptions, the people
-- and businesses they help (beneficiaries), appointments booked without an account, and the
-- record a coach writes after each appointment.
--
-- No double booking holds in the database: a booking first bumps its coach's `booking_turn`
-- (the row lock on PostgreSQL; SQLite has one writer), then checks overlaps and the day's
-- count, then inserts; and a unique index refuses two live appointments at one start.

CREATE TABLE coaches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    slug TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    structure_kind TEXT NOT NULL,
    structure_name TEXT NOT NULL,
    presentation TEXT NOT NULL,
    themes TEXT NOT NULL,
    languages TEXT NOT NULL,
    audiences TEXT NOT NULL,
    zone_communes TEXT NOT NULL,
    zone_radius_km DOUBLE PRECISION,
    base_insee TEXT REFERENCES communes(insee),
    base_address TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    modalities TEXT NOT NULL,
    accessibility TEXT NOT NULL,
    appointment_minutes BIGINT NOT NULL,
    buffer_minutes BIGINT NOT NULL,
    max_per_day BIGINT NOT NULL,
    notice_hours BIGINT NOT NULL,
    horizon_days BIGINT NOT NULL,
    feed_secret TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    booking_turn BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX coaches_territory ON coaches (territory_id);
CREATE INDEX coaches_position ON coaches (latitude, longitude);

-- Weekly hours in Europe/Paris local time: ISO weekday (1 = Monday), minutes after midnight.
CREATE TABLE coach_weekly_hours (
    coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL,
    starts_minute BIGINT NOT NULL,
    ends_minute BIGINT NOT NULL,
    PRIMARY KEY (coach_id, weekday, starts_minute)
);

-- Holidays and one-off openings over local days (`first_day`..=`last_day`, YYYY-MM-DD).
-- `closed` without minutes closes whole days; with minutes, that part of each day.
-- `open` adds those hours on each day.
CREATE TABLE coach_exceptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    starts_minute BIGINT,
    ends_minute BIGINT,
    note TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX coach_exceptions_coach ON coach_exceptions (coach_id, last_day);

-- A business or person helped in a territory, recognised by e-mail or phone (`person_key`).
CREATE TABLE beneficiaries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    person_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    business TEXT NOT NULL,
    insee TEXT REFERENCES communes(insee),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (territory_id, person_key)
);

-- The coaches who may read a beneficiary's follow-up: those it booked, those it was shared with.
CREATE TABLE beneficiary_coaches (
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries(id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (beneficiary_id, coach_id)
);
CREATE INDEX beneficiary_coaches_coach ON beneficiary_coaches (coach_id);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    modality TEXT NOT NULL,
    themes TEXT NOT NULL,
    need TEXT NOT NULL,
    status TEXT NOT NULL,
    locale TEXT NOT NULL,
    secret TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    cancelled_by TEXT,
    reminder_sent_at BIGINT
);
CREATE UNIQUE INDEX appointments_one_per_start ON appointments (coach_id, starts_at) WHERE status = 'booked';
CREATE INDEX appointments_coach_starts ON appointments (coach_id, starts_at);
CREATE INDEX appointments_beneficiary ON appointments (beneficiary_id, starts_at);
CREATE INDEX appointments_starts ON appointments (starts_at);

-- What a coach records after an appointment (or a contact without one).
CREATE TABLE accompaniments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries(id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    appointment_id BIGINT UNIQUE REFERENCES appointments(id) ON DELETE SET NULL,
    occurred_at BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    themes TEXT NOT NULL,
    outcome TEXT NOT NULL,
    summary TEXT NOT NULL,
    next_steps TEXT NOT NULL,
    modules TEXT NOT NULL,
    no_show BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX accompaniments_beneficiary ON accompaniments (beneficiary_id, occurred_at);
CREATE INDEX accompaniments_coach ON accompaniments (coach_id, occurred_at);
