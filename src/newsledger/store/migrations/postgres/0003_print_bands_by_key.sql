-- The recycled stage's band index is the largest table (32 rows per paragraph). Its second index,
-- by document, doubled the cost of every insert and only served deleting a replaced article's
-- rows, which now go through the primary key with the band keys kept in `prints.bands`
-- (measured: see benchmarks/REPORT.md, recycled paragraphs at 100,000 articles).
DROP INDEX print_bands_doc;
