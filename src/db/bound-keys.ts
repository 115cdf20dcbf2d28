/**
 * A list of keys for a statement to join on, as rows (`key` its position, `value` the key), bound
 * as one JSON array. D1 counts each row a json_each reads as a row read, but not the rows of a
 * VALUES list: the rows here are the positions 0..n-1 (part of the statement's shape, like the
 * number of `?`s; never a value from input), each taking its key from the bound array.
 */
import type { SqlValue } from './client';

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
