// dataStatus reads its counts from table_counts (migration 0016): they stay what count(*),
// sum(synthetic) and max(updated_at) say through inserts, updates and deletes, for every table it
// reports, and reading them costs a few rows whatever the size of the data.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db/client';
import { dataStatus, STATUS_TABLES } from '../../src/db/status';
import { addSyntheticProjects } from '../factories';

/** What the tables themselves say, by dataStatus's keys. */
async function truth() {
  const counts: Record<string, number> = {};
  let synthetic = 0;
  let newest = '';
  for (const [key, table] of Object.entries(STATUS_TABLES)) {
    const hasSynthetic = table !== 'indicators';
    const row = await env.DB.prepare(
      `SELECT count(*) AS n, ${hasSynthetic ? 'coalesce(sum(synthetic), 0)' : '0'} AS s,
         coalesce(max(updated_at), '') AS u FROM ${table}`,
    ).first<{ n: number; s: number; u: string }>();
    counts[key] = row?.n ?? -1;
    synthetic += row?.s ?? 0;
    if ((row?.u ?? '') > newest) newest = row?.u ?? '';
  }
  return { counts: { ...counts, syntheticRows: synthetic }, lastChangeAt: newest || null };
}

describe('table_counts', () => {
  it('holds a row, and insert, update and delete triggers, for every table dataStatus reports', async () => {
    const tables = Object.values(STATUS_TABLES);
    const { results: kept } = await env.DB.prepare('SELECT name FROM table_counts').all<{
      name: string;
    }>();
    expect(kept.map((row) => row.name).sort()).toEqual([...tables].sort());
    const { results: triggers } = await env.DB.prepare(
      "SELECT tbl_name AS t, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_table_counts_%'",
    ).all<{ t: string; name: string }>();
    for (const table of tables) {
      expect(
        triggers
          .filter((row) => row.t === table)
          .map((row) => row.name)
          .sort(),
      ).toEqual(['delete', 'insert', 'update'].map((event) => `${table}_table_counts_${event}`));
    }
  });

  it('starts equal to the tables and stays so through inserts, updates and deletes', async () => {
    const before = await dataStatus(new Db(env.DB));
    expect({ counts: before.counts, lastChangeAt: before.lastChangeAt }).toEqual(await truth());

    await addSyntheticProjects(12, 2);
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE projects SET synthetic = 0, updated_at = '2099-01-01T00:00:00Z' WHERE slug = 'test-project-0001'",
      ),
      env.DB.prepare(
        "DELETE FROM claims WHERE subject_kind = 'project' AND subject_id IN (SELECT id FROM projects WHERE slug = 'test-project-0002')",
      ),
      env.DB.prepare(
        "DELETE FROM projects WHERE slug IN ('test-project-0002', 'test-project-0003')",
      ),
      env.DB.prepare(
        "UPDATE sectors SET updated_at = '2099-02-01T00:00:00Z' WHERE id = (SELECT min(id) FROM sectors)",
      ),
    ]);
    const after = await dataStatus(new Db(env.DB));
    expect(after.counts.projects).toBe(before.counts.projects + 10);
    expect(after.counts.syntheticRows).toBeGreaterThan(before.counts.syntheticRows);
    // the newest write ever made, even once its row is gone or changed again
    expect(after.lastChangeAt).toBe('2099-02-01T00:00:00Z');
    expect({ counts: after.counts, lastChangeAt: after.lastChangeAt }).toEqual(await truth());
  });

  it('reads a few rows, not the tables', async () => {
    await addSyntheticProjects(60, 2);
    const db = new Db(env.DB);
    await dataStatus(db);
    // table_counts' nine rows, the sources' dates, the newest migration and change
    expect(db.stats.rowsRead).toBeLessThan(100);
  });
});
