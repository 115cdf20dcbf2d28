/**
 * What both totals plans (src/db/totals.ts over the rows, src/db/totals-cells.ts over the cells)
 * share: the dimensions a total groups by, the rows it returns and the one statement it runs.
 */
import { InputError } from '../lib/errors';
import type { Db, ReadPrice, SqlValue } from './client';

/** A grouping dimension: the SQL expression of its key, and the name the key is returned under. */
export interface Dimension {
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
export const NARROW_TOTALS =
  'narrow `filter` by `region` (a province or county) or `status`; partners (an API key) may read more.';

/** Groups beyond this are refused rather than returned by the thousand. */
export const MAX_GROUPS = 1000;

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

/** Refuses a `groupBy` that lists a dimension twice or more than four of them. */
export function checkGroupBy(groupBy: readonly string[]): void {
  if (new Set(groupBy).size !== groupBy.length) {
    throw new InputError('groupBy', '`groupBy` lists a dimension twice.');
  }
  if (groupBy.length > 4) throw new InputError('groupBy', '`groupBy` takes at most 4 dimensions.');
}

/** The top of each sector's tree (the county and province of a row are its own columns). */
export const LEVELS_CTE = `WITH RECURSIVE
  sector_up(sector_id, ancestor_id, parent_id) AS (
    SELECT id, id, parent_id FROM sectors
    UNION ALL SELECT u.sector_id, s.id, s.parent_id FROM sector_up u JOIN sectors s ON s.id = u.parent_id
  ),
  sector_roots(sector_id, root_id) AS (SELECT sector_id, ancestor_id FROM sector_up WHERE parent_id IS NULL)`;

/** The SQL of a measure's five statistics. */
export interface MeasureSql {
  key: string;
  count: string;
  sum: string;
  min: string;
  max: string;
  avg: string;
}

/** Runs a totals statement: its groups in key order, refusing more than MAX_GROUPS of them. */
export async function runTotals(
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
    /** what the statement may read (priceTotals, cellTotals) */
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
