-- Workshops and large events: programmes (many sessions over days and rooms), series (the same
-- workshop every week), sessions with their capacity, trainers, registrations with the waitlist,
-- and the satisfaction survey. Seats taken are counted on the session row (`confirmed`) and
-- changed only by conditional updates under the row's lock, so capacity holds across instances.

CREATE TABLE event_programmes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE event_series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    programme_id BIGINT REFERENCES event_programmes(id),
    series_id BIGINT REFERENCES event_series(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    themes TEXT NOT NULL,
    modules TEXT NOT NULL,
    audiences TEXT NOT NULL,
    level TEXT NOT NULL,
    language TEXT NOT NULL,
    venue_listing_id BIGINT REFERENCES listings(id) ON DELETE SET NULL,
    venue_name TEXT NOT NULL,
    venue_address TEXT NOT NULL,
    insee TEXT REFERENCES communes(insee),
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    room TEXT NOT NULL,
    online_url TEXT NOT NULL,
    accessibility TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    capacity BIGINT NOT NULL,
    confirmed BIGINT NOT NULL,
    registration_opens_at BIGINT,
    registration_closes_at BIGINT,
    status TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX events_starts ON events (starts_at);
CREATE INDEX events_territory_starts ON events (territory_id, starts_at);
CREATE INDEX events_programme ON events (programme_id, starts_at);
CREATE INDEX events_series ON events (series_id, starts_at);

CREATE TABLE event_trainers (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_trainers_user ON event_trainers (user_id);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_key TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    business TEXT NOT NULL,
    locale TEXT NOT NULL,
    status TEXT NOT NULL,
    secret TEXT NOT NULL,
    walk_in BOOLEAN NOT NULL,
    consent_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    cancelled_at BIGINT,
    checked_in_at BIGINT,
    reminder_sent_at BIGINT,
    survey_sent_at BIGINT,
    UNIQUE (event_id, person_key)
);
CREATE INDEX registrations_event_status ON registrations (event_id, status, id);

CREATE TABLE survey_responses (
    registration_id BIGINT PRIMARY KEY NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    content BIGINT NOT NULL,
    trainer BIGINT NOT NULL,
    usefulness BIGINT NOT NULL,
    recommend BIGINT NOT NULL,
    comment TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX survey_responses_event ON survey_responses (event_id);
