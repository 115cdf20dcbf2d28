/**
 * Nested lists: the same page of a child list for many parents in one statement, each parent's
 * page read within a bound that does not depend on how many rows the parent has or how few of
 * them match. Each parent takes one of three routes (`Route`):
 *
 * - its own index: an index led by the parent's column and then the page's order (a province's or
 *   county's projects, the country's by the order's own index, a source's claims by id). With no
 *   filter to check, the page reads its LIMIT there; with one, it walks that index at most
 *   `walkLimit` entries, as a top-level list does (`ListWalk`).
 * - a bounded sort: a parent with no such index (a sector, a region below county level, a source's
 *   claims by date) whose rows number no more than the walk limit has them read by the parent's
 *   own column and sorted: a full, exact page.
 * - the order's walk: such a parent with more rows walks the order's index (the whole list's, in
 *   the page's order) at most `walkLimit` entries, checking each row's parent.
 *
 * A walk that stops short of a full page says where it stopped (`Page.walkStop`), per parent.
 * Counts count within the parent's first `walkLimit` rows when there is a filter to check, and
 * say when that made them a lower bound. The parents are a VALUES list (src/db/bound-keys.ts).
 */
import { encodeCursor } from '../lib/cursor';
import { keyRows } from './bound-keys';
import type { Db, SqlValue } from './client';
import type { Ordering } from './ordering';
import {
  type ListSource,
  type ListWalk,
  NARROW_PAGES,
  orderBy,
  type Page,
  type PageArgs,
  readWindow,
  seekRows,
  TOTAL_COUNT_CAP,
  toPage,
  type Window,
  walkLimit,
  whereClause,
  windowConditions,
  windowSelect,
  withCount,
} from './pagination';
import { subtreeRows } from './row-counts';

/**
 * How child rows belong to a parent: a column holding the parent's id, or (for the region and
 * sector trees) a column holding the id of the parent or of any region/sector below it. A region
 * tree list is over a table with the ancestor columns `province_id` and `county_id` (migration
 * 0008) and, for each of its orders, an index led by each of them (0020).
 */
export type ParentLink = string | KeyedLink | { tree: 'regions' | 'sectors'; column: string };

/**
 * A column holding the parent's id, with an index (column, id) and, for each column of
 * `orderedBy`, one led by the column and then that order (both directions, nulls last): a page
 * in such an order reads the parent's own index too (claims about a subject by date, migration
 * 0023).
 */
export interface KeyedLink {
  column: string;
  orderedBy: readonly string[];
}

/** The tree a parent link walks, if it is a tree link. */
function treeOf(parent: ParentLink): 'regions' | 'sectors' | null {
  return typeof parent === 'object' && 'tree' in parent ? parent.tree : null;
}

/** Whether `ordering` sorts by one of `columns` (nulls last or not), ties broken by id. */
function ordersBy(ordering: Ordering, columns: readonly string[]): boolean {
  const sorted = ordering.columns.slice(0, -1);
  return (
    sorted.length > 0 &&
    columns.some((column) =>
      sorted.every(({ sql }) => sql === column || sql === `(${column} IS NULL)`),
    )
  );
}

/** A SQL fragment and its positional parameters, in the order they appear in the text. */
interface Fragment {
  sql: string;
  params: SqlValue[];
}

/** The filter of a nested list, split for the parents' walks (`Conditions.nested`). */
export type ChildFilter = ListWalk;

const NO_FILTER: ChildFilter = {
  seek: [],
  seekParams: [],
  check: [],
  checkParams: [],
  checkRows: 0,
};

/** How one kind of parent's rows are found; `ostan_parent` is the parent's row in the statement. */
interface Route {
  /** the rows of the parent, as conditions an index of the parent's column seeks */
  match: Fragment;
  /** true when an index is led by `match` and then the page's order */
  own: boolean;
  /** for a parent without one: `match` as a check of one row that reads nothing */
  member?: Fragment;
  /** for a tree parent without one: the subtree (`ostan_parent.tree` holds it as text) */
  tree?: { name: 'regions' | 'sectors'; column: string };
}

