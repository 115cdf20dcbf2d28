/**
 * The totals cells of migration 0015 (project_cells, energy_cells, per county), read instead of
 * the rows when the filter and groupBy fit their keys: a region that is the country, a province
 * or a county, the enum filters the cells are keyed by, and only dimensions the cells keep. A
 * total that neither filters by a county nor groups by COUNTY reads the same cells summed per
 * province (migration 0017: project_province_cells, energy_province_cells) instead.
 */
import type { Db } from './client';
import { Conditions } from './conditions';
import type { RegionWithLevels } from './regions';
import { type CountedEntity, countsOf } from './row-counts';
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

/** D1 rows a totals query over cells reads per cell: the cell and the grouping sorter. */
const ROWS_PER_CELL = 2;
/**
 * Rows of lookups a totals query over cells reads besides its cells: a margin, since the county's
 * province it once looked up in region_levels is now bound from the region looked up beforehand.
 */
const CELLS_OVERHEAD = 10;

/** A cells table and what it can answer. */
interface CellTable<Name extends string> {
  /** the cells per county */
  table: string;
  /** the same cells summed per province (no county_id column) */
  provinceTable: string;
  /** the entity whose row_counts price a total over these cells */
  entity: CountedEntity;
  /** the dimensions the cells keep, on the cells aliased `c` */
  dimensions: Partial<Record<Name, Dimension>>;
  /** dimensions every total over these cells groups by after those asked for */
  always: Dimension[];
  /** the measured columns, kept in the cells as count, sum, min and max */
  measures: MeasureSql[];
  /** filter fields the keys answer, by cell column */
  filters: Record<string, string>;
  /** filter fields that may be given with a value the cells answer anyway */
  alsoFits?: (filter: Record<string, unknown>) => boolean;
  /** the most cells one (province, county, status) key splits into under `filter` */
  perKey(filter: Record<string, unknown>): number;
}

/** How many values a list filter admits: its length when given, else all `all` of them. */
const admitted = (values: unknown, all: number) =>
  Array.isArray(values) && values.length > 0 ? Math.min(values.length, all) : all;

/** A measured column kept in cells as <prefix>_count, _sum, _min and _max, aggregated over cells. */
const overCells = (key: string, prefix: string): MeasureSql => ({
  key,
  count: `sum(c.${prefix}_count)`,
  sum: `sum(c.${prefix}_sum)`,
  min: `min(c.${prefix}_min)`,
  max: `max(c.${prefix}_max)`,
  avg: `sum(c.${prefix}_sum) * 1.0 / sum(c.${prefix}_count)`,
});

const cellRegionDimensions = {
  PROVINCE: { key: 'provinceId', sql: 'nullif(c.province_id, 0)' },
  COUNTY: { key: 'countyId', sql: 'nullif(c.county_id, 0)' },
  STATUS: { key: 'status', sql: 'c.status' },
};

export const PROJECT_CELLS: CellTable<ProjectDimension> = {
  table: 'project_cells',
  provinceTable: 'project_province_cells',
  entity: 'project',
  dimensions: {
    ...cellRegionDimensions,
    FINANCING: { key: 'financing', sql: "nullif(c.financing, '')" },
  },
  always: [],
  measures: [
    overCells('directJobs', 'jobs'),
    overCells('investmentRial', 'investment'),
    overCells('progressPercent', 'progress'),
  ],
  filters: { status: 'c.status', financing: "nullif(c.financing, '')" },
  // four financing values and none
  perKey: (filter) => admitted(filter.financing, 5),
};

