/** Keyset pagination over D1: the cursor carries the row's sort key, so every page costs the same. */
import { type CursorPayload, decodeCursor, encodeCursor } from '../lib/cursor';
import { InputError } from '../lib/errors';
import type { Db, SqlValue } from './client';
import type { Ordering } from './ordering';

/** The page size when a request names none, and the largest it may name: the one set of limits. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * `totalCount` counts at most this many rows: past it, the count stops and is reported as a lower
 * bound (`totalCountIsExact: false`), so a count reads no more than a few pages do, however many
 * rows match. Exact figures for large sets come from the totals queries.
 */
export const TOTAL_COUNT_CAP = 100;

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
  /** false when counting stopped at TOTAL_COUNT_CAP: more rows than `totalCount` match */
  totalCountExact?: boolean;
  /** the opaque cursor of one of the page's rows; computed only when a client asks for it */
  cursorOf(row: Row): string;
}

/** A filtered list: FROM/WHERE text and its bound values. */
export interface ListSource {
  select: string;
  /** the names of `select`'s columns, in order (when known, nested pages read fewer rows) */
  keys?: readonly string[];
  from: string;
  where: string[];
  params: SqlValue[];
  /** rows a page may read besides its LIMIT, to sort (`Conditions.sortRows`); 0 when it walks */
  sortRows?: number;
}

export interface Window {
  limit: number;
  backward: boolean;
  after: CursorPayload | null;
  before: CursorPayload | null;
}

/** What a list over too many rows should narrow (src/db/client.ts's reserve). */
export const NARROW_PAGES =
  'ask for smaller pages (first/last), fewer nested lists or fewer aliases, or leave out totalCount.';

/**
 * Windows already read, by the arguments object: a list's arguments are checked before its batch
 * and read again where its page is fetched, and the cursors are decoded once.
 */
const windows = new WeakMap<
  PageArgs,
  { ordering: string; columns: number; maxSize: number; window: Window }
>();

/** Validates first/last/after/before the way GitHub's API does, naming the bad argument. */
export function readWindow(args: PageArgs, ordering: Ordering, maxSize = MAX_PAGE_SIZE): Window {
  const read = windows.get(args);
  // what a window depends on: the ordering's name and width (a cursor is checked against them)
  const { name, columns } = ordering;
  if (
    read &&
    read.ordering === name &&
    read.columns === columns.length &&
    read.maxSize === maxSize
  ) {
    return read.window;
  }
  const window = parseWindow(args, ordering, maxSize);
  windows.set(args, { ordering: name, columns: columns.length, maxSize, window });
  return window;
}

function parseWindow(args: PageArgs, ordering: Ordering, maxSize: number): Window {
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

export function orderBy(ordering: Ordering, reverse: boolean) {
  return ordering.columns
    .map((column) => `${column.sql} ${Boolean(column.desc) !== reverse ? 'DESC' : 'ASC'}`)
    .join(', ');
}

export function windowConditions(ordering: Ordering, window: Window) {
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

export function toPage<Row extends object>(
  ordering: Ordering,
  window: Window,
  fetched: Row[],
): Page<Row> {
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

export function whereClause(parts: string[]) {
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
  // the page and one more; after (or before) a cursor, the seek on the first column reads the
  // cursor's own row too, and drops it
  const cursors = (window.after ? 1 : 0) + (window.before ? 1 : 0);
  const page = {
    rows: window.limit + 1 + cursors + (source.sortRows ?? 0),
    argument: 'first',
    narrow: NARROW_PAGES,
  };
  if (!withTotal) {
    return toPage(ordering, window, await db.all<Row>(pageSql, pageParams, page));
  }
  const countSql = `SELECT count(*) AS total FROM (SELECT 1 FROM ${source.from} ${whereClause(source.where)} LIMIT ?)`;
  const [rows, counts] = await db.batch<Record<string, unknown>>(
    [
      { sql: pageSql, params: pageParams },
      { sql: countSql, params: [...source.params, TOTAL_COUNT_CAP + 1] },
    ],
    { ...page, rows: page.rows + TOTAL_COUNT_CAP + 1 },
  );
  return withCount(toPage(ordering, window, (rows ?? []) as Row[]), counts?.[0]?.total);
}

/** Sets a page's count from a count capped at TOTAL_COUNT_CAP + 1 rows. */
export function withCount<Row>(page: Page<Row>, counted: unknown): Page<Row> {
  const total = Number(counted ?? 0);
  page.totalCount = Math.min(total, TOTAL_COUNT_CAP);
  page.totalCountExact = total <= TOTAL_COUNT_CAP;
  return page;
}
