-- Diagnostic, modules and the digital passport.
-- Timestamps are Unix seconds. JSON documents are stored as TEXT on both engines.

-- Digital-maturity questionnaires, versioned: a result keeps the version it was taken with.
-- `territory_id` NULL is the platform's questionnaire; a territory may publish its own, and
-- a diagnostic uses the nearest published one up the territory's parents.
CREATE TABLE questionnaires (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    territory_id BIGINT REFERENCES territories(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    published_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    published_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX questionnaires_version ON questionnaires (COALESCE(territory_id, 0), version);

-- One diagnostic taken. Anonymous results keep no personal data: a commune at most.
CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),
    territory_id BIGINT REFERENCES territories(id) ON DELETE SET NULL,
    insee TEXT REFERENCES communes(insee),
    audience TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    answers TEXT NOT NULL,
    axis_scores TEXT NOT NULL,
    overall_score BIGINT NOT NULL,
    level TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX diagnostics_user ON diagnostics (user_id, created_at);
CREATE INDEX diagnostics_territory ON diagnostics (territory_id, created_at);

-- The module catalogue (upserted from the code's catalogue at start-up, by slug).
CREATE TABLE modules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL,
    content TEXT NOT NULL,
    active BOOLEAN NOT NULL
);

-- A module completed by a holder (a beneficiary: one person or business in one territory),
-- with its evidence. One row per source event, so evidence is never overwritten.
CREATE TABLE module_completions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries(id) ON DELETE CASCADE,
    module_id BIGINT NOT NULL REFERENCES modules(id),
    source TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    evidence TEXT NOT NULL,
    completed_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (beneficiary_id, module_id, source, source_ref)
);
CREATE INDEX module_completions_module ON module_completions (module_id, completed_at);

-- The passport path of a territory (modules, target), inherited by its children.
CREATE TABLE passport_paths (
    territory_id BIGINT PRIMARY KEY NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
    modules TEXT NOT NULL,
    target_count BIGINT,
    target_date TEXT,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);

-- Signing keys of a territory's credentials (Ed25519). One active key per territory; retired
-- keys stay published so that credentials they signed still verify.
CREATE TABLE credential_keys (
    kid TEXT PRIMARY KEY NOT NULL,
    territory_id BIGINT NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
CREATE UNIQUE INDEX credential_keys_active ON credential_keys (territory_id) WHERE retired_at IS NULL;

-- A passport, issued once per holder when their territory's path is complete.
CREATE TABLE passports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    beneficiary_id BIGINT NOT NULL UNIQUE REFERENCES beneficiaries(id) ON DELETE CASCADE,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    holder_name TEXT NOT NULL,
    business TEXT NOT NULL,
    modules TEXT NOT NULL,
    key_id TEXT REFERENCES credential_keys(kid),
    show_name BOOLEAN NOT NULL,
    show_modules BOOLEAN NOT NULL,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT,
    revoked_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX passports_territory_issued ON passports (territory_id, issued_at);
