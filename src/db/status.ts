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

const TABLES = {
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

/** One statement: counts, the newest write, the newest source, the migration level. */
export async function dataStatus(db: Db): Promise<DataStatusRow> {
  const counts = Object.entries(TABLES)
    .map(([key, table]) => `(SELECT count(*) FROM ${table}) AS "${key}"`)
    .join(', ');
  const synthetic = Object.values(TABLES)
    .filter((table) => table !== 'indicators')
    .map((table) => `(SELECT count(*) FROM ${table} WHERE synthetic = 1)`)
    .join(' + ');
  const updated = Object.values(TABLES)
    .map((table) => `(SELECT coalesce(max(updated_at), '') FROM ${table})`)
    .join(', ');
  const hasChanges = await db.first<{ n: number }>(
    "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'changes'",
  );
  const row = await db.first<Record<string, number | string | null>>(
    `SELECT ${counts}, ${synthetic} AS "syntheticRows",
       nullif(max(${updated}), '') AS "lastChangeAt",
       (SELECT max(published_on) FROM sources) AS "newestSourcePublishedOn",
       (SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1) AS "migration",
       ${hasChanges?.n ? '(SELECT max(id) FROM changes)' : 'NULL'} AS "changeId"`,
  );
  const value = (key: string) => Number(row?.[key] ?? 0);
  return {
    migration: (row?.migration as string | null) ?? null,
    lastChangeAt: (row?.lastChangeAt as string | null) ?? null,
    newestSourcePublishedOn: (row?.newestSourcePublishedOn as string | null) ?? null,
    changeId: row?.changeId == null ? null : Number(row.changeId),
    counts: {
      ...(Object.fromEntries(Object.keys(TABLES).map((key) => [key, value(key)])) as Omit<
        DataCounts,
        'syntheticRows'
      >),
      syntheticRows: value('syntheticRows'),
    },
  };
}

/**
 * Just what `versionOf` needs, in a few rows (the migration level and the newest change, by key):
 * `dataStatus` counts every table, which at a million projects reads millions of rows, and a
 * route is charged the rows it reads.
 */
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
