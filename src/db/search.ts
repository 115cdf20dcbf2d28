/**
 * Full-text search over search_index (migrations/0003): Persian and English, ZWNJ/space-insensitive.
 *
 * Queries and indexed text go through the same normaliser (src/lib/persian-core.js); the index holds
 * the normalised text with spaces removed under the trigram tokenizer, so a query is a substring
 * match of its compacted form, probed from its rarest trigrams (migrations/0013 keeps their
 * frequencies) and ranked by bm25 times a field weight. Texts shorter than a trigram are refused:
 * they could only be answered by reading the whole index. An entity matching in several fields
 * counts its best field.
 */
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { InputError } from '../lib/errors';
import {
  compactForSearch,
  FIELD_WEIGHTS,
  ftsAllOf,
  MAX_SEARCH_LENGTH,
  MIN_TRIGRAM_LENGTH,
  normalizeForSearch,
  type SearchKind,
  searchDocuments,
  searchRowIdRange,
  trigramsOf,
} from '../lib/persian';
import { keyRows, ROWS_PER_KEY } from './bound-keys';
import type { Db } from './client';
import { DEFAULT_PAGE_SIZE, type Page, TOTAL_COUNT_CAP } from './pagination';

export type { SearchKind } from '../lib/persian';

export interface SearchRow {
  kind: SearchKind;
  id: number;
  /** lower is better; negative (bm25 convention); comparable only within one result list */
  rank: number;
}

/** A search row with its 1-based position among all the hits, which its cursor carries. */
export interface SearchPageRow extends SearchRow {
  position: number;
}

export const MAX_SEARCH_LIMIT = 100;

/**
 * Pages reach the first MAX_SEARCH_WINDOW hits: a page further in would read texts in proportion
 * to its depth (hits have no keyset: bm25 scores tie), so `after` past it is refused.
 */
export const MAX_SEARCH_WINDOW = 1000;

/** Thrown for query text longer than MAX_SEARCH_LENGTH. */
export class SearchTextTooLongError extends RangeError {
  constructor(length: number) {
    super(`search text is ${length} characters long; the limit is ${MAX_SEARCH_LENGTH}`);
    this.name = 'SearchTextTooLongError';
  }
}

for (const field of Object.keys(FIELD_WEIGHTS)) {
  if (!/^[a-z_]+$/.test(field)) throw new Error(`bad search field name: ${field}`);
}
// the field weight of a row, from a constant table (never from input)
const WEIGHT = `(CASE field ${Object.entries(FIELD_WEIGHTS)
  .map(([field, weight]) => `WHEN '${field}' THEN ${weight}`)
  .join(' ')} ELSE 1 END)`;

/**
 * A search reads CANDIDATES_PER_HIT indexed texts per hit asked for (an entity may match in
 * several fields): the best by bm25 when the rarest trigram is in at most RANKED_UP_TO texts,
 * else the first in index order (ranking more would cost CPU in proportion to the matches).
 */
export const CANDIDATES_PER_HIT = 2;

/** What a search priced above the request's ceiling should narrow. */
const NARROW_SEARCH = 'ask for fewer hits (first) or send fewer searches in one request.';
export const RANKED_UP_TO = 10_000;

/** How many of the query's trigrams, rarest first, lead the index probe. */
const PROBE_TRIGRAMS = 2;

// ?1 FTS5 expression (the rarest trigrams AND the whole text), ?2 candidates. FTS5 orders by its
// own `rank` (bm25) inside the virtual table, so D1 reads only the rows returned; the field
// weight and the grouping per entity are applied to those by the caller.
const MATCH = `SELECT kind, entity_id AS id, bm25(search_index) * ${WEIGHT} AS rank
FROM search_index WHERE search_index MATCH ?1`;

/** The statements searchRows runs; exported for EXPLAIN QUERY PLAN in tests. */
export const SEARCH_SQL = {
  ranked: `${MATCH} ORDER BY search_index.rank LIMIT ?2`,
  unranked: `${MATCH} LIMIT ?2`,
} as const;

