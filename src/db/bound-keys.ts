/**
 * A list of keys for a statement to join on, as rows (`key` its position, `value` the key). D1
 * counts each row a json_each reads as a row read, but not the rows of a VALUES list, so keys
 * are bound one per parameter when the statement has parameters to spare (D1 allows 100), and as
 * one JSON array otherwise.
 */
import type { SqlValue } from './client';

/** D1's limit on bound parameters per statement (d1/platform/limits). */
export const MAX_BOUND_PARAMETERS = 100;

/**
 * A FROM item with the columns `key` and `value`, one row per key in order; `otherParams` is how
 * many parameters the rest of the statement binds.
 */
export function keyRows(
  keys: readonly SqlValue[],
  otherParams: number,
): { sql: string; params: SqlValue[] } {
  if (keys.length === 0 || keys.length + otherParams > MAX_BOUND_PARAMETERS) {
    return { sql: 'json_each(?)', params: [JSON.stringify(keys)] };
  }
  const rows = keys.map((_, i) => `(${i}, ?)`).join(', ');
  return {
    sql: `(SELECT column1 AS key, column2 AS value FROM (VALUES ${rows}))`,
    params: [...keys],
  };
}