/** Rows of the subtree rooted at the outer parent `ostan_parent.value`. */
function subtree(tree: 'regions' | 'sectors'): string {
  return `(WITH RECURSIVE d(id) AS (SELECT ostan_parent.value UNION ALL SELECT x.id FROM ${tree} x JOIN d ON x.parent_id = d.id) SELECT id FROM d)`;
}

/** The region kinds with an index led by them (a country: the order's own index). */
const OWN_INDEX_KINDS = ['country', 'province', 'county'] as const;

/**
 * The routes of a parent link: one, or for the region tree one per kind with its own index and one
 * for every region below (`routes.length === 4`, in OWN_INDEX_KINDS order and then the rest).
 * `held` are the conditions tying a row to the parent that the parent's index holds too.
 */
function routesOf(parent: ParentLink, held: Fragment, ordering: Ordering): Route[] {
  const and = (condition: string): Fragment => ({
    sql: [condition, held.sql].filter(Boolean).join(' AND '),
    params: held.params,
  });
  if (typeof parent === 'string' || !('tree' in parent)) {
    const keyed = typeof parent === 'string' ? { column: parent, orderedBy: [] } : parent;
    const match = and(`${keyed.column} = ostan_parent.value`);
    // the parent's column has an index (column, id): its own in id order, and in the orders
    // its other indexes give
    const own = ordering.columns.length === 1 || ordersBy(ordering, keyed.orderedBy);
    return [{ match, own, member: match }];
  }
  const alias = parent.column.split('.')[0];
  const inTree: Route = {
    match: and(`${parent.column} IN ${subtree(parent.tree)}`),
    own: false,
    member: and(`instr(ostan_parent.tree, ',' || ${parent.column} || ',') > 0`),
    tree: { name: parent.tree, column: parent.column },
  };
  if (parent.tree === 'sectors') return [inTree];
  return [
    { match: and(''), own: true },
    { match: and(`${alias}.province_id = ostan_parent.value`), own: true },
    { match: and(`${alias}.county_id = ostan_parent.value`), own: true },
    inTree,
  ];
}

/** One expression per parent, by its route (for the region tree, by the parent's kind). */
function byRoute(routes: readonly Route[], body: (route: Route) => Fragment): Fragment {
  const [only] = routes;
  if (routes.length === 1 && only) return body(only);
  const branches = routes.map(body);
  const whens = OWN_INDEX_KINDS.map((kind, i) => `WHEN '${kind}' THEN ${branches[i]?.sql}`);
  return {
    sql: `(CASE ostan_parent.kind ${whens.join(' ')} ELSE ${branches[3]?.sql} END)`,
    params: branches.flatMap((branch) => branch.params),
  };
}

/**
 * Nested pages of up to this many rows come back as one JSON array of rows per parent, read
 * while walking the parent's index: no row is read twice. Larger pages come back as each
 * parent's ids joined to their rows (three rows read per row), so that no parent's JSON can
 * approach D1's 2 MB limit on a value (a project row holds up to ~20 KB of text).
 */
const JSON_PAGE_LIMIT = 20;

/**
 * A row's value as JSON keeps its type (a number, a string or null), but SQLite writes a REAL
 * with 15 significant digits; `quote()` writes it so that it reads back exactly, wrapped in an
 * array to tell it from text.
 */
function jsonValue(key: string): string {
  const column = `"${key}"`;
  return `CASE WHEN typeof(${column}) = 'real' THEN json_array(quote(${column})) ELSE ${column} END`;
}

/**
 * A row from its JSON values, in `keys` order. A plain loop: a nested page of claims decodes ~25
 * values a row for hundreds of rows, and `Object.fromEntries` over mapped pairs allocated two
 * arrays a value (`deep` spent 2 ms of JavaScript a request here).
 */