/**
 * The entities whose indexed text contains the query, best first. Empty (after normalisation)
 * text gives []; text shorter than a trigram is refused (InputError), text over MAX_SEARCH_LENGTH
 * throws SearchTextTooLongError; limit is clamped to 1..MAX_SEARCH_LIMIT.
 *
 * Two statements: the frequency of each of the text's trigrams (a trigram found nowhere ends the
 * search), then CANDIDATES_PER_HIT texts per hit holding the whole text, probed from the
 * PROBE_TRIGRAMS rarest trigrams and ranked by bm25 times the field weight. Rows read depend on
 * `first`, not on how many texts match.
 */
export async function searchRows(db: Db, text: string, limit: number): Promise<SearchRow[]> {
  if (!Number.isFinite(limit)) throw new RangeError(`bad search limit: ${limit}`);
  const n = Math.min(Math.max(Math.floor(limit), 1), MAX_SEARCH_LIMIT);
  return (await searchHits(db, text, n)).hits.slice(0, n);
}

/**
 * The best `n` hits at most (see searchRows), and whether they are all there are: false when the
 * probe stopped at its candidates, so more texts may match.
 */
async function searchHits(
  db: Db,
  text: string,
  n: number,
): Promise<{ hits: SearchRow[]; complete: boolean }> {
  if (text.length > MAX_SEARCH_LENGTH) throw new SearchTextTooLongError(text.length);
  const compact = compactForSearch(normalizeForSearch(text));
  if (compact === '') return { hits: [], complete: true };
  const trigrams = trigramsOf(compact);
  if (trigrams.length === 0) {
    throw new InputError(
      'text',
      `\`text\` must have at least ${MIN_TRIGRAM_LENGTH} letters or digits (spaces are not counted): search matches runs of ${MIN_TRIGRAM_LENGTH}. To find a region by its name, list \`regions\`.`,
    );
  }
  // how many indexed texts hold each trigram: the trigrams drive the join, one seek each
  const list = keyRows(trigrams);
  const counts = await db.all<{ term: string; doc: number }>(
    `SELECT term, doc FROM ${list.sql} ostan_trigram CROSS JOIN search_trigrams ON term = ostan_trigram.value`,
    list.params,
    // one seek per trigram by search_trigrams' key
    { rows: trigrams.length * ROWS_PER_KEY, argument: 'text', narrow: NARROW_SEARCH },
  );
  // some trigram is in no text at all
  if (counts.length < trigrams.length) return { hits: [], complete: true };
  counts.sort((a, b) => a.doc - b.doc || (a.term < b.term ? -1 : 1));
  const candidates = CANDIDATES_PER_HIT * n;
  // the rarest trigrams first, so FTS5 advances through the common ones only at their rows; the
  // whole text as a phrase, so every candidate is a match
  const terms = new Set([...counts.slice(0, PROBE_TRIGRAMS).map((row) => row.term), compact]);
  const ranked = (counts[0]?.doc ?? 0) <= RANKED_UP_TO;
  const hits = await db.all<SearchRow>(
    ranked ? SEARCH_SQL.ranked : SEARCH_SQL.unranked,
    [ftsAllOf([...terms]), candidates],
    {
      // the candidates, and no more than the rarest trigram's texts
      rows: Math.min(counts[0]?.doc ?? 0, candidates),
      argument: 'text',
      narrow: NARROW_SEARCH,
    },
  );
  return { hits: bestPerEntity(hits), complete: hits.length < candidates };
}

/** The name search cursors carry, so a list's cursor is refused here and a search's there. */
const SEARCH_ORDERING = 'SEARCH_RANK';

