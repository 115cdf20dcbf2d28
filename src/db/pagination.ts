/** Keyset pagination over D1: the cursor carries the row's sort key, so every page costs the same. */
import { type CursorPayload, decodeCursor, encodeCursor } from '../lib/cursor';
import { InputError } from '../lib/errors';
import type { Db, SqlValue } from './client';
import type { Ordering } from './ordering';

/** The page size when a request names none, and the largest it may name: the one set of limits. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** One page of a list: its rows, whether more lie either side, and (when asked) the whole count. */
export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount?: number;
  /** the opaque cursor of one of the page's rows; computed only when a client asks for it */
  cursorOf(row: Row): string;
}

/** A filtered list: FROM/WHERE text and its bound values. */
export interface ListSource {
  select: string;
  from: string;
  where: string[];
  params: SqlValue[];
}

interface Window {
  limit: number;
  backward: boolean;
  after: CursorPayload | null;
  before: CursorPayload | null;
}

/** Validates first/last/after/before the way GitHub's API does, naming the bad argument. */
export function readWindow(args: PageArgs, ordering: Ordering, maxSize = MAX_PAGE_SIZE): Window {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new InputError(
      'first',
      'Pass either `first` or `last` to paginate a connection, not both.',
    );
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (!Number.isInteger(value) || value < 1 || value > maxSize)) {
      throw new InputError(name, `\`${name}\` must be between 1 and ${maxSize}; got ${value}.`);
    }
  }
  const decode = (name: 'after' | 'before'): CursorPayload | null => {
    const text = args[name];
    if (text == null) return null;
    const cursor = decodeCursor(text);
    if (!cursor || cursor.k.length !== ordering.columns.length) {
      throw new InputError(name, `\`${name}\` is not a valid cursor for this connection.`);
    }
    if (cursor.o !== ordering.name) {
      throw new InputError(
        name,
        `\`${name}\` is a cursor for the ordering ${cursor.o}, but this request orders by ${ordering.name}.`,
      );
    }
    return cursor;
  };
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last != null,
    after: decode('after'),
    before: decode('before'),
  };
}

/**
 * SQL for "row comes after (or before) this key" in the ordering, expanded for mixed directions.
 * A leading bound on the first column lets SQLite seek into the index instead of walking it from
 * the start: page 500 then reads what page 1 reads.
 */
function keysetCondition(ordering: Ordering, key: CursorPayload['k'], after: boolean) {
  const params: SqlValue[] = [];
  const alternatives: string[] = [];
  ordering.columns.forEach((column, i) => {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      // IS rather than =, so a NULL sort value still matches its own group
      parts.push(`${ordering.columns[j]?.sql} IS ?`);
      params.push(key[j] ?? null);
    }
    const forward = after !== Boolean(column.desc);
    parts.push(`${column.sql} ${forward ? '>' : '<'} ?`);
    params.push(key[i] ?? null);
    alternatives.push(`(${parts.join(' AND ')})`);
  });
  const first = ordering.columns[0];
  if (first && key[0] != null && ordering.columns.length > 1) {
    const forward = after !== Boolean(first.desc);
    return {
      sql: `(${first.sql} ${forward ? '>=' : '<='} ? AND (${alternatives.join(' OR ')}))`,
      params: [key[0], ...params],
    };
  }
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

function orderBy(ordering: Ordering, reverse: boolean) {
  return ordering.columns
    .map((column) => `${column.sql} ${Boolean(column.desc) !== reverse ? 'DESC' : 'ASC'}`)
    .join(', ');
}