function fromJson(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i += 1) {
    const value = values[i];
    row[keys[i] as string] = Array.isArray(value) ? Number(value[0]) : value;
  }
  return row;
}

/** The most values D1 binds to one statement. */
const MAX_BOUND = 100;

/**
 * A statement's `?`s numbered, each distinct value bound once: a nested page repeats its filter in
 * each route's branches, and D1 binds at most 100 values a statement. A statement within that is
 * sent as it is (numbering scans statements of many kilobytes).
 */
export function numbered(sql: string, params: readonly SqlValue[]): Fragment {
  if (params.length <= MAX_BOUND) return { sql, params: [...params] };
  const slots = new Map<string, number>();
  const values: SqlValue[] = [];
  let next = 0;
  // a quoted literal is passed over whole (its `?`s are text); each `?` outside one is numbered
  const text = sql.replace(/'[^']*(?:'|$)|\?/g, (match) => {
    if (match !== '?') return match;
    const value = params[next] ?? null;
    next += 1;
    const key = `${typeof value}:${String(value)}`;
    let slot = slots.get(key);
    if (slot === undefined) {
      values.push(value);
      slot = values.length;
      slots.set(key, slot);
    }
    return `?${slot}`;
  });
  return { sql: text, params: values };
}

/** Everything one batch of nested pages is built from. */
interface Plan {
  source: ListSource;
  routes: Route[];
  filter: ChildFilter;
  ordering: Ordering;
  window: Window;
  /** index entries a walk reads at most */
  walk: number;
  /** the entity's unique id column, which ends every ordering */
  id: string;
  /** the parents as rows `ostan_parent(key, value, kind)` (`kind` for region parents) */
  parents: ParentRows;
}

/** Each route's rows with `columns` selected, in page order, up to the page's LIMIT and one more. */
function routeRows(plan: Plan, route: Route, columns: string, wrap: (rows: Fragment) => Fragment) {
  const { source, filter, ordering, window, walk, id } = plan;
  const limit = window.limit + 1;
  const seek = { where: filter.seek, params: filter.seekParams };
  const checked = (walked: Fragment, member: Fragment | null): Fragment => ({
    sql: `SELECT ${columns} FROM (${walked.sql}) ostan_walk CROSS JOIN ${source.from} WHERE ${[`${id} = ostan_walk.ostan_id`, ...(member?.sql ? [member.sql] : []), ...filter.check].join(' AND ')} LIMIT ${limit}`,
    params: [...walked.params, ...(member?.sql ? member.params : []), ...filter.checkParams],
  });
  const walkOf = (where: string[], params: SqlValue[]) =>
    windowSelect(`${id} AS ostan_id`, source.from, where, params, ordering, window, walk);
  const matched = route.match.sql ? [route.match.sql] : [];
  if (route.own) {
    const where = [...matched, ...seek.where];
    const params = [...route.match.params, ...seek.params];
    if (filter.check.length === 0) {
      return wrap(windowSelect(columns, source.from, where, params, ordering, window, limit));
    }
    return wrap(checked(walkOf(where, params), null));
  }
  // the parent's own rows, at most `walk` of them: a bounded sort when that is all of them
  const keyset = windowConditions(ordering, window);
  const sorted = wrap({
    sql: `SELECT ${columns} FROM (SELECT ${id} AS ostan_id FROM ${source.from} WHERE ${route.match.sql} LIMIT ${walk}) ostan_own CROSS JOIN ${source.from} ${whereClause([`${id} = ostan_own.ostan_id`, ...seek.where, ...filter.check, ...keyset.where])} ORDER BY ${orderBy(ordering, window.backward)} LIMIT ${limit}`,
    params: [...route.match.params, ...seek.params, ...filter.checkParams, ...keyset.params],
  });
  const walked = wrap(checked(walkOf(seek.where, seek.params), route.member ?? route.match));
  return {
    sql: `(CASE WHEN ostan_parent.small THEN ${sorted.sql} ELSE ${walked.sql} END)`,
    params: [...sorted.params, ...walked.params],
  };
}

