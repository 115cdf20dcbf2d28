/**
 * Persian-correct search text. The normaliser lives in persian-core.js (plain JS, so the Node seed
 * builder runs the very same code); this module re-exports it for the Worker and adds the pure
 * query-building parts used by src/db/search.ts.
 */
import { compactForSearch, MIN_TRIGRAM_LENGTH } from './persian-core';

export type { SearchDocument, SearchKind, SearchKindInfo } from './persian-core';
export {
  compactForSearch,
  FIELD_WEIGHTS,
  MAX_SEARCH_LENGTH,
  MIN_TRIGRAM_LENGTH,
  NORMALIZER_VERSION,
  normalizeForSearch,
  SEARCH_ENTITY_STRIDE,
  SEARCH_KIND_STRIDE,
  SEARCH_KINDS,
  searchDocuments,
  searchRowIdRange,
} from './persian-core';

/** The one indexed column of search_index (migrations/0003). */
export const SEARCH_COLUMN = 'compact';

/**
 * A safe FTS5 MATCH expression for normalised query text, or null when the trigram index cannot
 * answer it (empty, or shorter than MIN_TRIGRAM_LENGTH once spaces are removed: use likePattern).
 *
 * The whole compacted query is ONE quoted string, restricted to the indexed column. Inside an FTS5
 * string every character is literal except '"', which is doubled; so `*`, `:`, `^`, `(`, `-`, `+`,
 * NEAR, OR, AND and NOT are plain text. With the trigram tokenizer a quoted string matches it as a
 * substring, which is what makes «پروژه‌ها», «پروژهها» and «پروژه ها» one query.
 */
export function buildFtsQuery(normalised: string): string | null {
  const compact = compactForSearch(normalised);
  if ([...compact].length < MIN_TRIGRAM_LENGTH) return null;
  return `${SEARCH_COLUMN} : "${compact.replaceAll('"', '""')}"`;
}

/**
 * A LIKE pattern (use with ESCAPE '\') matching the compacted query anywhere in the compact column:
 * the fallback for 1-2 character queries such as «قم», which trigrams cannot match. Null when empty.
 */
export function likePattern(normalised: string): string | null {
  const compact = compactForSearch(normalised);
  if (compact === '') return null;
  return `%${escapeLike(compact)}%`;
}

/** Escapes LIKE's wildcards for use with ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
