/**
 * Statistics the cost model prices by: how many projects and energy assets each province, county
 * and status holds (row_counts, kept by the triggers of migrations/0014). A totals query's price
 * is the rows its region and status filter can match, read from a handful of these rows.
 */
import { keyRows, ROWS_PER_KEY } from './bound-keys';
import type { Db } from './client';
import { CODES } from './codes';

/** What a total whose statistics alone are priced above the ceiling should narrow. */
const NARROW_STATISTICS =
  'narrow `filter` by `region` (a province or county); partners (an API key) may read more.';

/** The statuses a row_counts key of each entity can hold. */
const STATUSES: Record<'project' | 'energy_asset', number> = {
  project: CODES.projectStatuses.values.length,
  energy_asset: CODES.energyStatuses.values.length,
};

export type CountedEntity = 'project' | 'energy_asset';

/** A region and status filter, its region already looked up with its levels (`filterRegion`). */
export type CountedFilter =
  | {
      region?: { provinceId: number | null; countyId: number | null } | null;
      status?: readonly string[] | null;
    }
  | null
  | undefined;

/**
 * At most how many rows of `entity` a filter by region (with everything below it) and status can
 * match: the whole province's or county's count (a region below a county counts its county's).
 */
export async function rowsAtMost(
  db: Db,
  entity: CountedEntity,
  filter: CountedFilter,
): Promise<number> {
  return (await countsOf(db, entity, filter)).rows;
}

/**
 * `rowsAtMost`, and how many row_counts keys (province, county, status) and (province, status)
 * those rows fall in: bounds on the totals cells per county (migration 0015) and per province
 * (0017) the filter can match, with the dimensions the cells split a key by.
 */
export async function countsOf(
  db: Db,
  entity: CountedEntity,
  filter: CountedFilter,
): Promise<{ rows: number; keys: number; provinceKeys: number }> {
  const where = ['entity = ?'];
  const params: (string | number)[] = [entity];
  const region = filter?.region;
  if (region?.provinceId != null) {
    where.push('province_id = ?');
    params.push(region.provinceId);
    if (region.countyId != null) {
      where.push('county_id = ?');
      params.push(region.countyId);
    }
  }
  if (filter?.status && filter.status.length > 0) {
    where.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.status));
  }
  // the keys the statement walks, whatever the statuses asked for (the status is the key's last
  // column: the prefix is walked whole): a county's, else at most one per region and status, by
  // the regions table_counts keeps (migration 0016)
  let keysAtMost = STATUSES[entity];
  if (region?.countyId == null) {
    const regions = await db.first<{ n: number }>(
      "SELECT n FROM table_counts WHERE name = 'regions'",
      [],
      { rows: ROWS_PER_KEY },
    );
    keysAtMost *= Number(regions?.n ?? 0) + 1;
  }
  const row = await db.first<{ n: number; keys: number; provinceKeys: number }>(
    `SELECT coalesce(sum(n), 0) AS n, count(*) AS keys,
       count(DISTINCT province_id || ' ' || status) AS provinceKeys
     FROM row_counts WHERE ${where.join(' AND ')}`,
    params,
    // each key walked, and again into the DISTINCT count's table; the statuses asked for
    // (json_each and its copy into the IN list)
    {
      rows: 2 * keysAtMost + 2 * (filter?.status?.length ?? 0),
      argument: 'filter',
      narrow: NARROW_STATISTICS,
    },
  );
  return {
    rows: Number(row?.n ?? 0),
    keys: Number(row?.keys ?? 0),
    provinceKeys: Number(row?.provinceKeys ?? 0),
  };
}

/**
 * What one evaluation of a subtree condition of `tree` (`inSubtree`; a nested parent's subtree)
 * reads at most: its recursive walk, an entry and a row per region or sector, and one more.
 */
export async function subtreeRows(db: Db, tree: 'regions' | 'sectors'): Promise<number> {
  const [n = 0] = await tableRows(db, [tree]);
  return 2 * n + 1;
}

/** How many rows each of `tables` holds (table_counts, migration 0016), in their order. */
export async function tableRows(db: Db, tables: readonly string[]): Promise<number[]> {
  const keys = keyRows(tables);
  const rows = await db.all<{ key: number; n: number | null }>(
    `SELECT k.key, t.n FROM ${keys.sql} k LEFT JOIN table_counts t ON t.name = k.value`,
    keys.params,
    { rows: tables.length * ROWS_PER_KEY },
  );
  const counts = tables.map(() => 0);
  for (const row of rows) counts[row.key] = Number(row.n ?? 0);
  return counts;
}
