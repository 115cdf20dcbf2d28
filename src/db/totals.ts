/** Group-by totals over a filtered list: one SQL statement, grouped by the dimensions asked for. */
import type { Db, SqlValue } from './client';

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

export async function totals(
  db: Db,
  spec: {
    from: string;
    where: string[];
    params: SqlValue[];
    dimensions: Dimension[];
    measures: Measure[];
  },
): Promise<{ rows: TotalsRow[]; truncated: boolean }> {
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
  return { rows, truncated: raw.length > MAX_GROUPS };
}
