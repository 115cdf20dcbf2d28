/** Group-by totals over a filtered list: one SQL statement, grouped by the dimensions asked for. */
import { InputError } from '../lib/errors';
import type { Db, ReadPrice, SqlValue } from './client';
import { Conditions } from './conditions';
import { type EnergyAssetFilter, energyAssetConditions, LEAVES_ONLY } from './energy-assets';
import { type ProjectFilter, projectConditions } from './projects';
import { regions } from './regions';
import { type CountedEntity, countsOf, rowsAtMost } from './row-counts';

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
/** D1 rows a totals query over cells reads per cell: the cell and the grouping sorter. */
const ROWS_PER_CELL = 2;
/** Rows of lookups a totals query over cells reads besides its cells (the county's province). */
const CELLS_OVERHEAD = 10;

type PricedFilter = { region?: string | null; status?: readonly string[] | null };

/**
 * Prices a totals query over the base table before it runs: ROWS_PER_MATCH for each row its
 * region and status filter can match, one more for each Jalali year or month dimension (a seek in
 * jalali_months per row), plus the sector tree when TOP_SECTOR is grouped by; refuses it above
 * the request's ceiling.
 */
async function priceTotals(
  db: Db,
  entity: CountedEntity,
  filter: PricedFilter | null | undefined,
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

/**
 * Prices a totals query over cells: ROWS_PER_CELL for each cell it can match, at most
 * `perKey` cells for each (province, county, status) key of row_counts the filter matches, and
 * never more cells than rows.
 */
async function priceCells(
  db: Db,
  entity: CountedEntity,
  filter: PricedFilter | null | undefined,
  perKey: number,
): Promise<ReadPrice> {
  const { rows, keys } = await countsOf(db, entity, filter);
  const cells = Math.min(rows, keys * perKey);
  return {
    rows: cells * ROWS_PER_CELL + CELLS_OVERHEAD,
    argument: 'filter',
    narrow: NARROW_TOTALS,
  };
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

/** The SQL of a measure's five statistics. */
interface MeasureSql {
  key: string;
  count: string;
  sum: string;
  min: string;
  max: string;
  avg: string;
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

/** A measured column kept in cells as <prefix>_count, _sum, _min and _max, aggregated over cells. */
const overCells = (key: string, prefix: string): MeasureSql => ({
  key,
  count: `sum(c.${prefix}_count)`,
  sum: `sum(c.${prefix}_sum)`,
  min: `min(c.${prefix}_min)`,
  max: `max(c.${prefix}_max)`,
  avg: `sum(c.${prefix}_sum) * 1.0 / sum(c.${prefix}_count)`,
});

async function totals(
  db: Db,
  spec: {
    from: string;
    where: string[];
    params: SqlValue[];
    dimensions: Dimension[];
    measures: MeasureSql[];
    /** the sector tree is joined (TOP_SECTOR) */
    sectorTree: boolean;
    /** the SQL counting the rows of a group */
    count: string;
    /** what the statement may read (priceTotals, priceCells) */
    price: ReadPrice;
  },
): Promise<TotalsRow[]> {
  const select = [
    ...spec.dimensions.map((d, i) => `${d.sql} AS "d${i}"`),
    `${spec.count} AS "n"`,
    ...spec.measures.flatMap((m, i) => [
      `${m.count} AS "m${i}_count"`,
      `${m.sum} AS "m${i}_sum"`,
      `${m.min} AS "m${i}_min"`,
      `${m.max} AS "m${i}_max"`,
      `${m.avg} AS "m${i}_avg"`,
    ]),
  ];
  const groups = spec.dimensions.map((_d, i) => `"d${i}"`);
  const sql = `${spec.sectorTree ? LEVELS_CTE : ''}
SELECT ${select.join(', ')}
FROM ${spec.from}
${spec.where.length > 0 ? `WHERE ${spec.where.join(' AND ')}` : ''}
${groups.length > 0 ? `GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')}` : ''}
LIMIT ?`;
  const raw = await db.all<Record<string, number | string | null>>(
    sql,
    [...spec.params, MAX_GROUPS + 1],
    spec.price,
  );
  const rows = raw.slice(0, MAX_GROUPS).map((row) => ({
    keys: Object.fromEntries(spec.dimensions.map((d, i) => [d.key, row[`d${i}`] ?? null])),
    count: Number(row.n ?? 0),
    stats: Object.fromEntries(
      spec.measures.map((m, i) => {
        const count = Number(row[`m${i}_count`] ?? 0);
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

/**
 * The totals cells of migration 0015 (project_cells, energy_cells), read instead of the rows
 * when the filter and groupBy fit their keys: a region that is the country, a province or a
 * county, the enum filters the cells are keyed by, and only dimensions the cells keep.
 */
interface CellTable<Name extends string> {
  table: string;
  /** the dimensions the cells keep, on the cells aliased `c` */
  dimensions: Partial<Record<Name, Dimension>>;
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

const cellRegionDimensions = {
  PROVINCE: { key: 'provinceId', sql: 'nullif(c.province_id, 0)' },
  COUNTY: { key: 'countyId', sql: 'nullif(c.county_id, 0)' },
  STATUS: { key: 'status', sql: 'c.status' },
};

const PROJECT_CELLS: CellTable<ProjectDimension> = {
  table: 'project_cells',
  dimensions: {
    ...cellRegionDimensions,
    FINANCING: { key: 'financing', sql: "nullif(c.financing, '')" },
  },
  filters: { status: 'c.status', financing: "nullif(c.financing, '')" },
  // four financing values and none
  perKey: (filter) => admitted(filter.financing, 5),
};

const ENERGY_CELLS: CellTable<EnergyDimension> = {
  table: 'energy_cells',
  dimensions: { ...cellRegionDimensions, TECHNOLOGY: { key: 'technology', sql: 'c.technology' } },
  filters: { status: 'c.status', technology: 'c.technology', rating: 'c.rating' },
  // energyTotals counts leaves only, which is what plantsOnly: false asks for too
  alsoFits: (filter) => filter.plantsOnly === false,
  // seven technologies by three ratings
  perKey: (filter) => admitted(filter.technology, 7) * admitted(filter.rating, 3),
};

/**
 * The WHERE conditions of `filter` on `cells`, or null when the cells cannot answer it (a filter
 * field they are not keyed by, a region below a county, a dimension they do not keep).
 */
async function cellConditions<Name extends string>(
  db: Db,
  cells: CellTable<Name>,
  filter: object | null | undefined,
  groupBy: readonly Name[],
): Promise<Conditions | null> {
  if (groupBy.some((name) => cells.dimensions[name] === undefined)) return null;
  const conditions = new Conditions();
  const fields = (filter ?? {}) as Record<string, unknown>;
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
  const slug = fields.region;
  if (typeof slug === 'string') {
    const [region] = await regions.bySlugs(db, [slug]);
    if (!region) return null;
    if (region.kind === 'province') conditions.add('c.province_id = ?', region.id);
    else if (region.kind === 'county') {
      conditions.add(
        'c.province_id = (SELECT coalesce(province_id, 0) FROM region_levels WHERE region_id = ?)',
        region.id,
      );
      conditions.add('c.county_id = ?', region.id);
    } else if (region.parentId !== null) return null;
  }
  return conditions;
}

/** Totals read from cells (already priced). */
function cellTotals<Name extends string>(
  db: Db,
  cells: CellTable<Name>,
  conditions: Conditions,
  groupBy: readonly Name[],
  extra: Dimension[],
  measures: MeasureSql[],
  price: ReadPrice,
): Promise<TotalsRow[]> {
  return totals(db, {
    price,
    from: `${cells.table} c`,
    where: conditions.where,
    params: conditions.params,
    dimensions: [...groupBy.map((name) => cells.dimensions[name] as Dimension), ...extra],
    measures,
    sectorTree: false,
    count: 'coalesce(sum(c.n), 0)',
  });
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
  const conditions = await projectConditions(db, filter);
  const dimensions = pickDimensions(sharedDimensions('p'), groupBy);
  const cells = await cellConditions(db, PROJECT_CELLS, filter, groupBy);
  if (cells) {
    const price = await priceCells(db, 'project', filter, PROJECT_CELLS.perKey({ ...filter }));
    return cellTotals(
      db,
      PROJECT_CELLS,
      cells,
      groupBy,
      [],
      [
        overCells('directJobs', 'jobs'),
        overCells('investmentRial', 'investment'),
        overCells('progressPercent', 'progress'),
      ],
      price,
    );
  }
  const price = await priceTotals(db, 'project', filter, groupBy);
  return totals(db, {
    price,
    from: `projects p ${sectorRootJoin('p', groupBy)}`,
    ...conditions,
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
  const conditions = await energyAssetConditions(db, filter);
  // a plant built in phases is counted through its phases, never twice
  conditions.add(LEAVES_ONLY);
  const dimensions = pickDimensions<EnergyDimension>(
    { ...sharedDimensions('e'), TECHNOLOGY: { key: 'technology', sql: 'e.technology' } },
    groupBy,
  );
  const cells = await cellConditions(db, ENERGY_CELLS, filter, groupBy);
  if (cells) {
    const price = await priceCells(db, 'energy_asset', filter, ENERGY_CELLS.perKey({ ...filter }));
    return cellTotals(
      db,
      ENERGY_CELLS,
      cells,
      groupBy,
      [{ key: 'rating', sql: 'c.rating' }],
      [
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
      price,
    );
  }
  const price = await priceTotals(db, 'energy_asset', filter, groupBy);
  return totals(db, {
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
