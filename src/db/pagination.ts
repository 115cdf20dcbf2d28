/** Keyset pagination over D1: the cursor carries the row's sort key, so every page costs the same. */
import { type CursorPayload, decodeCursor, encodeCursor } from '../lib/cursor';
import { InputError } from '../lib/errors';
import type { Db, ReadPrice, SqlValue } from './client';
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
  /**
   * Paging forward: the row after the page, which the statement read to tell that there is one (an
   * export's next walked page starts at it rather than walk again the entries before it).
   */
  following?: Row;
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
  /**
   * An index that holds every condition (`Conditions.countedBy`), in which a count seeks only
   * entries that match: the count reads it, capped, instead of walking the order's index.
   */
  counted?: { from: string; rows: number };
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

/**
 * The rows after (or before) a cursor's key as seeks an index can make, one per column: the rows
 * that share the key up to that column and come after it in that column, from the last column to
 * the first, which is the order they sort in. (A NULL in the key's column has nothing after it in
 * its group: a nullable order groups nulls by its "is null" column.)
 */
function keysetArms(ordering: Ordering, key: CursorPayload['k'], after: boolean) {
  const arms: { sql: string; params: SqlValue[]; column: number }[] = [];
  for (let i = ordering.columns.length - 1; i >= 0; i -= 1) {
    const column = ordering.columns[i];
    const value = key[i] ?? null;
    if (!column || value === null) continue;
    const parts: string[] = [];
    const params: SqlValue[] = [];
    for (let j = 0; j < i; j += 1) {
      const prefix = key[j] ?? null;
      if (prefix === null) parts.push(`${ordering.columns[j]?.sql} IS NULL`);
      else {
        parts.push(`${ordering.columns[j]?.sql} = ?`);
        params.push(prefix);
      }
    }
    parts.push(`${column.sql} ${after !== Boolean(column.desc) ? '>' : '<'} ?`);
    params.push(value);
    arms.push({ sql: parts.join(' AND '), params, column: i });
  }
  return arms;
}

/** Two values of one column as SQLite orders them (numbers by value, text by its UTF-8 bytes). */
function compareSql(a: string | number, b: string | number): number {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}

/**
 * The rows strictly between two keys, `from` and `to` (`after`: `to` comes after `from` in the
 * ordering), as index seeks: the rows after `from` that share its key up to the first column where
 * the keys differ, then the rows between the keys in that column, then the rows before `to` that
 * share its key that far; in the order they sort. Each arm is a range an index ends, so a window
 * with both cursors stops at the second instead of scanning past it. Null when a key is null in
 * the column where they differ (an ordering groups nulls by an "is null" column, so it is not).
 */
function intervalArms(
  ordering: Ordering,
  from: CursorPayload['k'],
  to: CursorPayload['k'],
  after: boolean,
) {
  const columns = ordering.columns;
  const j = columns.findIndex((_, i) => (from[i] ?? null) !== (to[i] ?? null));
  if (j < 0) return [];
  const [low, high] = [from[j] ?? null, to[j] ?? null];
  if (low === null || high === null || typeof low !== typeof high) return null;
  // `to` must lie beyond `from` in the scan's direction; if not, nothing lies between them
  const order = compareSql(low, high);
  if (order === 0 || order < 0 !== (after !== Boolean(columns[j]?.desc))) return [];
  const prefix = (key: CursorPayload['k'], end: number) => {
    const parts: string[] = [];
    const params: SqlValue[] = [];
    for (let k = 0; k < end; k += 1) {
      const value = key[k] ?? null;
      if (value === null) parts.push(`${columns[k]?.sql} IS NULL`);
      else {
        parts.push(`${columns[k]?.sql} = ?`);
        params.push(value);
      }
    }
    return { parts, params };
  };
  const beyond = (i: number, forward: boolean) =>
    `${columns[i]?.sql} ${forward !== Boolean(columns[i]?.desc) ? '>' : '<'} ?`;
  const arms: { sql: string; params: SqlValue[]; column: number }[] = [];
  for (let i = columns.length - 1; i > j; i -= 1) {
    const value = from[i] ?? null;
    if (value === null) continue;
    const { parts, params } = prefix(from, i);
    arms.push({
      sql: [...parts, beyond(i, after)].join(' AND '),
      params: [...params, value],
      column: i,
    });
  }
  const middle = prefix(from, j);
  arms.push({
    sql: [...middle.parts, beyond(j, after), beyond(j, !after)].join(' AND '),
    params: [...middle.params, from[j] ?? null, to[j] ?? null],
    column: j,
  });
  for (let i = j + 1; i < columns.length; i += 1) {
    const value = to[i] ?? null;
    if (value === null) continue;
    const { parts, params } = prefix(to, i);
    arms.push({
      sql: [...parts, beyond(i, !after)].join(' AND '),
      params: [...params, value],
      column: i,
    });
  }
  return arms;
}

