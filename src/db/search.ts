/**
 * Full-text search over search_index (migrations/0003): Persian and English, ZWNJ/space-insensitive.
 *
 * Queries and indexed text go through the same normaliser (src/lib/persian-core.js); the index holds
 * the normalised text with spaces removed under the trigram tokenizer, so a query is a substring
 * match of its compacted form. 3+ characters use the FTS index (MATCH, ranked by bm25 times a field
 * weight); 1-2 characters (e.g. «قم») fall back to LIKE on the same column, ranked by whole-word
 * match, field weight and field length. An entity matching in several fields counts its best field.
 */

import { decodeCursor, encodeCursor } from '../lib/cursor';
import { InputError } from '../lib/errors';
import {
  buildFtsQuery,
  escapeLike,
  FIELD_WEIGHTS,
  likePattern,
  MAX_SEARCH_LENGTH,
  normalizeForSearch,
  type SearchKind,
  searchDocuments,
  searchRowIdRange,
} from '../lib/persian';
import type { Db } from './client';
import { DEFAULT_PAGE_SIZE, type Page } from './pagination';

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

/** The two statements searchRows runs; exported for EXPLAIN QUERY PLAN in tests. */
export const SEARCH_SQL = {
  // ?1 FTS5 expression from buildFtsQuery, ?2 limit, ?3 offset
  // MATERIALIZED: bm25() may only run in the MATCH query itself, not once the aggregate is flattened into it
  match: `WITH hits AS MATERIALIZED (
  SELECT kind, entity_id, bm25(search_index) * ${WEIGHT} AS score
  FROM search_index WHERE search_index MATCH ?1
)
SELECT kind, entity_id AS id, min(score) AS rank FROM hits
GROUP BY kind, entity_id ORDER BY rank, kind, id LIMIT ?2 OFFSET ?3`,
  // ?1 LIKE pattern on compact, ?2 whole-word LIKE pattern on ' ' || text || ' ', ?3 limit, ?4 offset
  like: `SELECT kind, entity_id AS id, min(score) AS rank FROM (
  SELECT kind, entity_id,
    -${WEIGHT} * (CASE WHEN ' ' || text || ' ' LIKE ?2 ESCAPE '\\' THEN 2.0 ELSE 1.0 END)
      / length(compact) AS score
  FROM search_index WHERE compact LIKE ?1 ESCAPE '\\'
) GROUP BY kind, entity_id ORDER BY rank, kind, id LIMIT ?3 OFFSET ?4`,
  // the number of entities each would find: ?1 as above
  matchCount: `SELECT count(*) AS n FROM (
  SELECT DISTINCT kind, entity_id FROM search_index WHERE search_index MATCH ?1
)`,
  likeCount: `SELECT count(*) AS n FROM (
  SELECT DISTINCT kind, entity_id FROM search_index WHERE compact LIKE ?1 ESCAPE '\\'
)`,
} as const;

/** The FTS expression or the LIKE patterns for query text; null when nothing is left to find. */
function searchQuery(text: string): { fts: string } | { pattern: string; word: string } | null {
  if (text.length > MAX_SEARCH_LENGTH) throw new SearchTextTooLongError(text.length);
  const normalised = normalizeForSearch(text);
  const fts = buildFtsQuery(normalised);
  if (fts !== null) return { fts };
  const pattern = likePattern(normalised);
  return pattern === null ? null : { pattern, word: `% ${escapeLike(normalised)} %` };
}

function searchWindow(db: Db, text: string, limit: number, offset: number): Promise<SearchRow[]> {
  const query = searchQuery(text);
  if (query === null) return Promise.resolve([]);
  if ('fts' in query) return db.all<SearchRow>(SEARCH_SQL.match, [query.fts, limit, offset]);
  return db.all<SearchRow>(SEARCH_SQL.like, [query.pattern, query.word, limit, offset]);
}

async function searchCount(db: Db, text: string): Promise<number> {
  const query = searchQuery(text);
  if (query === null) return 0;
  const rows =
    'fts' in query
      ? await db.all<{ n: number }>(SEARCH_SQL.matchCount, [query.fts])
      : await db.all<{ n: number }>(SEARCH_SQL.likeCount, [query.pattern]);
  return rows[0]?.n ?? 0;
}

/**
 * The entities whose indexed text contains the query, best first.
 * Empty (after normalisation) text gives []; text over MAX_SEARCH_LENGTH throws
 * SearchTextTooLongError; limit is clamped to 1..MAX_SEARCH_LIMIT.
 */
export async function searchRows(db: Db, text: string, limit: number): Promise<SearchRow[]> {
  if (text.length > MAX_SEARCH_LENGTH) throw new SearchTextTooLongError(text.length);
  if (!Number.isFinite(limit)) throw new RangeError(`bad search limit: ${limit}`);
  return searchWindow(db, text, Math.min(Math.max(Math.floor(limit), 1), MAX_SEARCH_LIMIT), 0);
}

/** The name search cursors carry, so a list's cursor is refused here and a search's there. */
const SEARCH_ORDERING = 'SEARCH_RANK';

/**
 * One page of hits, best first, as a connection page: the cursor is the hit's position among all
 * the hits (bm25 scores tie, so they are no keyset), and the count is of distinct entities.
 * Refuses (InputError) a `first` outside 1..MAX_SEARCH_LIMIT and a cursor that is not a search's.
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
  const [rows, totalCount] = await Promise.all([
    searchWindow(db, text, limit + 1, offset),
    withTotal ? searchCount(db, text) : undefined,
  ]);
  return {
    rows: rows.slice(0, limit).map((row, i) => ({ ...row, position: offset + i + 1 })),
    hasNextPage: rows.length > limit,
    hasPreviousPage: offset > 0,
    totalCount,
    cursorOf: (row) => encodeCursor({ o: SEARCH_ORDERING, k: [row.position] }),
  };
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
