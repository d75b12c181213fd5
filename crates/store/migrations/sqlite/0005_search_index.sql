-- Search moves to an in-memory index per instance (crates/domain/src/directory/index.rs),
-- which follows the database by revision: every change of a listing takes the next value of
-- directory_revision and writes it on the row, in the same transaction.

DROP TRIGGER listings_fts_insert;
DROP TRIGGER listings_fts_delete;
DROP TRIGGER listings_fts_update;
DROP TABLE listings_fts;
DROP TABLE search_vocabulary;
DROP INDEX listings_position;

CREATE TABLE directory_revision (
    id INTEGER PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);
INSERT INTO directory_revision (id, value) VALUES (1, 1);

ALTER TABLE listings ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX listings_revision ON listings (revision);