/**
 * The first `limit` rows of `from` under `where` in the window, in the page's order, as one
 * statement. After (or before) a cursor it is one index seek per column of the ordering
 * (`keysetArms`), concatenated in the order they sort: UNION ALL runs its arms in turn and stops
 * at the LIMIT. One condition over every column seeks on the first column only, so a page inside
 * a run of rows sharing it (every row with a value shares a nullable order's "is null") re-read
 * the run before its cursor. With both cursors (`after` and `before`) it is the seeks of the rows
 * strictly between them (`intervalArms`), which end at the second cursor.
 */
export function windowSelect(
  select: string,
  from: string,
  where: readonly string[],
  params: readonly SqlValue[],
  ordering: Ordering,
  window: Window,
  limit: number,
): { sql: string; params: SqlValue[] } {
  const order = orderBy(ordering, window.backward);
  const seek = window.backward ? window.before : window.after;
  const other = window.backward ? window.after : window.before;
  const between = seek && other ? intervalArms(ordering, seek.k, other.k, !window.backward) : null;
  if (between) return armsSelect(select, from, where, params, ordering, window, limit, between);
  const bound = other ? keysetCondition(ordering, other.k, window.backward) : null;
  const base = bound ? [...where, bound.sql] : [...where];
  const baseParams = bound ? [...params, ...bound.params] : [...params];
  if (!seek) {
    return {
      sql: `SELECT ${select} FROM ${from} ${whereClause(base)} ORDER BY ${order} LIMIT ${limit}`,
      params: baseParams,
    };
  }
  const arms = keysetArms(ordering, seek.k, !window.backward);
  return armsSelect(select, from, base, baseParams, ordering, window, limit, arms);
}

