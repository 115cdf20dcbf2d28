/** The state of the data set: its version, counts, sources and known conflicts. */
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

/**
 * One statement over a few rows whatever the size of the data: counts, synthetic counts and the
 * newest write from table_counts (kept by the triggers of migrations/0016), the newest source,
 * the migration level and the newest change.
 */
export async function dataStatus(db: Db): Promise<DataStatusRow> {
  const counts = Object.entries(STATUS_TABLES)
    .map(([key, table]) => `max(CASE WHEN name = '${table}' THEN n END) AS "${key}"`)
    .join(', ');
  const row = await db.first<Record<string, number | string | null>>(
    `SELECT ${counts}, sum(synthetic) AS "syntheticRows",
       nullif(max(coalesce(updated_at, '')), '') AS "lastChangeAt",
       (SELECT published_on FROM sources WHERE published_on IS NOT NULL ORDER BY published_on DESC LIMIT 1) AS "newestSourcePublishedOn",
       (SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1) AS "migration",
       (SELECT max(id) FROM changes) AS "changeId"
     FROM table_counts`,
  );
  const value = (key: string) => Number(row?.[key] ?? 0);
  return {
    migration: (row?.migration as string | null) ?? null,
    lastChangeAt: (row?.lastChangeAt as string | null) ?? null,
    newestSourcePublishedOn: (row?.newestSourcePublishedOn as string | null) ?? null,
    changeId: row?.changeId == null ? null : Number(row.changeId),
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

/** Every conflict group with the ids of its claims. */
export async function conflictGroups(db: Db): Promise<ConflictRow[]> {
  const rows = await db.all<{ conflictGroup: string; ids: string; slugs: string }>(
    `SELECT conflict_group AS conflictGroup, json_group_array(id) AS ids, json_group_array(slug) AS slugs
     FROM (SELECT conflict_group, id, slug FROM claims WHERE conflict_group IS NOT NULL ORDER BY conflict_group, id)
     GROUP BY conflict_group ORDER BY conflict_group`,
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
  );
  return row?.name ?? null;
}
