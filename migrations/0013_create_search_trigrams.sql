-- Trigram frequencies of search_index, for search to probe from its rarest trigrams
-- (src/db/search.ts). An fts5vocab table is a view of the FTS5 index itself: one row per trigram
-- with the number of indexed texts holding it (`doc`), so it is right after every write with no
-- trigger and no extra storage. A lookup by `term` seeks in the index.
CREATE VIRTUAL TABLE search_trigrams USING fts5vocab(search_index, row);
