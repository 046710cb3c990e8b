-- newsledger PostgreSQL schema, version 1 (same tables as sqlite/0001_init.sql).
-- Applied by PostgresStore inside one transaction; the runner records the version in schema_version.

CREATE TABLE documents (
    id            bigserial PRIMARY KEY,
    doc_id        text    NOT NULL UNIQUE,
    content_hash  text    NOT NULL,
    published     text,
    language      text,
    title         text,
    text          text    NOT NULL,
    folded        text    NOT NULL,               -- search key: title + text, each word folded (sql.py)
    pending       smallint NOT NULL DEFAULT 1,    -- 1: the corpus stages have not seen this version
    annotations   jsonb   NOT NULL,               -- Document.to_dict() without text
    n_paragraphs  integer NOT NULL DEFAULT 0,
    n_recycled    integer NOT NULL DEFAULT 0,
    n_entities    integer NOT NULL DEFAULT 0,
    n_events      integer NOT NULL DEFAULT 0,
    -- full text over the folded words; 'simple' (no stemming, no stop words) as FTS5's unicode61.
    -- Cut at 300,000 characters: a tsvector holds at most 1 MB, and an article is far shorter.
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', left(folded, 300000))) STORED
);
CREATE INDEX documents_tsv ON documents USING gin (tsv);
CREATE INDEX documents_pending ON documents (pending) WHERE pending = 1;

-- Paragraph fingerprints; band keys as given in `bands` (JSON), and as 64-bit hashes in print_bands.
CREATE TABLE prints (
    doc_id     text    NOT NULL,
    idx        integer NOT NULL,
    exact      text    NOT NULL,
    bands      text    NOT NULL,
    signature  bytea   NOT NULL,
    length     integer NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX prints_exact ON prints (exact);

CREATE TABLE print_bands (
    band    bigint  NOT NULL,
    doc_id  text    NOT NULL,
    idx     integer NOT NULL,
    PRIMARY KEY (band, doc_id, idx)
);
CREATE INDEX print_bands_doc ON print_bands (doc_id, idx);

CREATE TABLE order_keys (
    doc_id     text PRIMARY KEY,
    order_key  text NOT NULL
);

CREATE TABLE mentions (
    doc_id    text    NOT NULL,
    idx       integer NOT NULL,
    block     text    NOT NULL,
    date_lo   text,
    date_hi   text,
    event_id  text,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_block ON mentions (block);
CREATE INDEX mentions_event ON mentions (event_id);
