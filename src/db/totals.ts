/**
 * Group-by totals over a filtered list: one SQL statement, grouped by the dimensions asked for,
 * over the totals cells where they can answer (src/db/totals-cells.ts), else over the rows.
 */
import type { Db, ReadPrice } from './client';
import { filterRegion } from './conditions';
import { type EnergyAssetFilter, energyAssetConditions, LEAVES_ONLY } from './energy-assets';
import { type ProjectFilter, projectConditions } from './projects';
import { type CountedEntity, type CountedFilter, rowsAtMost } from './row-counts';
import { cellTotals, ENERGY_CELLS, PROJECT_CELLS } from './totals-cells';
import {
  checkGroupBy,
  type Dimension,
  type EnergyDimension,
  type MeasureSql,
  NARROW_TOTALS,
  type ProjectDimension,
  runTotals,
  type TotalsRow,
} from './totals-statement';

/** A measured column: count of non-null values, sum, min, max and average. */
export interface Measure {
  key: string;
  sql: string;
}

/** Rows the sector-tree CTE reads whatever the filter (the sectors and their ancestors). */
const SECTOR_TREE_ROWS = 200;
/**
 * D1 rows a totals query reads per matching row: the row, its sector root from the CTE and the
 * grouping sorter (measured with the bench at 100,000 projects: 3.8 for projects by status, 4.0
 * for plants, whose phases are looked up too).
 */
const ROWS_PER_MATCH = 4;

/**
 * Prices a totals query over the base table before it runs: ROWS_PER_MATCH for each row its
 * region and status filter can match, one more for each Jalali year or month dimension (a seek in
 * jalali_months per row), plus the sector tree when TOP_SECTOR is grouped by; refuses it above
 * the request's ceiling.
 */
async function priceTotals(
  db: Db,
  entity: CountedEntity,
  filter: CountedFilter,
  groupBy: readonly string[],
): Promise<ReadPrice> {
  const jalali = groupBy.filter((name) => /_(YEAR|MONTH)$/.test(name)).length;
  const rows = await rowsAtMost(db, entity, filter);
  const tree = groupBy.includes('TOP_SECTOR') ? SECTOR_TREE_ROWS : 0;
  return {
    rows: rows * (ROWS_PER_MATCH + jalali) + tree,
    argument: 'filter',
    narrow: NARROW_TOTALS,
  };
}

/** The Jalali year (or year*100+month) of an ISO date column, by index seek in jalali_months. */
export function jalaliYearOf(column: string) {
  return `(SELECT jm.jalali_year FROM jalali_months jm WHERE jm.starts_on <= ${column} ORDER BY jm.starts_on DESC LIMIT 1)`;
}
export function jalaliMonthOf(column: string) {
  return `(SELECT jm.jalali_year * 100 + jm.jalali_month FROM jalali_months jm WHERE jm.starts_on <= ${column} ORDER BY jm.starts_on DESC LIMIT 1)`;
}

/** A measured column of the base table, aggregated over its rows. */
const overRows = (m: Measure): MeasureSql => ({
  key: m.key,
  count: `count(${m.sql})`,
  sum: `sum(${m.sql})`,
  min: `min(${m.sql})`,
  max: `max(${m.sql})`,
  avg: `avg(${m.sql})`,
});

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
  checkGroupBy(groupBy);
  return groupBy.map((name) => all[name]);
}

const sectorRootJoin = (alias: string, groupBy: readonly string[]) =>
  groupBy.includes('TOP_SECTOR')
    ? `LEFT JOIN sector_roots sr ON sr.sector_id = ${alias}.sector_id`
    : '';

/** Counts, jobs, investment and progress of the projects matching `filter`, grouped. */
export async function projectTotals(
  db: Db,
  filter: ProjectFilter | null | undefined,
  groupBy: readonly ProjectDimension[],
): Promise<TotalsRow[]> {
  // looked up once, for whichever plan answers
  const region = await filterRegion(db, filter?.region);
  const fromCells = await cellTotals(db, PROJECT_CELLS, filter, region, groupBy);
  if (fromCells) return fromCells;
  const conditions = await projectConditions(db, filter, region);
  const dimensions = pickDimensions(sharedDimensions('p'), groupBy);
  const price = await priceTotals(db, 'project', { region, status: filter?.status }, groupBy);
  return runTotals(db, {
    price,
    from: `projects p ${sectorRootJoin('p', groupBy)}`,
    where: conditions.where,
    params: conditions.params,
    dimensions,
    measures: [
      { key: 'directJobs', sql: 'p.direct_jobs' },
      { key: 'investmentRial', sql: 'p.investment_rial' },
      { key: 'progressPercent', sql: 'p.progress_pct' },
    ].map(overRows),
    sectorTree: groupBy.includes('TOP_SECTOR'),
    count: 'count(*)',
  });
}

/** Capacity of the plants matching `filter`, grouped, always by rating, counting leaves only. */
export async function energyTotals(
  db: Db,
  filter: EnergyAssetFilter | null | undefined,
  groupBy: readonly EnergyDimension[],
): Promise<TotalsRow[]> {
  // looked up once, for whichever plan answers
  const region = await filterRegion(db, filter?.region);
  const fromCells = await cellTotals(db, ENERGY_CELLS, filter, region, groupBy);
  if (fromCells) return fromCells;
  const conditions = await energyAssetConditions(db, filter, region);
  // a plant built in phases is counted through its phases, never twice
  conditions.add(LEAVES_ONLY);
  const dimensions = pickDimensions<EnergyDimension>(
    { ...sharedDimensions('e'), TECHNOLOGY: { key: 'technology', sql: 'e.technology' } },
    groupBy,
  );
  const price = await priceTotals(db, 'energy_asset', { region, status: filter?.status }, groupBy);
  return runTotals(db, {
    price,
    from: `energy_assets e ${sectorRootJoin('e', groupBy)}`,
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
    ].map(overRows),
    sectorTree: groupBy.includes('TOP_SECTOR'),
    count: 'count(*)',
  });
}