/** The arms' rows (`keysetArms`, `intervalArms`), each under `where`, concatenated in order. */
function armsSelect(
  select: string,
  from: string,
  where: readonly string[],
  params: readonly SqlValue[],
  ordering: Ordering,
  window: Window,
  limit: number,
  arms: readonly { sql: string; params: SqlValue[]; column: number }[],
): { sql: string; params: SqlValue[] } {
  if (arms.length === 0) return { sql: `SELECT ${select} FROM ${from} WHERE 0`, params: [] };
  return {
    sql: `${arms
      .map(
        // the columns before the arm's are fixed by it: ordering by the rest lets an index on the
        // same columns in either direction serve it, scanned either way, with no sort
        (arm) =>
          `SELECT * FROM (SELECT ${select} FROM ${from} ${whereClause([...where, arm.sql])} ORDER BY ${orderBy({ ...ordering, columns: ordering.columns.slice(arm.column) }, window.backward)} LIMIT ${limit})`,
      )
      .join(' UNION ALL ')} LIMIT ${limit}`,
    params: arms.flatMap((arm) => [...params, ...arm.params]),
  };
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
    following: hasMore && !window.backward ? fetched[window.limit] : undefined,
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
  const selected = windowSelect(
    source.select,
    source.from,
    source.where,
    source.params,
    ordering,
    window,
    window.limit + 1,
  );
  const pageSql = selected.sql;
  const pageParams = selected.params;
  const page = { rows: plainPageRows(ordering, window), argument: 'first', narrow: NARROW_PAGES };
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
  const limit = walkLimit(window.limit);
  const walked = walkedRows(source, walk, ordering, window, limit);
  const page = {
    sql: `SELECT ${source.select} ${walked.sql} LIMIT ?`,
    params: [...walked.params, window.limit + 1],
  };
  const price = {
    rows: walkedPageRows(walk, ordering, window),
    argument: 'first',
    narrow: NARROW_PAGES,
  };
  let fetched: Row[];
  let counted: { total: unknown; walked: unknown } | undefined;
  if (withTotal && walk.counted) {
    // an index holds every condition: counted there, capped, as an unwalked list is
    const [rows, counts] = await db.batch<Record<string, unknown>>(
      [
        page,
        {
          sql: `SELECT count(*) AS total FROM (SELECT 1 FROM ${walk.counted.from} ${whereClause([...walk.seek, ...walk.check])} LIMIT ?)`,
          params: [...walk.seekParams, ...walk.checkParams, TOTAL_COUNT_CAP + 1],
        },
      ],
      { ...price, rows: price.rows + walk.counted.rows },
    );
    fetched = (rows ?? []) as Row[];
    counted = { total: counts?.[0]?.total, walked: 0 };
  } else if (withTotal) {
    const whole = walkedRows(
      source,
      walk,
      ordering,
      { ...window, after: null, before: null },
      MAX_WALK,
    );
    const order = orderBy(ordering, window.backward);
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
    const [last, beyond] = await walkEntryAt(db, source.from, walk, ordering, window, limit, {
      rows: walkStopRows(ordering, window),
      argument: 'first',
      narrow: NARROW_PAGES,
    });
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
 * The `n`th entry of a walk's index past the window's cursor, and the entry after it (undefined
 * where there is none), from the index alone, their keys as k0, k1, …: where a walk of `n`
 * entries stops and whether entries lie beyond it.
 */
export async function walkEntryAt(
  db: Db,
  from: string,
  walk: ListWalk,
  ordering: Ordering,
  window: Window,
  n: number,
  price: ReadPrice,
): Promise<(Record<string, SqlValue> | undefined)[]> {
  const keys = ordering.columns.map((column, i) => `${column.sql} AS "k${i}"`).join(', ');
  const entries = windowSelect(keys, from, walk.seek, walk.seekParams, ordering, window, n + 1);
  const [last, beyond] = await db.all<Record<string, SqlValue>>(
    `SELECT * FROM (${entries.sql}) LIMIT 2 OFFSET ?`,
    [...entries.params, n - 1],
    price,
  );
  return [last, beyond];
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
  window: Window,
  limit: number,
) {
  // every ordering ends with the entity's unique id column
  const id = ordering.columns[ordering.columns.length - 1]?.sql ?? 'id';
  const ids = windowSelect(
    `${id} AS ostan_id`,
    source.from,
    walk.seek,
    walk.seekParams,
    ordering,
    window,
    limit,
  );
  return {
    sql: `FROM (${ids.sql}) ostan_walk CROSS JOIN ${source.from} WHERE ${[`${id} = ostan_walk.ostan_id`, ...walk.check].join(' AND ')}`,
    params: [...ids.params, ...walk.checkParams],
  };
}

/** The page and one more; after (or before) a cursor, each column's seek may read one entry past its bound. */
function plainPageRows(ordering: Ordering, window: Window): number {
  return window.limit + 1 + seekRows(ordering, window);
}

/**
 * A walked page: the walk's index entries and, for each, its row (by id, to check it); each seek
 * of a cursor may read an entry past its bound, and its row.
 */
function walkedPageRows(walk: ListWalk, ordering: Ordering, window: Window): number {
  return 2 * walkLimit(window.limit) + 2 * seekRows(ordering, window) + walk.checkRows;
}

/** A short walked page's look at where its walk stopped: the walk's entries again and one more. */
function walkStopRows(ordering: Ordering, window: Window): number {
  return walkLimit(window.limit) + 1 + 2 * seekRows(ordering, window);
}

/**
 * The most `fetchPage` may read for one page of `source` (its count aside): the page's statement
 * and, walked, the look at where a short page's walk stopped. An export prices its pages so.
 */
export function pageRows(source: ListSource, ordering: Ordering, window: Window): number {
  return source.walk
    ? walkedPageRows(source.walk, ordering, window) + walkStopRows(ordering, window)
    : plainPageRows(ordering, window);
}

/** What a window's cursors' seeks may read past their bounds: an entry per column and cursor. */
export function seekRows(ordering: Ordering, window: Window): number {
  return ordering.columns.length * ((window.after ? 1 : 0) + (window.before ? 1 : 0));
}

/** Sets a page's count from a count capped at TOTAL_COUNT_CAP + 1 rows. */
export function withCount<Row>(page: Page<Row>, counted: unknown): Page<Row> {
  const total = Number(counted ?? 0);
  page.totalCount = Math.min(total, TOTAL_COUNT_CAP);
  page.totalCountExact = total <= TOTAL_COUNT_CAP;
  return page;
}
