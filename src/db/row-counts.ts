/**
 * Statistics the cost model prices by: how many projects and energy assets each province, county
 * and status holds (row_counts, kept by the triggers of migrations/0014). A totals query's price
 * is the rows its region and status filter can match, read from a handful of these rows.
 */
import type { Db } from './client';
import { regions } from './regions';

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
  if (filter?.region) {
    const [region] = await regions.bySlugs(db, [filter.region]);
    if (!region) return { rows: 0, keys: 0 };
    const levels = await db.first<{ province: number | null; county: number | null }>(
      'SELECT province_id AS province, county_id AS county FROM region_levels WHERE region_id = ?',
      [region.id],
    );
    if (levels?.province != null) {
      where.push('province_id = ?');
      params.push(levels.province);
      if (levels.county != null) {
        where.push('county_id = ?');
        params.push(levels.county);
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
  );
  return { rows: Number(row?.n ?? 0), keys: Number(row?.keys ?? 0) };
}
