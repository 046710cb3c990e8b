-- newsledger SQLite schema, version 1.
-- Applied by SQLiteStore inside one transaction; the runner records the version in schema_version.

-- One row per stored article. The text is a column of its own (the full-text index reads it);
-- every other field of Document is in `annotations` (JSON). The n_* counts are kept in step with
-- the annotations on every write, so `stats` never parses JSON.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,          -- stable rowid for the external-content FTS index
    doc_id        TEXT    NOT NULL UNIQUE,
    content_hash  TEXT    NOT NULL,
    published     TEXT,
    language      TEXT,
    title         TEXT,
    text          TEXT    NOT NULL,
    folded        TEXT    NOT NULL,             -- search key: title + text, each word folded (sql.py)
    pending       INTEGER NOT NULL DEFAULT 1,   -- 1: the corpus stages have not seen this version
    annotations   TEXT    NOT NULL,             -- Document.to_dict() without text, as JSON
    n_paragraphs  INTEGER NOT NULL DEFAULT 0,
    n_recycled    INTEGER NOT NULL DEFAULT 0,
    n_entities    INTEGER NOT NULL DEFAULT 0,
    n_events      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_pending ON documents (pending) WHERE pending = 1;

-- Full-text index over the folded words of title + text (so Şuşa, Shusha and SHUSHA, Qartalı and
-- Qartali, Həsənov and Hasanov find each other), kept in sync by the triggers below.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    folded,
    content = 'documents', content_rowid = 'id',
    tokenize = 'unicode61'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF folded ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
    INSERT INTO documents_fts (rowid, folded) VALUES (new.id, new.folded);
END;

-- Paragraph fingerprints (recycled-text stage). `bands` keeps the LSH band keys as given (JSON).
CREATE TABLE prints (
    doc_id     TEXT    NOT NULL,
    idx        INTEGER NOT NULL,
    exact      TEXT    NOT NULL,
    bands      TEXT    NOT NULL,
    signature  BLOB    NOT NULL,
    length     INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX prints_exact ON prints (exact);

-- One row per (paragraph, band key), the key as a 64-bit hash (band_hash() in sqlite.py): candidate
-- lookup is an indexed join on `band`, and integer keys keep this largest table small.
CREATE TABLE print_bands (
    band    INTEGER NOT NULL,
    doc_id  TEXT    NOT NULL,
    idx     INTEGER NOT NULL,
    PRIMARY KEY (band, doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX print_bands_doc ON print_bands (doc_id, idx);

CREATE TABLE order_keys (
    doc_id     TEXT PRIMARY KEY,
    order_key  TEXT NOT NULL
) WITHOUT ROWID;

-- Event mentions (merge stage).
CREATE TABLE mentions (
    doc_id    TEXT    NOT NULL,
    idx       INTEGER NOT NULL,
    block     TEXT    NOT NULL,
    date_lo   TEXT,
    date_hi   TEXT,
    event_id  TEXT,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_block ON mentions (block);
CREATE INDEX mentions_event ON mentions (event_id);
