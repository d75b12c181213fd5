-- The directory of local actors. Text search: search_name/search_body hold folded, lightly
-- stemmed words (computed in Rust, identical on both engines), indexed by FTS5 here and by a
-- tsvector on PostgreSQL.

CREATE TABLE categories (
    slug TEXT PRIMARY KEY NOT NULL,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    naf_prefixes TEXT NOT NULL,
    osm_tags TEXT NOT NULL
);

CREATE TABLE listings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    address TEXT NOT NULL,
    postcode TEXT NOT NULL,
    insee TEXT REFERENCES communes(insee),
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    category TEXT REFERENCES categories(slug),
    naf_code TEXT,
    tags TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL,
    social TEXT NOT NULL,
    click_collect BOOLEAN NOT NULL,
    delivery BOOLEAN NOT NULL,
    online_shop BOOLEAN NOT NULL,
    appointment BOOLEAN NOT NULL,
    wheelchair BOOLEAN NOT NULL,
    opening_hours TEXT NOT NULL,
    status TEXT NOT NULL,
    search_name TEXT NOT NULL,
    search_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX listings_position ON listings (latitude, longitude);
CREATE INDEX listings_insee ON listings (insee);
CREATE INDEX listings_category ON listings (category);

-- Every distinct search word, to find the intended word behind a typo.
CREATE TABLE search_vocabulary (
    term TEXT PRIMARY KEY NOT NULL
);

CREATE VIRTUAL TABLE listings_fts USING fts5(
    search_name, search_body,
    content = 'listings', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
    INSERT INTO listings_fts (rowid, search_name, search_body) VALUES (new.id, new.search_name, new.search_body);
END;
CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
    INSERT INTO listings_fts (listings_fts, rowid, search_name, search_body) VALUES ('delete', old.id, old.search_name, old.search_body);
END;
CREATE TRIGGER listings_fts_update AFTER UPDATE OF search_name, search_body ON listings BEGIN
    INSERT INTO listings_fts (listings_fts, rowid, search_name, search_body) VALUES ('delete', old.id, old.search_name, old.search_body);
    INSERT INTO listings_fts (rowid, search_name, search_body) VALUES (new.id, new.search_name, new.search_body);
END;
