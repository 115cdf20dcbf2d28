/**
 * Nested lists: the same page of a child list for many parents in one statement, each parent's
 * page read with its own LIMIT through the parent column's index, so a nested page reads about
 * (page size + 1) rows per parent however many children each parent has: D1 counts the index
 * entries walked, and a page of up to JSON_PAGE_LIMIT rows comes back as JSON built during that
 * walk, so nothing else is read (the parents are a VALUES list, src/db/bound-keys.ts).
 */
import { keyRows } from './bound-keys';
import type { Db, SqlValue } from './client';
import type { Ordering } from './ordering';
import {
  type ListSource,
  NARROW_PAGES,
  orderBy,
  type Page,
  type PageArgs,
  readWindow,
  TOTAL_COUNT_CAP,
  toPage,
  whereClause,
  windowConditions,
  withCount,
} from './pagination';

/**
 * How child rows belong to a parent: a column holding the parent's id, or (for the region and
 * sector trees) a column holding the id of the parent or of any region/sector below it. A region
 * tree list is over a table with the ancestor columns `province_id` and `county_id` (migration
 * 0008), which turn a province's or county's subtree into one indexed equality.
 */
export type ParentLink = string | { tree: 'regions' | 'sectors'; column: string };

/** A SQL fragment and its positional parameters, in the order they appear in the text. */
interface Fragment {
  sql: string;
  params: SqlValue[];
}

/** Rows of the subtree rooted at the outer parent `ostan_parent.value`. */
function subtreeCondition(column: string, tree: 'regions' | 'sectors'): string {
  return `${column} IN (WITH RECURSIVE d(id) AS (SELECT ostan_parent.value UNION ALL SELECT x.id FROM ${tree} x JOIN d ON x.parent_id = d.id) SELECT id FROM d)`;
}

/**
 * One correlated expression per parent `ostan_parent.value`, built by `body` from the condition that ties a
 * row to that parent. A region parent picks, by its kind, every row (the country), the province
 * or county column (an index seek) or, below a county, its subtree (whose sort is priced apart:
 * `subtreeSortRows`).
 */
