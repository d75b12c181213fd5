-- Each word of a commune's folded name but the first, so that a look-up finds
-- "Saint-Barthélemy-d'Anjou" from "barthelemy" on an index instead of scanning every name.
CREATE TABLE commune_words (
    word TEXT COLLATE "C" NOT NULL,
    insee TEXT NOT NULL REFERENCES communes(insee),
    PRIMARY KEY (word, insee)
);