/** 0: a page from its own index; 1: a walk of its own index; 2: a bounded sort; 3: the order's walk. */
function routeMode(plan: Plan, route: Route): Fragment {
  if (route.own) return { sql: plan.filter.check.length === 0 ? '0' : '1', params: [] };
  return { sql: '(CASE WHEN ostan_parent.small THEN 2 ELSE 3 END)', params: [] };
}

/** The parents as a FROM item `ostan_parent`, and what the statement starts with to define it. */
interface ParentRows {
  prefix: Fragment;
  from: Fragment;
}

/**
 * The parents' rows for a statement: each parent's key and id, its kind (region parents), and for
 * a route without its own index, the subtree as text (`tree`) and whether its rows number no
 * more than the walk (`small`). MATERIALIZED: each is computed once per parent.
 */
function parentRows(
  parent: ParentLink,
  routes: readonly Route[],
  source: ListSource,
  parentIds: readonly number[],
  walk: number,
  withExtras: boolean,
): ParentRows {
  const list = keyRows(parentIds);
  const regions = treeOf(parent) === 'regions';
  const kind = regions ? '(SELECT kind FROM regions WHERE id = k.value)' : 'NULL';
  const keys = `SELECT k.key AS key, k.value AS value, ${kind} AS kind FROM ${list.sql} k`;
  if (!withExtras || routes.every((route) => route.own)) {
    // a subquery, read where it is used: a table of them would cost its rows again
    return {
      prefix: { sql: '', params: [] },
      from: { sql: `(${keys}) ostan_parent`, params: list.params },
    };
  }
  const tree = byRoute(routes, (route) => ({
    sql: route.tree
      ? `(SELECT ',' || group_concat(id, ',') || ',' FROM ${subtree(route.tree.name)})`
      : 'NULL',
    params: [],
  }));
  const small = byRoute(routes, (route) =>
    route.own
      ? { sql: 'NULL', params: [] }
      : {
          sql: `((SELECT count(*) FROM (SELECT 1 FROM ${source.from} WHERE ${route.match.sql} LIMIT ${walk + 1})) <= ${walk})`,
          params: route.match.params,
        },
  );
  return {
    prefix: {
      sql: `WITH ostan_key AS MATERIALIZED (${keys}), ostan_parent AS MATERIALIZED (SELECT ostan_parent.key AS key, ostan_parent.value AS value, ostan_parent.kind AS kind, ${tree.sql} AS tree, ${small.sql} AS small FROM ostan_key ostan_parent)`,
      params: [...list.params, ...tree.params, ...small.params],
    },
    from: { sql: 'ostan_parent', params: [] },
  };
}

/**
 * The same page of a child list for many parents at once (one statement, two with counts, and
 * one more when some walk stopped short of a full page), so a nested connection costs the same
 * whatever the number of parents. `source.where` are conditions the parent's index holds besides
 * the parent (a claim's subject kind); `filter` is the list's filter, split for the walks.
 */
