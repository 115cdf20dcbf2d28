/** Group-by totals over a filtered list: one SQL statement, grouped by the dimensions asked for. */
import { InputError } from '../lib/errors';
import type { Db, SqlValue } from './client';
import { type EnergyAssetFilter, energyAssetConditions, LEAVES_ONLY } from './energy-assets';
import { type ProjectFilter, projectConditions } from './projects';
import { type CountedEntity, rowsAtMost } from './row-counts';

/** A grouping dimension: the SQL expression of its key, and the name the key is returned under. */
export interface Dimension {
  key: string;
  sql: string;
}

/** A measured column: count of non-null values, sum, min, max and average. */
export interface Measure {
  key: string;
  sql: string;
}

export interface Stats {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
}

export interface TotalsRow {
  keys: Record<string, string | number | null>;
  count: number;
  stats: Record<string, Stats>;
}

/** What a totals query over too many rows should narrow (src/db/client.ts's reserve). */
const NARROW_TOTALS =
  'narrow `filter` by `region` (a province or county) or `status`; partners (an API key) may read more.';

/** Rows the sector-tree CTE reads whatever the filter (the sectors and their ancestors). */
const SECTOR_TREE_ROWS = 200;
/**
 * D1 rows a totals query reads per matching row: the row, its sector root from the CTE and the
 * grouping sorter (measured with the bench at 100,000 projects: 3.8 for projects by status, 4.0
 * for plants, whose phases are looked up too).
 */
const ROWS_PER_MATCH = 4;

/**
 * Prices a totals query before it runs: ROWS_PER_MATCH for each row its region and status filter
 * can match, one more for each Jalali year or month dimension (a seek in jalali_months per row),
 * plus the sector tree; refuses it above the request's ceiling.
 */
async function priceTotals(
  db: Db,
  entity: CountedEntity,
  filter: { region?: string | null; status?: readonly string[] | null } | null | undefined,
  groupBy: readonly string[],
): Promise<void> {
  const jalali = groupBy.filter((name) => /_(YEAR|MONTH)$/.test(name)).length;
  const rows = await rowsAtMost(db, entity, filter);
  db.reserve(rows * (ROWS_PER_MATCH + jalali) + SECTOR_TREE_ROWS, 'filter', NARROW_TOTALS);
}

/** Groups beyond this are refused rather than returned by the thousand. */
export const MAX_GROUPS = 1000;

/** The top of each sector's tree (the county and province of a row are its own columns). */
export const LEVELS_CTE = `WITH RECURSIVE
  sector_up(sector_id, ancestor_id, parent_id) AS (
    SELECT id, id, parent_id FROM sectors
    UNION ALL SELECT u.sector_id, s.id, s.parent_id FROM sector_up u JOIN sectors s ON s.id = u.parent_id
  ),
  sector_roots(sector_id, root_id) AS (SELECT sector_id, ancestor_id FROM sector_up WHERE parent_id IS NULL)`;

/** The Jalali year (or year*100+month) of an ISO date column, by index seek in jalali_months. */
export function jalaliYearOf(column: string) {
  return `(SELECT jm.jalali_year FROM jalali_months jm WHERE jm.starts_on <= ${column} ORDER BY jm.starts_on DESC LIMIT 1)`;
}
export function jalaliMonthOf(column: string) {
  return `(SELECT jm.jalali_year * 100 + jm.jalali_month FROM jalali_months jm WHERE jm.starts_on <= ${column} ORDER BY jm.starts_on DESC LIMIT 1)`;
}

