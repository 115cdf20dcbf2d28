/**
 * Persian-correct search text. The normaliser lives in persian-core.js (plain JS, so the Node seed
 * builder runs the very same code); this module re-exports it for the Worker and adds the pure
 * query-building parts used by src/db/search.ts.
 */
import { MIN_TRIGRAM_LENGTH } from './persian-core';

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
 * A safe FTS5 MATCH expression: every term present, each one quoted string restricted to the
 * indexed column. Inside an FTS5 string every character is literal except '"', which is doubled;
 * so `*`, `:`, `^`, `(`, `-`, `+`, NEAR, OR, AND and NOT are plain text.
 */
export function ftsAllOf(terms: readonly string[]): string {
  return terms.map((term) => `${SEARCH_COLUMN} : "${term.replaceAll('"', '""')}"`).join(' AND ');
}

/**
 * The distinct trigrams of compacted text, as the trigram tokenizer cuts them (by character, not
 * UTF-16 unit); none when it is shorter than MIN_TRIGRAM_LENGTH.
 */
export function trigramsOf(compact: string): string[] {
  const chars = [...compact];
  const out = new Set<string>();
  for (let i = 0; i + MIN_TRIGRAM_LENGTH <= chars.length; i++) {
    out.add(chars.slice(i, i + MIN_TRIGRAM_LENGTH).join(''));
  }
  return [...out];
}
