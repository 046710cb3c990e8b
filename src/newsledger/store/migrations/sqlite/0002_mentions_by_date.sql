-- The merge stage reads a new mention's neighbourhood: the rows of its block whose dates start
-- in a window around its own (issue #6: incremental merging instead of re-clustering a block).
CREATE INDEX mentions_block_date ON mentions (block, date_lo);
