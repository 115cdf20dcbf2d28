/** GET /, /health and /status: what the API is, whether D1 answers, and the state of the data. */
import { Hono } from 'hono';
import { conflictGroups, dataStatus, newestMigration, versionOf } from '../../db/status';
import { DATA_LICENSE, DATASET_NAME } from '../../lib/dataset';
import type { AppEnv } from '../env';

export const statusRoutes = new Hono<AppEnv>()
  .get('/', (c) =>
    c.json({
      name: 'Ostan',
      description:
        'Open GraphQL API for provincial economic-development data (Qom province, Iran).',
      graphql: '/graphql',
      health: '/health',
      status: '/status',
      exports: '/exports/{projects|energy-assets|claims}.{csv|ndjson|geojson|oc4ids|sdmx}',
    }),
  )
  .get('/health', async (c) => {
    try {
      const migration = await newestMigration(c.var.db);
      return c.json({ status: 'ok', database: 'reachable', migration });
    } catch {
      return c.json({ status: 'error', database: 'unreachable', migration: null }, 503);
    }
  })
  // the dataStatus query's answer as plain JSON, for monitors and scripts
  .get('/status', async (c) => {
    const { db } = c.var;
    // the conflicts are priced by the claims dataStatus counts
    const status = await dataStatus(db);
    const issues = await conflictGroups(db, status.counts.claims);
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
        claims: issue.claimSlugs,
      })),
    });
  });
