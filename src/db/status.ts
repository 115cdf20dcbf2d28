/** The state of the data set: its version, counts, sources and known conflicts. */
import { ROWS_PER_KEY } from './bound-keys';
import type { Db } from './client';

export interface DataCounts {
  regions: number;
  sectors: number;
  sources: number;
  indicators: number;
  projects: number;
  energyAssets: number;
  plans: number;
  planTargets: number;
  claims: number;
  syntheticRows: number;
}

export interface DataStatusRow {
  migration: string | null;
  lastChangeAt: string | null;
  newestSourcePublishedOn: string | null;
  changeId: number | null;
  counts: DataCounts;
}

/** The tables dataStatus counts, by the key it reports each under (migration 0016 keeps the counts). */
export const STATUS_TABLES = {
  regions: 'regions',
  sectors: 'sectors',
  sources: 'sources',
  indicators: 'indicators',
  projects: 'projects',
  energyAssets: 'energy_assets',
  plans: 'plans',
  planTargets: 'plan_targets',
  claims: 'claims',
} as const;

/** The rows of table_counts dataStatus reads: one per table it counts. */
const TABLE_COUNTS_ROWS = Object.keys(STATUS_TABLES).length;
/** The newest migration (by rowid, from the end) and the newest change (max of the rowid). */
const VERSION_ROWS = 2 * ROWS_PER_KEY;

/**
 * Two statements over a few rows: counts, synthetic counts and the newest write from
 * table_counts (kept by the triggers of migrations/0016), priced at its TABLE_COUNTS_ROWS; then
 * the newest source, the migration level and the newest change, priced by the sources the first
 * counted (published_on has no index: the newest is found by reading every source once).
 */
export async function dataStatus(db: Db): Promise<DataStatusRow> {
  const counts = Object.entries(STATUS_TABLES)
    .map(([key, table]) => `max(CASE WHEN name = '${table}' THEN n END) AS "${key}"`)
    .join(', ');
  const row = await db.first<Record<string, number | string | null>>(
    `SELECT ${counts}, sum(synthetic) AS "syntheticRows",
       nullif(max(coalesce(updated_at, '')), '') AS "lastChangeAt"
     FROM table_counts`,
    [],
    { rows: TABLE_COUNTS_ROWS },
  );
  const value = (key: string) => Number(row?.[key] ?? 0);
  // max() skips NULLs: the same date as the newest non-null published_on, without a sorter
  const newest = await db.first<{
    newestSourcePublishedOn: string | null;
    migration: string | null;
    changeId: number | null;
  }>(
    `SELECT (SELECT max(published_on) FROM sources) AS "newestSourcePublishedOn",
       (SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1) AS "migration",
       (SELECT max(id) FROM changes) AS "changeId"`,
    [],
    { rows: value('sources') + VERSION_ROWS },
  );
  return {
    migration: newest?.migration ?? null,
    lastChangeAt: (row?.lastChangeAt as string | null) ?? null,
    newestSourcePublishedOn: newest?.newestSourcePublishedOn ?? null,
    changeId: newest?.changeId == null ? null : Number(newest.changeId),
    counts: {
      ...(Object.fromEntries(Object.keys(STATUS_TABLES).map((key) => [key, value(key)])) as Omit<
        DataCounts,
        'syntheticRows'
      >),
      syntheticRows: value('syntheticRows'),
    },
  };
}

/** Just what `versionOf` needs: the migration level and the newest change, by key. */
export async function dataVersion(db: Db): Promise<Pick<DataStatusRow, 'migration' | 'changeId'>> {
  const row = await db.first<{ migration: string | null; changeId: number | null }>(
    `SELECT (SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1) AS migration,
       (SELECT max(id) FROM changes) AS changeId`,
    [],
    { rows: VERSION_ROWS },
  );
  return {
    migration: row?.migration ?? null,
    changeId: row?.changeId == null ? null : Number(row.changeId),
  };
}

/** The dataset version: the migration level and the newest change, e.g. "0006+42". */
export function versionOf(status: Pick<DataStatusRow, 'migration' | 'changeId'>): string {
  const level = status.migration?.slice(0, 4) ?? '0000';
  return `${level}+${status.changeId ?? 0}`;
}

export interface ConflictRow {
  conflictGroup: string;
  claimIds: number[];
  claimSlugs: string[];
}

/**
 * Every conflict group with the ids of its claims. The list has no page: it is priced by the
 * claims there are (`claims`, dataStatus's count from table_counts), each read at most once by
 * the partial index claims_conflict_group, once as a row and once by the grouping.
 */
export async function conflictGroups(db: Db, claims: number): Promise<ConflictRow[]> {
  const rows = await db.all<{ conflictGroup: string; ids: string; slugs: string }>(
    `SELECT conflict_group AS conflictGroup, json_group_array(id) AS ids, json_group_array(slug) AS slugs
     FROM (SELECT conflict_group, id, slug FROM claims WHERE conflict_group IS NOT NULL ORDER BY conflict_group, id)
     GROUP BY conflict_group ORDER BY conflict_group`,
    [],
    {
      rows: 3 * claims + 1,
      argument: 'knownIssues',
      narrow: 'leave out `knownIssues` and filter `claims` by `conflictGroup` instead.',
    },
  );
  return rows.map((row) => ({
    conflictGroup: row.conflictGroup,
    claimIds: JSON.parse(row.ids) as number[],
    claimSlugs: JSON.parse(row.slugs) as string[],
  }));
}

/** The newest applied migration, for /health: one cheap statement that proves D1 answers. */
export async function newestMigration(db: Db): Promise<string | null> {
  const row = await db.first<{ name: string }>(
    'SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1',
    [],
    { rows: ROWS_PER_KEY },
  );
  return row?.name ?? null;
}
