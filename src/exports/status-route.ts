/** GET /status: the dataStatus query's answer as plain JSON, for monitors and scripts. */
import type { Context as HonoContext } from 'hono';
import { Db } from '../db/client';
import { conflictGroups, dataStatus, versionOf } from '../db/status';
import { DATA_LICENSE, DATASET_NAME } from '../lib/dataset';

export async function handleStatus(
  c: HonoContext<{ Bindings: CloudflareBindings }>,
): Promise<Response> {
  const db = new Db(c.env.DB);
  const [status, issues] = await Promise.all([dataStatus(db), conflictGroups(db)]);
  const slugs = await db.all<{ id: number; slug: string }>(
    'SELECT id, slug FROM claims WHERE conflict_group IS NOT NULL',
  );
  const slugOf = new Map(slugs.map((row) => [row.id, row.slug]));
  return c.json({
    dataset: DATASET_NAME,
    version: versionOf(status),
    migration: status.migration,
    lastChangeAt: status.lastChangeAt,
    newestSourcePublishedOn: status.newestSourcePublishedOn,
    license: DATA_LICENSE,
    counts: status.counts,
    knownIssues: issues.map((issue) => ({
      conflictGroup: issue.conflictGroup,
      claims: issue.claimIds.map((id) => slugOf.get(id)),
    })),
  });
}