export const ENERGY_CELLS: CellTable<EnergyDimension> = {
  table: 'energy_cells',
  provinceTable: 'energy_province_cells',
  entity: 'energy_asset',
  dimensions: { ...cellRegionDimensions, TECHNOLOGY: { key: 'technology', sql: 'c.technology' } },
  // the rating is always a dimension: MW of different ratings are different quantities
  always: [{ key: 'rating', sql: 'c.rating' }],
  measures: [
    overCells('capacityMw', 'capacity'),
    {
      key: 'capacityLowerBounds',
      count: 'sum(c.lower_bounds)',
      sum: 'sum(c.lower_bounds)',
      min: 'CASE WHEN sum(c.lower_bounds) > 0 THEN 1 END',
      max: 'CASE WHEN sum(c.lower_bounds) > 0 THEN 1 END',
      avg: 'CASE WHEN sum(c.lower_bounds) > 0 THEN 1.0 END',
    },
  ],
  filters: { status: 'c.status', technology: 'c.technology', rating: 'c.rating' },
  // energyTotals counts leaves only, which is what plantsOnly: false asks for too
  alsoFits: (filter) => filter.plantsOnly === false,
  // seven technologies by three ratings
  perKey: (filter) => admitted(filter.technology, 7) * admitted(filter.rating, 3),
};

/**
 * The WHERE conditions of `filter` on `cells`, or null when the cells cannot answer it (a filter
 * field they are not keyed by, a region below a county, a dimension they do not keep). `region`
 * is `filter.region` already looked up.
 */
function cellConditions<Name extends string>(
  cells: CellTable<Name>,
  fields: Record<string, unknown>,
  region: RegionWithLevels | null,
  groupBy: readonly Name[],
): Conditions | null {
  if (groupBy.some((name) => cells.dimensions[name] === undefined)) return null;
  const conditions = new Conditions();
  for (const [field, value] of Object.entries(fields)) {
    if (value == null || (Array.isArray(value) && value.length === 0)) continue;
    if (field === 'region') continue;
    const column = cells.filters[field];
    if (column !== undefined) {
      conditions.oneOf(column, value as readonly string[]);
      continue;
    }
    if (cells.alsoFits?.({ [field]: value })) continue;
    return null;
  }
  if (region?.kind === 'province') conditions.add('c.province_id = ?', region.id);
  else if (region?.kind === 'county') {
    conditions.add('c.province_id = ?', region.provinceId ?? 0);
    conditions.add('c.county_id = ?', region.id);
  } else if (region && region.parentId !== null) return null;
  return conditions;
}

/**
 * Totals of `filter` grouped by `groupBy`, read from `cells` after pricing them: ROWS_PER_CELL
 * for each cell they can match, at most `perKey` cells for each (province, county, status) key
 * of row_counts the filter matches, and never more cells than rows. Null when the cells cannot
 * answer (see cellConditions): the rows answer instead. `region` is `filter.region` already
 * looked up.
 */
export async function cellTotals<Name extends string>(
  db: Db,
  cells: CellTable<Name>,
  filter: { status?: readonly string[] | null } | null | undefined,
  region: RegionWithLevels | null,
  groupBy: readonly Name[],
): Promise<TotalsRow[] | null> {
  const fields = { ...filter } as Record<string, unknown>;
  const conditions = cellConditions(cells, fields, region, groupBy);
  if (!conditions) return null;
  checkGroupBy(groupBy);
  // per province unless a county is asked for (a filter by one, or COUNTY grouped)
  const perProvince = region?.kind !== 'county' && !groupBy.includes('COUNTY' as Name);
  const { rows, keys, provinceKeys } = await countsOf(db, cells.entity, {
    region,
    status: filter?.status,
  });
  const matched = Math.min(rows, (perProvince ? provinceKeys : keys) * cells.perKey(fields));
  return runTotals(db, {
    price: {
      rows: matched * ROWS_PER_CELL + CELLS_OVERHEAD,
      argument: 'filter',
      narrow: NARROW_TOTALS,
    },
    from: `${perProvince ? cells.provinceTable : cells.table} c`,
    where: conditions.where,
    params: conditions.params,
    dimensions: [...groupBy.map((name) => cells.dimensions[name] as Dimension), ...cells.always],
    measures: cells.measures,
    sectorTree: false,
    count: 'coalesce(sum(c.n), 0)',
  });
}