export async function fetchChildPages<Row extends object>(
  db: Db,
  source: ListSource,
  parent: ParentLink,
  parentIds: readonly number[],
  ordering: Ordering,
  args: PageArgs,
  withTotal: boolean,
  options: {
    filter?: ChildFilter;
    /** the parents that may lack their own index (all, unless the caller knows their kinds) */
    mayLackIndex?: readonly number[];
  } = {},
): Promise<Page<Row>[]> {
  const window = readWindow(args, ordering);
  const filter = options.filter ?? NO_FILTER;
  const walk = walkLimit(window.limit);
  const id = ordering.columns[ordering.columns.length - 1]?.sql ?? 'id';
  const routes = routesOf(
    parent,
    { sql: source.where.join(' AND '), params: source.params },
    ordering,
  );
  const plan: Plan = {
    source,
    routes,
    filter,
    ordering,
    window,
    walk,
    id,
    parents: parentRows(parent, routes, source, parentIds, walk, true),
  };
  const keys = window.limit <= JSON_PAGE_LIMIT ? source.keys : undefined;
  const price = await pagesPrice(db, plan, parent, parentIds, options.mayLackIndex, withTotal);
  const statements = [pagesStatement(plan, keys)];
  if (withTotal) statements.push(countsStatement(plan, parent, parentIds));
  const [rows = [], counts = []] = await db.batch<Record<string, unknown>>(
    statements.map((statement) => numbered(statement.sql, statement.params)),
    { rows: price, argument: 'first', narrow: NARROW_PAGES },
  );
  const { pages, modes } = readPages(rows, parentIds.length, keys);
  const totals = new Map(counts.map((row) => [Number(row.__k), String(row.total ?? '[0,0]')]));
  const result = parentIds.map((_, k) => {
    const page = toPage(ordering, window, (pages[k] ?? []) as Row[]);
    if (!withTotal) return page;
    const [total = 0, walked = 0] = JSON.parse(totals.get(k) ?? '[0,0]') as number[];
    withCount(page, total);
    if (walked >= walk) page.totalCountExact = false;
    return page;
  });
  // pages a walk (modes 1 and 3) left short: where did the walk stop?
  const short = parentIds
    .map((_, k) => k)
    .filter((k) => (modes[k] ?? 0) % 2 === 1 && (pages[k]?.length ?? 0) <= window.limit);
  if (short.length > 0) await markWalkStops(db, plan, parent, parentIds, short, result);
  return result;
}

/**
 * D1 rows a statement over the parents reads per parent besides its pages (measured: 2 to 3):
 * its region's kind by key and its row of the materialized parents.
 */
const PARENT_ROWS = 3;

/**
 * Whether a route's count reads the parent's rows through its index up to TOTAL_COUNT_CAP + 1:
 * when there is nothing to check, and (a parent without its own index) no range that the planner
 * could seek instead of the parent.
 */
function simpleCount(plan: Plan, own: boolean): boolean {
  return plan.filter.check.length === 0 && (own || plan.filter.seek.length === 0);
}

/** What a batch of nested pages may read, priced per parent by the routes it may take. */
async function pagesPrice(
  db: Db,
  plan: Plan,
  parent: ParentLink,
  parentIds: readonly number[],
  mayLackIndex: readonly number[] | undefined,
  withTotal: boolean,
): Promise<number> {
  const { filter, window, walk, ordering } = plan;
  const seeks = seekRows(ordering, window);
  const checks = filter.check.length > 0;
  const own = (checks ? 2 * walk + 2 * seeks : window.limit + 1 + seeks) + filter.checkRows;
  const ownCount = simpleCount(plan, true) ? TOTAL_COUNT_CAP + 1 : 3 * walk + filter.checkRows;
  const lacking = plan.routes.some((route) => !route.own)
    ? treeOf(parent) === 'regions'
      ? (mayLackIndex ?? parentIds).length
      : parentIds.length
    : 0;
  // a parent without its own index: its subtree as text, in the count of its rows and in its
  // rows' seek (a tree parent); the count (`small`); the larger of the bounded sort (its rows'
  // ids and rows) and the order's walk
  const treeName = treeOf(parent);
  const tree = treeName && lacking > 0 ? await subtreeRows(db, treeName) : 0;
  const guarded = 3 * tree + walk + 1 + 2 * walk + 2 * seeks + filter.checkRows;
  const guardedCount =
    (simpleCount(plan, false) ? TOTAL_COUNT_CAP + 1 : 3 * walk) + tree + filter.checkRows;
  // each parent's row, and a larger page's ids joined back to their rows
  const perParent = PARENT_ROWS + (window.limit <= JSON_PAGE_LIMIT ? 0 : 2 * (window.limit + 1));
  const pages = parentIds.length * (own + perParent) + lacking * (guarded - own);
  if (!withTotal) return pages;
  return pages + parentIds.length * ownCount + lacking * Math.max(0, guardedCount - ownCount);
}