/**
 * One page of hits, best first, as a connection page: the cursor is the hit's position among all
 * the hits (bm25 scores tie, so they are no keyset). The count stops at TOTAL_COUNT_CAP like every
 * list's, and is exact only when the probe saw every matching text. Refuses (InputError) a
 * `first` outside 1..MAX_SEARCH_LIMIT, a cursor that is not a search's, and a page past
 * MAX_SEARCH_WINDOW.
 */
export async function searchPage(
  db: Db,
  text: string,
  args: { first?: number | null; after?: string | null },
  withTotal: boolean,
): Promise<Page<SearchPageRow>> {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new InputError(
      'first',
      `\`first\` must be between 1 and ${MAX_SEARCH_LIMIT}; got ${limit}.`,
    );
  }
  let offset = 0;
  if (args.after != null) {
    const cursor = decodeCursor(args.after);
    const position = cursor?.o === SEARCH_ORDERING ? cursor.k[0] : null;
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 1) {
      throw new InputError('after', '`after` is not a valid cursor for this search.');
    }
    offset = position;
  }
  if (offset + limit > MAX_SEARCH_WINDOW) {
    throw new InputError(
      'after',
      `Search pages reach the first ${MAX_SEARCH_WINDOW} hits; make the text more specific.`,
    );
  }
  const wanted = Math.max(offset + limit + 1, withTotal ? TOTAL_COUNT_CAP + 1 : 0);
  const { hits, complete } = await searchHits(db, text, wanted);
  return {
    rows: hits
      .slice(offset, offset + limit)
      .map((row, i) => ({ ...row, position: offset + i + 1 })),
    // a probe that stopped at its candidates may have more behind it, however few it kept
    hasNextPage: hits.length > offset + limit || !complete,
    hasPreviousPage: offset > 0,
    ...(withTotal
      ? {
          totalCount: Math.min(hits.length, TOTAL_COUNT_CAP),
          totalCountExact: complete && hits.length <= TOTAL_COUNT_CAP,
        }
      : {}),
    cursorOf: (row) => encodeCursor({ o: SEARCH_ORDERING, k: [row.position] }),
  };
}

/** One row per entity with its best (lowest) rank, best first; ties by kind and id. */
function bestPerEntity(hits: SearchRow[]): SearchRow[] {
  const best = new Map<string, SearchRow>();
  for (const hit of hits) {
    const key = `${hit.kind}:${hit.id}`;
    const seen = best.get(key);
    if (!seen || hit.rank < seen.rank) best.set(key, hit);
  }
  return [...best.values()].sort(
    (a, b) => a.rank - b.rank || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id),
  );
}

export type SearchValues = Readonly<Record<string, string | number | null | undefined>>;

/**
 * The statements that (re)index one entity: delete its rows, insert one per non-empty field.
 * Pass the entity's full row after the write (snake_case column names, e.g. a `SELECT *` row; only
 * the fields in SEARCH_KINDS[kind].fields are read) and run the statements in the same
 * db.batch() as the write, so the index never disagrees with the table.
 */
export function searchIndexStatements(
  db: Pick<D1Database, 'prepare'>,
  kind: SearchKind,
  id: number,
  values: SearchValues,
): D1PreparedStatement[] {
  const [first] = searchRowIdRange(kind, id);
  const insert =
    'INSERT INTO search_index (rowid, kind, entity_id, field, text, compact) VALUES (?1, ?2, ?3, ?4, ?5, ?6)';
  return [
    searchDeleteStatement(db, kind, id),
    ...searchDocuments(kind, values).map((doc) =>
      db.prepare(insert).bind(first + doc.position, kind, id, doc.field, doc.text, doc.compact),
    ),
  ];
}

/** The statement that removes one entity from the index (run it with the entity's DELETE). */
export function searchDeleteStatement(
  db: Pick<D1Database, 'prepare'>,
  kind: SearchKind,
  id: number,
): D1PreparedStatement {
  const [first, last] = searchRowIdRange(kind, id);
  return db.prepare('DELETE FROM search_index WHERE rowid BETWEEN ?1 AND ?2').bind(first, last);
}
