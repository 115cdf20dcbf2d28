/** What every entity table offers the API: load by id or slug in batches, and list sources. */
import type { Db, SqlValue } from './client';
import type { ListSource, Ordering } from './pagination';

export interface Table<Row extends { id: number; slug: string }> {
  /** `alias.id`-ordered keyset, the default and tie-breaking order */
  byIdOrdering: Ordering;
  byIds(db: Db, ids: readonly number[]): Promise<(Row | null)[]>;
  bySlugs(db: Db, slugs: readonly string[]): Promise<(Row | null)[]>;
  list(where?: string[], params?: SqlValue[]): ListSource;
}

/**
 * `columns` selects the row with camelCase aliases, so rows arrive in their domain shape
 * without a mapping step.
 */
export function defineTable<Row extends { id: number; slug: string }>(spec: {
  table: string;
  alias: string;
  columns: string;
}): Table<Row> {
  const from = `${spec.table} ${spec.alias}`;
  async function byKeys<Key extends number | string>(
    db: Db,
    column: 'id' | 'slug',
    keys: readonly Key[],
  ): Promise<(Row | null)[]> {
    if (keys.length === 0) return [];
    // json_each binds a whole batch as one parameter, far below D1's 100-parameter limit
    const rows = await db.all<Row>(
      `SELECT ${spec.columns} FROM ${from} WHERE ${spec.alias}.${column} IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(keys)],
    );
    const byKey = new Map<unknown, Row>(rows.map((row) => [row[column], row]));
    return keys.map((key) => byKey.get(key) ?? null);
  }
  return {
    byIdOrdering: { name: 'ID', columns: [{ sql: `${spec.alias}.id`, key: 'id' }] },
    byIds: (db, ids) => byKeys(db, 'id', ids),
    bySlugs: (db, slugs) => byKeys(db, 'slug', slugs),
    list: (where = [], params = []) => ({ select: spec.columns, from, where, params }),
  };
}

/** SQL (and its one bound value) for "`column` is `rootId` or any region/sector below it". */
export function inSubtree(column: string, tree: 'regions' | 'sectors', rootId: number) {
  return {
    sql: `${column} IN (WITH RECURSIVE d(id) AS (SELECT ? UNION ALL SELECT x.id FROM ${tree} x JOIN d ON x.parent_id = d.id) SELECT id FROM d)`,
    params: [rootId],
  };
}

/** Splits rows into one list per key, in the order of `keys` (empty where a key has none). */
export function groupBy<Row, Key>(
  keys: readonly Key[],
  rows: Row[],
  keyOf: (row: Row) => Key,
): Row[][] {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