function windowConditions(ordering: Ordering, window: Window) {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (window.after) {
    const condition = keysetCondition(ordering, window.after.k, true);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  if (window.before) {
    const condition = keysetCondition(ordering, window.before.k, false);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  return { where, params };
}

function cursorOf(ordering: Ordering, row: object): string {
  return encodeCursor({
    o: ordering.name,
    k: ordering.columns.map((column) =>
      column.value
        ? column.value(row as Record<string, unknown>)
        : (((row as Record<string, unknown>)[column.key] ?? null) as string | number | null),
    ),
  });
}

function toPage<Row extends object>(ordering: Ordering, window: Window, fetched: Row[]): Page<Row> {
  const hasMore = fetched.length > window.limit;
  const rows = fetched.slice(0, window.limit);
  if (window.backward) rows.reverse();
  return {
    rows,
    hasNextPage: window.backward ? window.before !== null : hasMore,
    hasPreviousPage: window.backward ? hasMore : window.after !== null,
    cursorOf: (row) => cursorOf(ordering, row),
  };
}

function whereClause(parts: string[]) {
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}

/** One page of a list, and its total count when asked, in one D1 round trip. */
export async function fetchPage<Row extends object>(
  db: Db,
  source: ListSource,
  ordering: Ordering,
  args: PageArgs,
  withTotal: boolean,
  maxSize = MAX_PAGE_SIZE,
): Promise<Page<Row>> {
  const window = readWindow(args, ordering, maxSize);
  const keyset = windowConditions(ordering, window);
  const pageSql = `SELECT ${source.select} FROM ${source.from} ${whereClause([...source.where, ...keyset.where])} ORDER BY ${orderBy(ordering, window.backward)} LIMIT ?`;
  const pageParams = [...source.params, ...keyset.params, window.limit + 1];
  if (!withTotal) {
    return toPage(ordering, window, await db.all<Row>(pageSql, pageParams));
  }
  const countSql = `SELECT count(*) AS total FROM ${source.from} ${whereClause(source.where)}`;
  const [rows, counts] = await db.batch<Record<string, unknown>>([
    { sql: pageSql, params: pageParams },
    { sql: countSql, params: source.params },
  ]);
  const page = toPage(ordering, window, (rows ?? []) as Row[]);
  page.totalCount = Number(counts?.[0]?.total ?? 0);
  return page;
}

/**
 * How child rows belong to a parent: a column holding the parent's id, or (for the region and
 * sector trees) a column holding the id of the parent or of any region/sector below it.
 */
export type ParentLink = string | { tree: 'regions' | 'sectors'; column: string };

/**
 * The same page of a child list for many parents at once (one statement, or two with counts),
 * so a nested connection costs the same whatever the number of parents.
 */
export async function fetchChildPages<Row extends object>(
  db: Db,
  source: ListSource,
  parent: ParentLink,
  parentIds: readonly number[],
  ordering: Ordering,
  args: PageArgs,
  withTotal: boolean,
): Promise<Page<Row>[]> {
  const window = readWindow(args, ordering);
  const keyset = windowConditions(ordering, window);
  const ids = JSON.stringify(parentIds);
  let prefix = '';
  let from = source.from;
  let parentColumn: string;
  const where = [...source.where];
  if (typeof parent === 'string') {
    parentColumn = parent;
    where.unshift(`${parent} IN (SELECT value FROM json_each(?))`);
  } else {
    // every row in the subtree of each parent counts as that parent's
    prefix = `WITH RECURSIVE subtree(root, id) AS (SELECT value, value FROM json_each(?) UNION ALL SELECT subtree.root, x.id FROM ${parent.tree} x JOIN subtree ON x.parent_id = subtree.id) `;
    from = `subtree JOIN ${source.from} ON ${parent.column} = subtree.id`;
    parentColumn = 'subtree.root';
  }
  const pageSql = `${prefix}SELECT * FROM (SELECT ${source.select}, ${parentColumn} AS "__parent", row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${orderBy(ordering, window.backward)}) AS "__rn" FROM ${from} ${whereClause([...where, ...keyset.where])}) WHERE "__rn" <= ? ORDER BY "__parent", "__rn"`;
  const statements = [
    { sql: pageSql, params: [ids, ...source.params, ...keyset.params, window.limit + 1] },
  ];
  if (withTotal) {
    statements.push({
      sql: `${prefix}SELECT ${parentColumn} AS "__parent", count(*) AS total FROM ${from} ${whereClause(where)} GROUP BY ${parentColumn}`,
      params: [ids, ...source.params],
    });
  }
  const [rows = [], counts = []] = await db.batch<Record<string, unknown>>(statements);
  const byParent = new Map<number, Row[]>();
  for (const row of rows) {
    const parent = Number(row.__parent);
    const { __parent: _p, __rn: _r, ...rest } = row;
    const list = byParent.get(parent) ?? [];
    list.push(rest as Row);
    byParent.set(parent, list);
  }
  const totals = new Map(counts.map((row) => [Number(row.__parent), Number(row.total)]));
  return parentIds.map((id) => {
    const page = toPage(ordering, window, byParent.get(id) ?? []);
    if (withTotal) page.totalCount = totals.get(id) ?? 0;
    return page;
  });
}
