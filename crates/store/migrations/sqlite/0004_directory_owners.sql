-- Owners, claims, reports and the history of every listing.

-- Fields an owner or a manager edited by hand: imports never overwrite them.
ALTER TABLE listings ADD COLUMN hand_edited TEXT NOT NULL DEFAULT '';

CREATE TABLE listing_owners (
    listing_id BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (listing_id, user_id)
);
CREATE INDEX listing_owners_user ON listing_owners (user_id);

CREATE TABLE listing_claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    code_hash TEXT,
    attempts BIGINT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX listing_claims_listing ON listing_claims (listing_id, status);
CREATE INDEX listing_claims_status ON listing_claims (status);

CREATE TABLE listing_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    contact TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    closed_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX listing_reports_status ON listing_reports (status);

-- Every state a listing has had: a JSON snapshot of its editable fields after each change.
CREATE TABLE listing_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
    snapshot TEXT NOT NULL,
    changed_fields TEXT NOT NULL,
    origin TEXT NOT NULL,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX listing_versions_listing ON listing_versions (listing_id, id);