/** The statement of every parent's page: its key, its route's mode and its rows. */
function pagesStatement(plan: Plan, keys: readonly string[] | undefined): Fragment {
  // one mode for every route needs no lookup of the parent's kind
  const modes = new Set(plan.routes.map((route) => routeMode(plan, route).sql));
  const [only] = modes;
  const mode =
    modes.size === 1 && only
      ? { sql: only, params: [] }
      : byRoute(plan.routes, (route) => routeMode(plan, route));
  if (keys) {
    const rows = byRoute(plan.routes, (route) =>
      routeRows(plan, route, plan.source.select, (selected) => ({
        sql: `(SELECT json_group_array(json_array(${keys.map(jsonValue).join(', ')})) FROM (${selected.sql}))`,
        params: selected.params,
      })),
    );
    return {
      sql: `${plan.parents.prefix.sql} SELECT ostan_parent.key AS "__k", ${mode.sql} AS "__m", ${rows.sql} AS "__rows" FROM ${plan.parents.from.sql}`,
      params: [
        ...plan.parents.prefix.params,
        ...mode.params,
        ...rows.params,
        ...plan.parents.from.params,
      ],
    };
  }
  const ids = byRoute(plan.routes, (route) =>
    routeRows(plan, route, `${plan.id} AS "__id"`, (selected) => ({
      sql: `(SELECT json_group_array("__id") FROM (${selected.sql}))`,
      params: selected.params,
    })),
  );
  // each parent's ids in page order, then their rows; "__rn" keeps the order without a sort, and
  // a parent with no rows still comes back (its mode says whether a walk left it empty)
  return {
    sql: `${plan.parents.prefix.sql} SELECT ostan_pages."__k" AS "__k", ostan_pages."__m" AS "__m", ostan_item.key AS "__rn", ${plan.source.select} FROM (SELECT ostan_parent.key AS "__k", ${mode.sql} AS "__m", ${ids.sql} AS ids FROM ${plan.parents.from.sql}) ostan_pages LEFT JOIN json_each(ostan_pages.ids) ostan_item LEFT JOIN ${plan.source.from} ON ${plan.id} = ostan_item.value`,
    params: [
      ...plan.parents.prefix.params,
      ...mode.params,
      ...ids.params,
      ...plan.parents.from.params,
    ],
  };
}

/** Each parent's rows and mode from the pages statement's result. */
function readPages(
  result: Record<string, unknown>[],
  parents: number,
  keys: readonly string[] | undefined,
) {
  const pages = Array.from({ length: parents }, (): Record<string, unknown>[] => []);
  const modes: number[] = new Array(parents).fill(0);
  if (keys) {
    for (const { __k: k, __m: mode, __rows: json } of result) {
      const rows = JSON.parse(String(json ?? '[]')) as unknown[][];
      const page: Record<string, unknown>[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i += 1) page[i] = fromJson(keys, rows[i] as unknown[]);
      pages[Number(k)] = page;
      modes[Number(k)] = Number(mode);
    }
    return { pages, modes };
  }
  result.sort((a, b) => Number(a.__k) - Number(b.__k) || Number(a.__rn) - Number(b.__rn));
  for (const row of result) {
    const { __k: k, __m: mode, __rn: rn, ...rest } = row;
    modes[Number(k)] = Number(mode);
    if (rn != null) pages[Number(k)]?.push(rest);
  }
  return { pages, modes };
}

/**
 * Each parent's count, as `[count, entries walked]`: with nothing to check, its rows up to
 * TOTAL_COUNT_CAP + 1 through its index; with a filter, among its first `walk` rows (any order),
 * with how many it had, so that a count that stopped there says it is a lower bound.
 */
