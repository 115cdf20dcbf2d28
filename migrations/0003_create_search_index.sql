-- Full-text search over Persian and English text (see src/lib/persian.ts and src/db/search.ts).
--
-- One row per (entity, field). Every text is written ALREADY NORMALISED by the application with
-- src/lib/persian-core.js (the same code normalises queries), because SQLite cannot run that code:
--   text     the normalised field (ی/ک folded, ZWNJ and diacritics removed, digits ASCII, lower case)
--   compact  text with every space removed: «پروژه‌ها», «پروژهها» and «پروژه ها» are all «پروژهها»
-- Only `compact` is indexed, with the trigram tokenizer, so a query is a substring match of the
-- compacted query (MATCH for 3+ characters, LIKE on the same column for 1-2 characters).
-- rowid = entity_id * 256 + kind code * 16 + field position (see SEARCH_KINDS), so one entity's rows
-- are one rowid range and re-indexing it never scans the table.
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED,
  entity_id UNINDEXED,
  field UNINDEXED,
  text UNINDEXED,
  compact,
  tokenize = 'trigram'
);