function perParent(parent: ParentLink, body: (condition: string) => Fragment): Fragment {
  if (typeof parent === 'string') return body(`${parent} = ostan_parent.value`);
  if (parent.tree === 'sectors') return body(subtreeCondition(parent.column, 'sectors'));
  const alias = parent.column.split('.')[0];
  const branches = [
    // the country: every row, in the page's order (as a top-level list with no region)
    body('1 = 1'),
    body(`${alias}.province_id = ostan_parent.value`),
    body(`${alias}.county_id = ostan_parent.value`),
    body(subtreeCondition(parent.column, 'regions')),
  ];
  return {
    sql: `(CASE (SELECT kind FROM regions WHERE id = ostan_parent.value) WHEN 'country' THEN ${branches[0]?.sql} WHEN 'province' THEN ${branches[1]?.sql} WHEN 'county' THEN ${branches[2]?.sql} ELSE ${branches[3]?.sql} END)`,
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

/**
 * The same page of a child list for many parents at once (one statement, or two with counts),
 * so a nested connection costs the same whatever the number of parents. Counts stop at
 * TOTAL_COUNT_CAP per parent.
 */
export async function fetchChildPages<Row extends object>(
  db: Db,
  source: ListSource,
  parent: ParentLink,
  parentIds: readonly number[],
  ordering: Ordering,
  args: PageArgs,
  withTotal: boolean,
  /** rows the parents' own pages may read to sort, besides their LIMITs (`subtreeSortRows`) */
  parentsSortRows = 0,
): Promise<Page<Row>[]> {
  const window = readWindow(args, ordering);
  const keyset = windowConditions(ordering, window);
  const order = orderBy(ordering, window.backward);
  const keys = window.limit <= JSON_PAGE_LIMIT ? source.keys : undefined;
  // each parent: a JSON page reads its index entries (page + 1) and its region's kind; a joined
  // page those entries three times (walked, listed, joined back) and the kind; a count up to
  // TOTAL_COUNT_CAP + 1 entries (its kind lookup is within the pages' margin)
  const pageRows = keys ? 2 * (window.limit + 1) : 3 * (window.limit + 1) + 2;
  // and, when the filter names a region below county level, its subtree's sort (each parent's
  // page sorts within it)
  const perParentRows = pageRows + (withTotal ? TOTAL_COUNT_CAP + 1 : 0) + (source.sortRows ?? 0);
  const byParent = keys
    ? pageStatement(source, parent, parentIds, keys, keyset, order, window.limit)
    : idsStatement(source, parent, parentIds, ordering, keyset, order, window.limit);
  const statements = [byParent.statement];
  if (withTotal) {
    const counts = perParent(parent, (condition) => ({
      sql: `(SELECT count(*) FROM (SELECT 1 FROM ${source.from} ${whereClause([condition, ...source.where])} LIMIT ?))`,
      params: [...source.params, TOTAL_COUNT_CAP + 1],
    }));
    const list = keyRows(parentIds);
    statements.push({
      sql: `SELECT ostan_parent.key AS "__k", ${counts.sql} AS total FROM ${list.sql} ostan_parent`,
      params: [...counts.params, ...list.params],
    });
  }
  const [rows = [], counts = []] = await db.batch<Record<string, unknown>>(statements, {
    rows: parentIds.length * perParentRows + parentsSortRows,
    argument: 'first',
    narrow: NARROW_PAGES,
  });
  const pages = byParent.read(rows);
  const totals = new Map(counts.map((row) => [Number(row.__k), row.total]));
  return parentIds.map((_, k) => {
    const page = toPage(ordering, window, (pages[k] ?? []) as Row[]);
    return withTotal ? withCount(page, totals.get(k)) : page;
  });
}

type Keyset = ReturnType<typeof windowConditions>;

interface PagesStatement {
  statement: Fragment;
  /** each parent's rows, in page order, from the statement's result */
  read(rows: Record<string, unknown>[]): Record<string, unknown>[][];
}

/** Each parent's page as one JSON array of rows, built while walking its index. */
function pageStatement(
  source: ListSource,
  parent: ParentLink,
  parentIds: readonly number[],
  keys: readonly string[],
  keyset: Keyset,
  order: string,
  limit: number,
): PagesStatement {
  const rows = perParent(parent, (condition) => ({
    sql: `(SELECT json_group_array(json_array(${keys.map(jsonValue).join(', ')})) FROM (SELECT ${source.select} FROM ${source.from} ${whereClause([condition, ...source.where, ...keyset.where])} ORDER BY ${order} LIMIT ?))`,
    params: [...source.params, ...keyset.params, limit + 1],
  }));
  const list = keyRows(parentIds);
  return {
    statement: {
      sql: `SELECT ostan_parent.key AS "__k", ${rows.sql} AS "__rows" FROM ${list.sql} ostan_parent`,
      params: [...rows.params, ...list.params],
    },
    read: (result) => {
      const pages = parentIds.map((): Record<string, unknown>[] => []);
      for (const { __k: k, __rows: json } of result) {
        const rows = JSON.parse(String(json ?? '[]')) as unknown[][];
        const page: Record<string, unknown>[] = new Array(rows.length);
        for (let i = 0; i < rows.length; i += 1) page[i] = fromJson(keys, rows[i] as unknown[]);
        pages[Number(k)] = page;
      }
      return pages;
    },
  };
}

/** Each parent's page ids, joined to their rows. */
function idsStatement(
  source: ListSource,
  parent: ParentLink,
  parentIds: readonly number[],
  ordering: Ordering,
  keyset: Keyset,
  order: string,
  limit: number,
): PagesStatement {
  // every ordering ends with the entity's unique id column
  const id = ordering.columns[ordering.columns.length - 1]?.sql ?? 'id';
  const ids = perParent(parent, (condition) => ({
    sql: `(SELECT json_group_array("__id") FROM (SELECT ${id} AS "__id" FROM ${source.from} ${whereClause([condition, ...source.where, ...keyset.where])} ORDER BY ${order} LIMIT ?))`,
    params: [...source.params, ...keyset.params, limit + 1],
  }));
  const list = keyRows(parentIds);
  // each parent's ids in page order, then their rows; "__rn" keeps the order without a sort
  return {
    statement: {
      sql: `SELECT ${source.select}, ostan_pages."__k" AS "__k", ostan_item.key AS "__rn" FROM (SELECT ostan_parent.key AS "__k", ${ids.sql} AS ids FROM ${list.sql} ostan_parent) ostan_pages, json_each(ostan_pages.ids) ostan_item JOIN ${source.from} ON ${id} = ostan_item.value`,
      params: [...ids.params, ...list.params],
    },
    read: (result) => {
      result.sort((a, b) => Number(a.__k) - Number(b.__k) || Number(a.__rn) - Number(b.__rn));
      const pages = parentIds.map((): Record<string, unknown>[] => []);
      for (const row of result) {
        const { __k: k, __rn: _rn, ...rest } = row;
        pages[Number(k)]?.push(rest);
      }
      return pages;
    },
  };
}
