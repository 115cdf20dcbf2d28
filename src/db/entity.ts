/**
 * An entity table defined once: its columns (snake_case, in table order), the camelCase row the
 * API reads, batched lookups by id and slug, and the list source the pagination builds on.
 */
import { InputError } from '../lib/errors';
import type { SearchKind } from '../lib/persian';
import { keyRows, ROWS_PER_KEY } from './bound-keys';
import type { Db, SqlValue } from './client';
import type { Ordering } from './ordering';
import type { ListSource } from './pagination';

/** Columns every writable table has for versions and the change feed; rows read leave them out. */
export const BOOKKEEPING_COLUMNS = ['version', 'created_at', 'updated_at'] as const;

export type EntityKind =
  | 'source'
  | 'region'
  | 'sector'
  | 'indicator'
  | 'project'
  | 'energy_asset'
  | 'plan'
  | 'claim'
  | 'plan_target';

/** A column name as the key of the API's row: `region_id` → `regionId`. */
export function camelKey(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `areaSource` → `area_source`: the column name of a camelCase key. */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * A column that names another row, set from an input field by the other row's slug: a row of one
 * kind, or (claims' subject) of the kind another column names.
 */
export type Reference =
  | { column: string; kind: EntityKind }
  | { column: string; kindColumn: string; kinds: readonly EntityKind[] };

/** What the write engine needs besides the columns: references, own region, required columns. */
export interface WriteShape {
  /** by the input field that sets it: every column naming another row */
  references: Readonly<Record<string, Reference>>;
  /** the column that holds the row's own region ('id' for a region); null: the row has none */
  region: string | null;
  /** the columns a row cannot be without (NOT NULL), besides id and the bookkeeping ones */
  notNull: readonly string[];
  /** the reference field (to a row of the same kind) that makes the table a tree */
  parent: string | null;
}

export interface Entity<Row extends { id: number; slug: string }> extends WriteShape {
  kind: EntityKind;
  table: string;
  alias: string;
  /** every column in table order: what a change carries and what replaying it restores */
  columns: readonly string[];
  /** `alias.column AS key, …`: the row in its API shape */
  select: string;
  /** the row's keys, in column order (what `select` names its columns) */
  keys: readonly string[];
  search: SearchKind | null;
  /** `alias.id`-ordered keyset, the default and tie-breaking order */
  byIdOrdering: Ordering;
  byIds(db: Db, ids: readonly number[]): Promise<(Row | null)[]>;
  bySlugs(db: Db, slugs: readonly string[]): Promise<(Row | null)[]>;
  list(where?: string[], params?: SqlValue[]): ListSource;
  /**
   * For each id, the rows whose `column` holds it, ordered by `order` within each: at most
   * MAX_PER_KEY (refused above, naming `field`), read through the index on (`column`, id).
   */
  rowsOf(
    column: string,
    order: string,
    field: string,
  ): (db: Db, ids: readonly number[]) => Promise<Row[][]>;
}

export function defineEntity<Row extends { id: number; slug: string }>(
  spec: {
    kind: EntityKind;
    /** the table, where it is not the kind's plural (`energy_asset` → `energy_assets`) */
    table?: string;
    alias: string;
    /**
     * the table's own columns in table order, without the bookkeeping ones; a trailing `!` marks
     * a column a row cannot be without (NOT NULL: `'slug!'`)
     */
    columns: readonly string[];
    search: SearchKind | null;
    /**
     * by input field, the columns naming another row; a kind alone stands for the column named
     * after the field (`areaSource: 'source'` is `area_source_id`, a source)
     */
    references?: Readonly<Record<string, Reference | EntityKind>>;
  } & Partial<Omit<WriteShape, 'notNull' | 'references'>>,
): Entity<Row> {
  const { alias } = spec;
  const columns = spec.columns.map((column) => column.replace(/!$/, ''));
  const notNull = spec.columns.filter((column) => column.endsWith('!')).map((c) => c.slice(0, -1));
  const table = spec.table ?? `${spec.kind}s`;
  const from = `${table} ${alias}`;
  const rowKeys = columns.map(camelKey);
  const select = columns
    .map((column) => {
      const key = camelKey(column);
      return key === column ? `${alias}.${column}` : `${alias}.${column} AS ${key}`;
    })
    .join(', ');
  async function byKeys<Key extends number | string>(
    db: Db,
    column: 'id' | 'slug',
    keys: readonly Key[],
  ): Promise<(Row | null)[]> {
    if (keys.length === 0) return [];
    // the keys drive the join (CROSS JOIN keeps that order): one seek per key, where `IN (…)`
    // reads each key twice more, and on a small table the planner scans the whole table instead
    const list = keyRows(keys);
    const rows = await db.all<Row>(
      `SELECT ${select} FROM ${list.sql} ostan_key CROSS JOIN ${from} ON ${alias}.${column} = ostan_key.value`,
      list.params,
      { rows: keys.length * ROWS_PER_KEY },
    );
    const byKey = new Map<unknown, Row>(rows.map((row) => [row[column], row]));
    return keys.map((key) => byKey.get(key) ?? null);
  }
  return {
    kind: spec.kind,
    table,
    alias,
    columns: [...columns, ...BOOKKEEPING_COLUMNS],
    select,
    keys: rowKeys,
    search: spec.search,
    references: Object.fromEntries(
      Object.entries(spec.references ?? {}).map(([field, ref]) => [
        field,
        typeof ref === 'string' ? { column: `${snakeKey(field)}_id`, kind: ref } : ref,
      ]),
    ),
    region: spec.region ?? null,
    notNull,
    parent: spec.parent ?? null,
    byIdOrdering: { name: 'ID', columns: [{ sql: `${alias}.id`, key: 'id' }] },
    byIds: (db, ids) => byKeys(db, 'id', ids),
    bySlugs: (db, slugs) => byKeys(db, 'slug', slugs),
    list: (where = [], params = []) => ({ select, keys: rowKeys, from, where, params }),
    rowsOf: (column, order, field) => (db, ids) =>
      rowsForEach<Row>(
        db,
        ids,
        (row) => (row as Record<string, unknown>)[camelKey(column)] as number,
        `SELECT ${select} FROM json_each(?) ostan_key
         JOIN ${from} ON ${alias}.id IN ${capped(table, `${column} = ostan_key.value`, 'id')}
         ORDER BY ${alias}.${column}, ${order}`,
        field,
      ),
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

/**
 * The most rows one key's list holds where a list field has no page (a plan's targets, a plant's
 * phases, a claim's alternatives): each such statement reads at most this many and one more per
 * key, so its price is known before it runs; a key with more is refused, never cut short.
 */
export const MAX_PER_KEY = 50;

/**
 * D1 rows a capped list statement reads per key: the key (json_each), and for each of up to
 * MAX_PER_KEY + 2 rows its index entry, its copy into the IN list, the row itself and the
 * sorter. Measured with lists cut off by the LIMIT: a claim's alternatives read 209 rows per key,
 * its successors 205 (test/db/capped-lists.test.ts keeps checking).
 */
export function rowsPerCappedKey(cap = MAX_PER_KEY): number {
  return 2 + 4 * (cap + 2);
}

/** rowsPerCappedKey at MAX_PER_KEY. */
export const ROWS_PER_CAPPED_KEY = rowsPerCappedKey();

/**
 * `(SELECT id FROM table WHERE match ORDER BY order LIMIT cap + 1 + extra)`: one key's list, cut
 * off by the LIMIT while the index (whose order `order` follows) is walked, so it reads no more
 * than that however many rows match. `extra`: rows the caller drops (the key's own row).
 */
export function capped(
  table: string,
  match: string,
  order: string,
  { extra = 0, cap = MAX_PER_KEY }: { extra?: number; cap?: number } = {},
): string {
  return `(SELECT id FROM ${table} WHERE ${match} ORDER BY ${order} LIMIT ${cap + 1 + extra})`;
}

/**
 * Refuses lists of more than MAX_PER_KEY rows (a `capped` list that reached its LIMIT): after the
 * statement, within its price, so that no answer is a list cut short.
 */
export function refuseLongLists<Row>(lists: Row[][], field: string, cap = MAX_PER_KEY): Row[][] {
  if (lists.some((list) => list.length > cap)) {
    throw new InputError(
      field,
      `\`${field}\` lists at most ${cap} items for each parent, and one here has more: ask for \`${field}\` of fewer items, or read them through a paged list.`,
    );
  }
  return lists;
}

/**
 * For each id, the rows `sql` gives for it, in the statement's order: the statement takes the ids
 * as one JSON array parameter (`FROM json_each(?)`), reads each id's list through `capped`, and
 * `keyOf` says which id a row belongs to. Priced at ROWS_PER_CAPPED_KEY per id and list; a list longer
 * than MAX_PER_KEY is refused, naming `field`.
 */
export async function rowsForEach<Row>(
  db: Db,
  ids: readonly number[],
  keyOf: (row: Row) => number,
  sql: string,
  field: string,
  /** how many `capped` lists the statement reads for each id */
  lists = 1,
): Promise<Row[][]> {
  const rows = await db.all<Row>(sql, [JSON.stringify(ids)], {
    rows: ids.length * lists * ROWS_PER_CAPPED_KEY,
    argument: field,
  });
  return refuseLongLists(groupBy(ids, rows, keyOf), field);
}
