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
  /**
   * false when `totalCount` is a lower bound: counting stopped at TOTAL_COUNT_CAP, or its walk
   * stopped at MAX_WALK rows (`ListWalk`) with more rows to check
   */
  totalCountExact?: boolean;
  /**
   * Where a walk stopped short of a full page (`ListWalk`): the cursor of the last row it checked,
   * which the list goes on from (the page's endCursor, or its startCursor when paging backward).
   */
  walkStop?: { cursor: string; backward: boolean };
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
  /** when some of `where` is not held by the order's index: the page's bounded walk */
  walk?: ListWalk | null;
}

/**
 * A page whose filter has conditions its order's index does not hold (a status, a sector, a range
 * on another column) is read by a bounded walk: the index, sought on `seek` (the region's
 * ancestor column, a range on the order's own column) in the page's order, at most `walkLimit`
 * entries, each row checked against `check`. A walk that finds a full page stops there; one that
 * reaches its limit first returns the rows it found, says there are more, and gives the cursor of
 * the last row it checked, so the next page goes on from there. A page therefore reads at most
 * its walk, however few rows match: it may hold fewer rows than asked for, even none, with
 * `hasNextPage` true (as Google's AIP-158 allows). `seek` and `check` together are `where`.
 */
export interface ListWalk {
  seek: string[];
  seekParams: SqlValue[];
  check: string[];
  checkParams: SqlValue[];
  /** rows the checks' own subqueries read, once per statement (`Conditions.checkRows`) */
  checkRows: number;
}

/** A walk checks at most this many index entries a page row asked for, and never more than MAX_WALK. */
export const WALK_PER_ROW = 50;
export const MAX_WALK = 2_000;

/** How many index entries a bounded walk for a page of `limit` rows checks at most. */
export function walkLimit(limit: number): number {
  return Math.min(MAX_WALK, WALK_PER_ROW * (limit + 1));
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
  if (source.walk) return fetchWalkedPage(db, source, source.walk, ordering, window, withTotal);
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

/**
 * A page by a bounded walk (`ListWalk`): the walk in the page's order is the outer loop (CROSS
 * JOIN keeps it there) and each walked row is looked up by id and checked, so rows come out in
 * the walk's order and the statement stops at the page's LIMIT or the walk's end, whichever comes
 * first. A short page runs one more statement: the walk's last entry, if the walk reached its
 * limit, is where the next page starts.
 */
async function fetchWalkedPage<Row extends object>(
  db: Db,
  source: ListSource,
  walk: ListWalk,
  ordering: Ordering,
  window: Window,
  withTotal: boolean,
): Promise<Page<Row>> {
  const keyset = windowConditions(ordering, window);
  const order = orderBy(ordering, window.backward);
  const limit = walkLimit(window.limit);
  // a cursor's keyset is an OR over the ordering's columns: each of its seeks may read one
  // entry, and its row, past its bound
  const seekRows = 2 * ordering.columns.length * ((window.after ? 1 : 0) + (window.before ? 1 : 0));
  const walked = walkedRows(source, walk, ordering, keyset, order, limit);
  const page = {
    sql: `SELECT ${source.select} ${walked.sql} LIMIT ?`,
    params: [...walked.params, window.limit + 1],
  };
  // the walk's index entries and, for each, its row (by id, to check it)
  const price = {
    rows: 2 * limit + seekRows + walk.checkRows,
    argument: 'first',
    narrow: NARROW_PAGES,
  };
  let fetched: Row[];
  let counted: { total: unknown; walked: unknown } | undefined;
  if (withTotal) {
    const whole = walkedRows(source, walk, ordering, { where: [], params: [] }, order, MAX_WALK);
    const count = {
      // the count's walk and rows, and when it found no more than the cap, the walk counted
      // again from the index alone to tell whether it stopped at its limit
      sql: `SELECT counted.total AS total, CASE WHEN counted.total > ${TOTAL_COUNT_CAP} THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM ${source.from} ${whereClause(walk.seek)} ORDER BY ${order} LIMIT ${MAX_WALK})) END AS walked FROM (SELECT count(*) AS total FROM (SELECT 1 ${whole.sql} LIMIT ?)) counted`,
      params: [...walk.seekParams, ...whole.params, TOTAL_COUNT_CAP + 1],
    };
    const [rows, counts] = await db.batch<Record<string, unknown>>([page, count], {
      ...price,
      rows: price.rows + 3 * MAX_WALK + walk.checkRows,
    });
    fetched = (rows ?? []) as Row[];
    counted = counts?.[0] as { total: unknown; walked: unknown } | undefined;
  } else {
    fetched = await db.all<Row>(page.sql, page.params, price);
  }
  const result = toPage(ordering, window, fetched);
  if (fetched.length <= window.limit) {
    // a short page: did the walk stop at its limit with entries beyond? Its last entry and the
    // next, from the index alone
    const keys = ordering.columns.map((column, i) => `${column.sql} AS "k${i}"`).join(', ');
    const [last, beyond] = await db.all<Record<string, SqlValue>>(
      `SELECT ${keys} FROM ${source.from} ${whereClause([...walk.seek, ...keyset.where])} ORDER BY ${order} LIMIT 2 OFFSET ?`,
      [...walk.seekParams, ...keyset.params, limit - 1],
      { rows: limit + 1 + seekRows, argument: 'first', narrow: NARROW_PAGES },
    );
    if (last && beyond) {
      const cursor = encodeCursor({
        o: ordering.name,
        k: ordering.columns.map((_, i) => last[`k${i}`] ?? null),
      });
      result.walkStop = { cursor, backward: window.backward };
      if (window.backward) result.hasPreviousPage = true;
      else result.hasNextPage = true;
    }
  }
  if (!withTotal) return result;
  withCount(result, counted?.total);
  if (Number(counted?.walked ?? 0) >= MAX_WALK) result.totalCountExact = false;
  return result;
}

/**
 * FROM and WHERE of a bounded walk: at most `limit` ids from the order's index, sought on the
 * walk's `seek` and the keyset, in `order`, then each row by id, checked. No ORDER BY follows: the
 * rows come out in the walk's order (the walk is the outer loop of the join), so a LIMIT stops
 * the walk early (test/db/query-plans.test.ts checks the plan: no sort).
 */
function walkedRows(
  source: ListSource,
  walk: ListWalk,
  ordering: Ordering,
  keyset: { where: string[]; params: SqlValue[] },
  order: string,
  limit: number,
) {
  // every ordering ends with the entity's unique id column
  const id = ordering.columns[ordering.columns.length - 1]?.sql ?? 'id';
  return {
    sql: `FROM (SELECT ${id} AS ostan_id FROM ${source.from} ${whereClause([...walk.seek, ...keyset.where])} ORDER BY ${order} LIMIT ${limit}) ostan_walk CROSS JOIN ${source.from} WHERE ${[`${id} = ostan_walk.ostan_id`, ...walk.check].join(' AND ')}`,
    params: [...walk.seekParams, ...keyset.params, ...walk.checkParams],
  };
}

/** Sets a page's count from a count capped at TOTAL_COUNT_CAP + 1 rows. */
export function withCount<Row>(page: Page<Row>, counted: unknown): Page<Row> {
  const total = Number(counted ?? 0);
  page.totalCount = Math.min(total, TOTAL_COUNT_CAP);
  page.totalCountExact = total <= TOTAL_COUNT_CAP;
  return page;
}
