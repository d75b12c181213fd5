-- Foundation: reference geography, territories, accounts, sessions, outbox, rate limits.
-- Timestamps are Unix seconds (BIGINT) on both engines.

CREATE TABLE regions (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE departments (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    region TEXT NOT NULL REFERENCES regions(code)
);

CREATE TABLE epcis (
    siren TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE communes (
    insee TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent TEXT,
    department TEXT NOT NULL,
    region TEXT NOT NULL,
    epci TEXT,
    population BIGINT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION
);
CREATE INDEX communes_search_name ON communes (search_name);
CREATE INDEX communes_department ON communes (department);
CREATE INDEX communes_epci ON communes (epci);

CREATE TABLE commune_postcodes (
    postcode TEXT NOT NULL,
    insee TEXT NOT NULL REFERENCES communes(insee),
    PRIMARY KEY (postcode, insee)
);
CREATE INDEX commune_postcodes_insee ON commune_postcodes (insee);

CREATE TABLE territories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES territories(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE territory_communes (
    territory_id BIGINT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
    insee TEXT NOT NULL REFERENCES communes(insee),
    PRIMARY KEY (territory_id, insee)
);
CREATE INDEX territory_communes_insee ON territory_communes (insee);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    locale TEXT NOT NULL,
    is_platform_admin BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE role_grants (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    territory_id BIGINT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, territory_id, role)
);
CREATE INDEX role_grants_territory ON role_grants (territory_id);

CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE rate_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_bucket_at ON rate_events (bucket, at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    template TEXT NOT NULL,
    recipient TEXT NOT NULL,
    locale TEXT NOT NULL,
    params TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    locked_until BIGINT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