async function totals(
  db: Db,
  spec: {
    from: string;
    where: string[];
    params: SqlValue[];
    dimensions: Dimension[];
    measures: Measure[];
  },
): Promise<TotalsRow[]> {
  const select = [
    ...spec.dimensions.map((d, i) => `${d.sql} AS "d${i}"`),
    'count(*) AS "n"',
    ...spec.measures.flatMap((m, i) => [
      `count(${m.sql}) AS "m${i}_count"`,
      `sum(${m.sql}) AS "m${i}_sum"`,
      `min(${m.sql}) AS "m${i}_min"`,
      `max(${m.sql}) AS "m${i}_max"`,
      `avg(${m.sql}) AS "m${i}_avg"`,
    ]),
  ];
  const groups = spec.dimensions.map((_d, i) => `"d${i}"`);
  const sql = `${LEVELS_CTE}
SELECT ${select.join(', ')}
FROM ${spec.from}
${spec.where.length > 0 ? `WHERE ${spec.where.join(' AND ')}` : ''}
${groups.length > 0 ? `GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')}` : ''}
LIMIT ?`;
  const raw = await db.all<Record<string, number | string | null>>(sql, [
    ...spec.params,
    MAX_GROUPS + 1,
  ]);
  const rows = raw.slice(0, MAX_GROUPS).map((row) => ({
    keys: Object.fromEntries(spec.dimensions.map((d, i) => [d.key, row[`d${i}`] ?? null])),
    count: Number(row.n),
    stats: Object.fromEntries(
      spec.measures.map((m, i) => {
        const count = Number(row[`m${i}_count`]);
        const value = (suffix: string) => (count === 0 ? null : Number(row[`m${i}_${suffix}`]));
        return [
          m.key,
          { count, sum: value('sum'), min: value('min'), max: value('max'), avg: value('avg') },
        ];
      }),
    ),
  }));
  if (raw.length > MAX_GROUPS) {
    throw new InputError(
      'groupBy',
      `More than ${MAX_GROUPS} groups: filter further or group by fewer dimensions.`,
    );
  }
  return rows;
}

/** Dimensions projects and plants share, with what each groups by. */
export const SHARED_DIMENSIONS = {
  REGION: 'The region each row is recorded in.',
  COUNTY: 'The county the row’s region lies in (null above county level).',
  PROVINCE: 'The province the row’s region lies in.',
  SECTOR: 'The row’s own sector.',
  TOP_SECTOR: 'The top of the row’s sector tree (industry, energy, …).',
  STATUS: null,
  FINANCING: null,
  STARTED_YEAR: 'Jalali year of the start date.',
  STARTED_MONTH: 'Jalali year and month of the start date.',
  OPENED_YEAR: 'Jalali year of the opening date.',
  OPENED_MONTH: 'Jalali year and month of the opening date.',
} as const;
export const ENERGY_DIMENSIONS = { ...SHARED_DIMENSIONS, TECHNOLOGY: null } as const;
export type ProjectDimension = keyof typeof SHARED_DIMENSIONS;
export type EnergyDimension = keyof typeof ENERGY_DIMENSIONS;

function sharedDimensions(alias: string): Record<ProjectDimension, Dimension> {
  return {
    REGION: { key: 'regionId', sql: `${alias}.region_id` },
    COUNTY: { key: 'countyId', sql: `${alias}.county_id` },
    PROVINCE: { key: 'provinceId', sql: `${alias}.province_id` },
    SECTOR: { key: 'sectorId', sql: `${alias}.sector_id` },
    TOP_SECTOR: { key: 'topSectorId', sql: 'sr.root_id' },
    STATUS: { key: 'status', sql: `${alias}.status` },
    FINANCING: { key: 'financing', sql: `${alias}.financing` },
    STARTED_YEAR: { key: 'startedYear', sql: jalaliYearOf(`${alias}.started_on`) },
    STARTED_MONTH: { key: 'startedMonth', sql: jalaliMonthOf(`${alias}.started_on`) },
    OPENED_YEAR: { key: 'openedYear', sql: jalaliYearOf(`${alias}.opened_on`) },
    OPENED_MONTH: { key: 'openedMonth', sql: jalaliMonthOf(`${alias}.opened_on`) },
  };
}

function pickDimensions<Name extends string>(
  all: Record<Name, Dimension>,
  groupBy: readonly Name[],
): Dimension[] {
  if (new Set(groupBy).size !== groupBy.length) {
    throw new InputError('groupBy', '`groupBy` lists a dimension twice.');
  }
  if (groupBy.length > 4) throw new InputError('groupBy', '`groupBy` takes at most 4 dimensions.');
  return groupBy.map((name) => all[name]);
}

const sectorRootJoin = (alias: string) =>
  `LEFT JOIN sector_roots sr ON sr.sector_id = ${alias}.sector_id`;

/** Counts, jobs, investment and progress of the projects matching `filter`, grouped. */
export async function projectTotals(
  db: Db,
  filter: ProjectFilter | null | undefined,
  groupBy: readonly ProjectDimension[],
): Promise<TotalsRow[]> {
  const conditions = await projectConditions(db, filter);
  const dimensions = pickDimensions(sharedDimensions('p'), groupBy);
  await priceTotals(db, 'project', filter, groupBy);
  return totals(db, {
    from: `projects p ${sectorRootJoin('p')}`,
    ...conditions,
    dimensions,
    measures: [
      { key: 'directJobs', sql: 'p.direct_jobs' },
      { key: 'investmentRial', sql: 'p.investment_rial' },
      { key: 'progressPercent', sql: 'p.progress_pct' },
    ],
  });
}

/** Capacity of the plants matching `filter`, grouped, always by rating, counting leaves only. */
export async function energyTotals(
  db: Db,
  filter: EnergyAssetFilter | null | undefined,
  groupBy: readonly EnergyDimension[],
): Promise<TotalsRow[]> {
  const conditions = await energyAssetConditions(db, filter);
  // a plant built in phases is counted through its phases, never twice
  conditions.add(LEAVES_ONLY);
  const dimensions = pickDimensions<EnergyDimension>(
    { ...sharedDimensions('e'), TECHNOLOGY: { key: 'technology', sql: 'e.technology' } },
    groupBy,
  );
  await priceTotals(db, 'energy_asset', filter, groupBy);
  return totals(db, {
    from: `energy_assets e ${sectorRootJoin('e')}`,
    where: conditions.where,
    params: conditions.params,
    // the rating is always a dimension: MW of different ratings are different quantities
    dimensions: [...dimensions, { key: 'rating', sql: 'e.rating' }],
    measures: [
      { key: 'capacityMw', sql: 'e.capacity_mw' },
      // counted, not summed: a plant stated as "over 570 MW" makes the sum a lower bound too
      {
        key: 'capacityLowerBounds',
        sql: "CASE WHEN e.capacity_qualifier IN ('more_than', 'at_least') THEN 1 END",
      },
    ],
  });
}
