/**
 * Full-text search over search_index (migrations/0003): Persian and English, ZWNJ/space-insensitive.
 *
 * Queries and indexed text go through the same normaliser (src/lib/persian-core.js); the index holds
 * the normalised text with spaces removed under the trigram tokenizer, so a query is a substring
 * match of its compacted form. 3+ characters use the FTS index (MATCH, ranked by bm25 times a field
 * weight); 1-2 characters (e.g. «قم») fall back to LIKE on the same column, ranked by whole-word
 * match, field weight and field length. An entity matching in several fields counts its best field.
 */
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

export type { SearchKind } from '../lib/persian';

export interface SearchRow {
  kind: SearchKind;
  id: number;
  /** lower is better; negative (bm25 convention); comparable only within one result list */
  rank: number;
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
  // ?1 FTS5 expression from buildFtsQuery, ?2 limit
  // MATERIALIZED: bm25() may only run in the MATCH query itself, not once the aggregate is flattened into it
  match: `WITH hits AS MATERIALIZED (
  SELECT kind, entity_id, bm25(search_index) * ${WEIGHT} AS score
  FROM search_index WHERE search_index MATCH ?1
)
SELECT kind, entity_id AS id, min(score) AS rank FROM hits
GROUP BY kind, entity_id ORDER BY rank, kind, id LIMIT ?2`,
  // ?1 LIKE pattern on compact, ?2 whole-word LIKE pattern on ' ' || text || ' ', ?3 limit
  like: `SELECT kind, entity_id AS id, min(score) AS rank FROM (
  SELECT kind, entity_id,
    -${WEIGHT} * (CASE WHEN ' ' || text || ' ' LIKE ?2 ESCAPE '\\' THEN 2.0 ELSE 1.0 END)
      / length(compact) AS score
  FROM search_index WHERE compact LIKE ?1 ESCAPE '\\'
) GROUP BY kind, entity_id ORDER BY rank, kind, id LIMIT ?3`,
} as const;

/**
 * The entities whose indexed text contains the query, best first.
 * Empty (after normalisation) text gives []; text over MAX_SEARCH_LENGTH throws
 * SearchTextTooLongError; limit is clamped to 1..MAX_SEARCH_LIMIT.
 */
export async function searchRows(db: Db, text: string, limit: number): Promise<SearchRow[]> {
  if (text.length > MAX_SEARCH_LENGTH) throw new SearchTextTooLongError(text.length);
  if (!Number.isFinite(limit)) throw new RangeError(`bad search limit: ${limit}`);
  const n = Math.min(Math.max(Math.floor(limit), 1), MAX_SEARCH_LIMIT);
  const normalised = normalizeForSearch(text);
  const fts = buildFtsQuery(normalised);
  if (fts !== null) return db.all<SearchRow>(SEARCH_SQL.match, [fts, n]);
  const pattern = likePattern(normalised);
  if (pattern === null) return [];
  return db.all<SearchRow>(SEARCH_SQL.like, [pattern, `% ${escapeLike(normalised)} %`, n]);
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
