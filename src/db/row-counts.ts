/**
 * Statistics the cost model prices by: how many projects and energy assets each province, county
 * and status holds (row_counts, kept by the triggers of migrations/0014). A totals query's price
 * is the rows its region and status filter can match, read from a handful of these rows.
 */
import { ROWS_PER_KEY } from './bound-keys';
import type { Db } from './client';
import { CODES } from './codes';
import { regions } from './regions';

/** What a total whose statistics alone are priced above the ceiling should narrow. */
const NARROW_STATISTICS =
  'narrow `filter` by `region` (a province or county); partners (an API key) may read more.';

/** The statuses a row_counts key of each entity can hold. */
const STATUSES: Record<CountedEntity, number> = {
  project: CODES.projectStatuses.values.length,
  energy_asset: CODES.energyStatuses.values.length,
};

export type CountedEntity = 'project' | 'energy_asset';

/**
 * At most how many rows of `entity` a filter by region (with everything below it) and status can
 * match: the whole province's or county's count (a region below a county counts its county's).
 * An unknown region slug prices at 0: the filter itself refuses it by name.
 */
export async function rowsAtMost(
  db: Db,
  entity: CountedEntity,
  filter: CountedFilter,
): Promise<number> {
  return (await countsOf(db, entity, filter)).rows;
}

type CountedFilter =
  | { region?: string | null; status?: readonly string[] | null }
  | null
  | undefined;

/**
 * `rowsAtMost`, and how many row_counts keys (province, county, status) those rows fall in: a
 * bound on the totals cells of migration 0015 the filter can match, with the dimensions the cells
 * split a key by.
 */
export async function countsOf(
  db: Db,
  entity: CountedEntity,
  filter: CountedFilter,
): Promise<{ rows: number; keys: number }> {
  const where = ['entity = ?'];
  const params: (string | number)[] = [entity];
  let regionId = 0;
  if (filter?.region) {
    const [region] = await regions.bySlugs(db, [filter.region]);
    if (!region) return { rows: 0, keys: 0 };
    regionId = region.id;
  }
  // the region's province and county, and how many regions there are (table_counts, migration
  // 0016): row_counts holds at most one key per region and status
  const levels = await db.first<{
    province: number | null;
    county: number | null;
    regions: number | null;
  }>(
    `SELECT l.province_id AS province, l.county_id AS county,
       (SELECT n FROM table_counts WHERE name = 'regions') AS regions
     FROM (SELECT 1) LEFT JOIN region_levels l ON l.region_id = ?`,
    [regionId],
    // two seeks by primary key
    { rows: 2 * ROWS_PER_KEY },
  );
  // every key of the entity, of its province or of its county, whatever the statuses asked for
  // (the status is the key's last column: the prefix is walked whole)
  const statuses = STATUSES[entity];
  let keysAtMost = (Number(levels?.regions ?? 0) + 1) * statuses;
  if (filter?.region) {
    if (levels?.province != null) {
      where.push('province_id = ?');
      params.push(levels.province);
      if (levels.county != null) {
        where.push('county_id = ?');
        params.push(levels.county);
        keysAtMost = statuses;
      }
    }
  }
  if (filter?.status && filter.status.length > 0) {
    where.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.status));
  }
  const row = await db.first<{ n: number; keys: number }>(
    `SELECT coalesce(sum(n), 0) AS n, count(*) AS keys FROM row_counts WHERE ${where.join(' AND ')}`,
    params,
    // the keys, read by the primary key's prefix, and the statuses asked for (json_each and its
    // copy into the IN list)
    {
      rows: keysAtMost + 2 * (filter?.status?.length ?? 0),
      argument: 'filter',
      narrow: NARROW_STATISTICS,
    },
  );
  return { rows: Number(row?.n ?? 0), keys: Number(row?.keys ?? 0) };
}
