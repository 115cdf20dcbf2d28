/** Rows as the write engine and the change feed carry them: snake_case JSON of every column. */
import { ENTITIES } from '../entities';
import { camelKey, type EntityKind } from '../entity';

/**
 * SQL for one row of `kind` as a JSON object with every column (`alias.` prefixes each column).
 * The same expression backfilled the feed in migrations/0007, so every change has one shape.
 */
export function rowJson(kind: EntityKind, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return `json_object(${ENTITIES[kind].columns.map((c) => `'${c}', ${prefix}${c}`).join(', ')})`;
}

export type SnakeRow = Record<string, string | number | null>;

/** A snake_case row as the read layer's camelCase domain row (`region_id` → `regionId`). */
export function camelRow<Row>(row: SnakeRow): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [camelKey(key), value]),
  ) as Row;
}
