/**
 * Nested lists: the same page of a child list for many parents in one statement, each parent's
 * page read with its own LIMIT through the parent column's index, so a nested page reads about
 * (page size + 1) rows per parent however many children each parent has.
 */
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
 * row to that parent. A region parent picks, by its kind, the province or county column (an
 * index seek) or, below a county, its subtree.
 */
function perParent(parent: ParentLink, body: (condition: string) => Fragment): Fragment {
  if (typeof parent === 'string') return body(`${parent} = ostan_parent.value`);
  if (parent.tree === 'sectors') return body(subtreeCondition(parent.column, 'sectors'));
  const alias = parent.column.split('.')[0];
  const branches = [
    body(`${alias}.province_id = ostan_parent.value`),
    body(`${alias}.county_id = ostan_parent.value`),
    body(subtreeCondition(parent.column, 'regions')),
  ];
  return {
    sql: `(CASE (SELECT kind FROM regions WHERE id = ostan_parent.value) WHEN 'province' THEN ${branches[0]?.sql} WHEN 'county' THEN ${branches[1]?.sql} ELSE ${branches[2]?.sql} END)`,
    params: branches.flatMap((branch) => branch.params),
  };
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
): Promise<Page<Row>[]> {
  const window = readWindow(args, ordering);
  const keyset = windowConditions(ordering, window);
  const order = orderBy(ordering, window.backward);
  // every ordering ends with the entity's unique id column
  const id = ordering.columns[ordering.columns.length - 1]?.sql ?? 'id';
  const ids = perParent(parent, (condition) => ({
    sql: `(SELECT json_group_array("__id") FROM (SELECT ${id} AS "__id" FROM ${source.from} ${whereClause([condition, ...source.where, ...keyset.where])} ORDER BY ${order} LIMIT ?))`,
    params: [...source.params, ...keyset.params, window.limit + 1],
  }));
  // each parent's ids in page order, then their rows; "__rn" keeps the order without a sort
  const pageSql = `SELECT ${source.select}, ostan_pages."__k" AS "__k", ostan_item.key AS "__rn" FROM (SELECT ostan_parent.key AS "__k", ${ids.sql} AS ids FROM json_each(?) ostan_parent) ostan_pages, json_each(ostan_pages.ids) ostan_item JOIN ${source.from} ON ${id} = ostan_item.value`;
  const parents = JSON.stringify(parentIds);
  // each parent: its ids and their rows, and its capped count
  const perParentRows = 2 * (window.limit + 1) + (withTotal ? TOTAL_COUNT_CAP + 1 : 0);
  db.reserve(parentIds.length * perParentRows, 'first', NARROW_PAGES);
  const statements = [{ sql: pageSql, params: [...ids.params, parents] }];
  if (withTotal) {
    const counts = perParent(parent, (condition) => ({
      sql: `(SELECT count(*) FROM (SELECT 1 FROM ${source.from} ${whereClause([condition, ...source.where])} LIMIT ?))`,
      params: [...source.params, TOTAL_COUNT_CAP + 1],
    }));
    statements.push({
      sql: `SELECT ostan_parent.key AS "__k", ${counts.sql} AS total FROM json_each(?) ostan_parent`,
      params: [...counts.params, parents],
    });
  }
  const [rows = [], counts = []] = await db.batch<Record<string, unknown>>(statements);
  rows.sort((a, b) => Number(a.__k) - Number(b.__k) || Number(a.__rn) - Number(b.__rn));
  const byParent = parentIds.map((): Row[] => []);
  for (const row of rows) {
    const { __k: k, __rn: _rn, ...rest } = row;
    byParent[Number(k)]?.push(rest as Row);
  }
  const totals = new Map(counts.map((row) => [Number(row.__k), row.total]));
  return parentIds.map((_, k) => {
    const page = toPage(ordering, window, byParent[k] ?? []);
    return withTotal ? withCount(page, totals.get(k)) : page;
  });
}
