-- The recycled stage's index, compacted (issue #3; see sqlite/0004_compact_prints.sql): integer
-- paragraph ids, band rows of two integers, band keys as int64 computed by the stage and kept in
-- `prints.bands` (bytea, little-endian int64) for deleting a replaced article's band rows. Rebuilt
-- empty; every document is marked pending so the next run fingerprints the stored articles again.
DROP TABLE print_bands;
DROP TABLE prints;
CREATE TABLE prints (
    pid        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id     text    NOT NULL,
    idx        integer NOT NULL,
    exact      text    NOT NULL,
    bands      bytea   NOT NULL,
    signature  bytea   NOT NULL,
    length     integer NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE INDEX prints_exact ON prints (exact);
CREATE TABLE print_bands (
    band  bigint NOT NULL,
    pid   bigint NOT NULL,
    PRIMARY KEY (band, pid)
);
-- New band rows land here first and move into print_bands in key order when it has grown (see
-- SQLStore._settle_bands): random inserts into a small table whose pages stay cached, and one
-- sequential merge now and then, instead of one random page write per row in the large table.
CREATE TABLE print_bands_recent (
    band  bigint NOT NULL,
    pid   bigint NOT NULL,
    PRIMARY KEY (band, pid)
);
UPDATE documents SET pending = 1;