function countsStatement(plan: Plan, parent: ParentLink, parentIds: readonly number[]): Fragment {
  const { source, filter, walk, id } = plan;
  const cap = TOTAL_COUNT_CAP + 1;
  const counts = byRoute(plan.routes, (route) => {
    const matched = route.match.sql ? [route.match.sql] : [];
    if (simpleCount(plan, route.own)) {
      return {
        sql: `json_array((SELECT count(*) FROM (SELECT 1 FROM ${source.from} ${whereClause([...matched, ...filter.seek])} LIMIT ${cap})), 0)`,
        params: [...route.match.params, ...filter.seekParams],
      };
    }
    const own = `SELECT ${id} AS ostan_id FROM ${source.from} ${whereClause(matched)} LIMIT ${walk}`;
    return {
      sql: `(SELECT json_array(counted.total, CASE WHEN counted.total >= ${cap} THEN 0 ELSE (SELECT count(*) FROM (${own})) END) FROM (SELECT count(*) AS total FROM (SELECT 1 FROM (${own}) ostan_own CROSS JOIN ${source.from} WHERE ${[`${id} = ostan_own.ostan_id`, ...filter.seek, ...filter.check].join(' AND ')} LIMIT ${cap})) counted)`,
      params: [
        ...route.match.params,
        ...route.match.params,
        ...filter.seekParams,
        ...filter.checkParams,
      ],
    };
  });
  const parents = parentRows(parent, plan.routes, source, parentIds, walk, false);
  return {
    sql: `${parents.prefix.sql} SELECT ostan_parent.key AS "__k", ${counts.sql} AS total FROM ${parents.from.sql}`,
    params: [...parents.prefix.params, ...counts.params, ...parents.from.params],
  };
}

/**
 * For the parents in `short` whose walk (own or the order's) stopped short of a full page: the
 * walk's last entry, when it reached its limit with entries beyond, as the page's walkStop.
 */
async function markWalkStops(
  db: Db,
  plan: Plan,
  parent: ParentLink,
  parentIds: readonly number[],
  short: readonly number[],
  pages: Page<object>[],
) {
  const { source, filter, ordering, window, walk } = plan;
  const keyColumns = ordering.columns.map((column, i) => `${column.sql} AS "k${i}"`).join(', ');
  // a REAL key exactly (`jsonValue`), so the cursor seeks where the walk stopped
  const values = ordering.columns.map((_, i) => jsonValue(`k${i}`)).join(', ');
  const stops = byRoute(plan.routes, (route) => {
    const where = route.own && route.match.sql ? [route.match.sql] : [];
    const params = route.own ? route.match.params : [];
    const entries = windowSelect(
      keyColumns,
      source.from,
      [...where, ...filter.seek],
      [...params, ...filter.seekParams],
      ordering,
      window,
      walk + 1,
    );
    return {
      sql: `(SELECT json_group_array(json_array(${values})) FROM (SELECT * FROM (${entries.sql}) LIMIT 2 OFFSET ${walk - 1}))`,
      params: entries.params,
    };
  });
  const ids = short.map((k) => parentIds[k] ?? 0);
  const parents = parentRows(parent, plan.routes, source, ids, walk, false);
  const statement = numbered(
    `${parents.prefix.sql} SELECT ostan_parent.key AS "__k", ${stops.sql} AS stop FROM ${parents.from.sql}`,
    [...parents.prefix.params, ...stops.params, ...parents.from.params],
  );
  const rows = await db.all<Record<string, unknown>>(statement.sql, statement.params, {
    rows: ids.length * (walk + 1 + seekRows(ordering, window) + PARENT_ROWS),
    argument: 'first',
    narrow: NARROW_PAGES,
  });
  for (const row of rows) {
    const k = short[Number(row.__k)];
    const page = k === undefined ? undefined : pages[k];
    const [last, beyond] = JSON.parse(String(row.stop ?? '[]')) as unknown[][];
    if (!page || !last || !beyond) continue;
    const key = last.map((value) => (Array.isArray(value) ? Number(value[0]) : value) as SqlValue);
    page.walkStop = {
      cursor: encodeCursor({ o: ordering.name, k: key }),
      backward: window.backward,
    };
    if (window.backward) page.hasPreviousPage = true;
    else page.hasNextPage = true;
  }
}
