/**
 * A list of keys for a statement to join on, as rows (`key` its position, `value` the key), bound
 * as one JSON array. D1 counts each row a json_each reads as a row read, but not the rows of a
 * VALUES list: the rows here are the positions 0..n-1 (part of the statement's shape, like the
 * number of `?`s; never a value from input), each taking its key from the bound array.
 */
import type { SqlValue } from './client';

/**
 * D1 rows a statement driven by `keyRows` reads per key, seeking a row by its primary key or a
 * unique column: the row sought, found or not (the VALUES rows are not counted). Measured: k keys
 * by id or by slug read k rows.
 */
export const ROWS_PER_KEY = 1;

/**
 * D1 rows an `IN (SELECT value FROM json_each(?))` by primary key reads per key: the json_each
 * row, its copy into the IN list and the row sought (measured: 3 per key).
 */
export const ROWS_PER_JSON_KEY = 3;

/** A FROM item with the columns `key` and `value`, one row per key, in order; one parameter. */
export function keyRows(keys: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  const params = [JSON.stringify(keys)];
  if (keys.length === 0) return { sql: '(SELECT 0 AS key, NULL AS value WHERE 0)', params: [] };
  const positions = keys.map((_, i) => `(${i})`).join(', ');
  return {
    sql: `(SELECT column1 AS key, json_extract(?, '$[' || column1 || ']') AS value FROM (VALUES ${positions}))`,
    params,
  };
}
