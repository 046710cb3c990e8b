-- The recycled stage's index, compacted (issue #3: its cost per article grew with the archive;
-- measured in benchmarks/REPORT.md). A paragraph gets an integer id (`pid`, the rowid), so a band
-- row is two integers instead of a key, a doc_id and an index; band keys are 64-bit integers
-- computed by the stage (no JSON, no re-hashing); `prints.bands` keeps them as a blob of
-- little-endian int64, read only to delete a replaced article's band rows. The old tables held
-- band keys in another form, so they are rebuilt empty and every document is marked pending: the
-- next run of the corpus stages fingerprints the stored articles again (labels are recomputed from
-- the stored text; nothing else is touched).
DROP TABLE print_bands;
DROP TABLE prints;
CREATE TABLE prints (
    pid        INTEGER PRIMARY KEY AUTOINCREMENT,     -- never reused: band rows name it
    doc_id     TEXT    NOT NULL,
    idx        INTEGER NOT NULL,
    exact      TEXT    NOT NULL,
    bands      BLOB    NOT NULL,
    signature  BLOB    NOT NULL,
    length     INTEGER NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE INDEX prints_exact ON prints (exact);
CREATE TABLE print_bands (
    band  INTEGER NOT NULL,
    pid   INTEGER NOT NULL,
    PRIMARY KEY (band, pid)
) WITHOUT ROWID;
-- New band rows land here first and move into print_bands in key order when it has grown (see
-- SQLStore._settle_bands): random inserts into a small table whose pages stay cached, and one
-- sequential merge now and then, instead of one random page write per row in the large table.
CREATE TABLE print_bands_recent (
    band  INTEGER NOT NULL,
    pid   INTEGER NOT NULL,
    PRIMARY KEY (band, pid)
) WITHOUT ROWID;
UPDATE documents SET pending = 1;
