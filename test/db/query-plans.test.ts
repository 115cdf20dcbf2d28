// Every list query shape the API builds is served by an index: EXPLAIN QUERY PLAN shows no
// full scan of the large tables, for each filter and each sort.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fetchChildPages } from '../../src/db/child-pages';
import { claimConditions, claimList, claims } from '../../src/db/claims';
import { Db, type Price, type SqlValue } from '../../src/db/client';
import {
  energyAssetConditions,
  energyAssetOrdering,
  energyAssets,
} from '../../src/db/energy-assets';
import type { Ordering } from '../../src/db/ordering';
import { fetchPage } from '../../src/db/pagination';
import { projectConditions, projectOrdering, projects } from '../../src/db/projects';

/** A Db that records every statement it runs, so the test can EXPLAIN exactly those. */
class RecordingDb extends Db {
  readonly statements: { sql: string; params: SqlValue[] }[] = [];
  override all<Row>(sql: string, params: SqlValue[], price: Price) {
    this.statements.push({ sql, params });
    return super.all<Row>(sql, params, price);
  }
  override batch<Row>(statements: { sql: string; params: SqlValue[] }[], price: Price) {
    this.statements.push(...statements);
    return super.batch<Row>(statements, price);
  }
}

const LARGE_TABLES = ['projects', 'energy_assets', 'claims'];

async function fullScans(db: RecordingDb): Promise<string[]> {
  const problems: string[] = [];
  for (const { sql, params } of db.statements) {
    // totalCount is a count of the matching rows: its cost grows with them by nature (as GitHub's)
    if (/^(WITH .*\) )?SELECT (\S+ AS "__parent", )?count\(\*\)/s.test(sql)) continue;
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    for (const { detail } of plan.results) {
      // "SCAN p" with no index reads the whole table, unless it walks the primary key in the
      // page's own order and stops at the LIMIT
      const match = /^SCAN (\w+)$/.exec(detail);
      if (!match) continue;
      const alias = match[1];
      const table = LARGE_TABLES.find((name) => sql.includes(`${name} ${alias}`));
      const walksRowidToLimit = new RegExp(`ORDER BY ${alias}\\.id (ASC|DESC) LIMIT \\?$`).test(
        sql,
      );
      if (table && !walksRowidToLimit) problems.push(`${detail} (${table}) in: ${sql.slice(-200)}`);
    }
  }
  return problems;
}

type Case = [string, Record<string, unknown> | null, Record<string, unknown> | null];

const projectCases: Case[] = [
  ['no filter, default order', null, null],
  ['province', { region: 'qom' }, null],
  ['county', { region: 'qom-county' }, null],
  ['region below county (subtree)', { region: 'shokouhieh' }, null],
  ['country (every row)', { region: 'iran' }, null],
  ['sector subtree', { sector: 'industry' }, null],
  ['status', { status: ['under_construction'] }, null],
  ['financing', { financing: ['private'] }, null],
  ['progress range', { progressPercent: { min: 60, max: 90 } }, null],
  ['jobs range', { directJobs: { min: 10 } }, null],
  ['started in a Jalali year', { startedOn: { jalaliYear: 1404 } }, null],
  ['opened between ISO dates', { openedOn: { from: '2025-08-01', to: '2025-09-30' } }, null],
  ['synthetic only', { synthetic: true }, null],
  ['by Persian name', null, { field: 'NAME', lang: 'fa' }],
  ['by English name', null, { field: 'NAME', lang: 'en' }],
  ['by progress, newest first', null, { field: 'PROGRESS', direction: 'desc' }],
  ['by jobs', null, { field: 'DIRECT_JOBS' }],
  ['by investment', null, { field: 'INVESTMENT', direction: 'desc' }],
  ['by start date', null, { field: 'STARTED_ON' }],
  ['by opening date', null, { field: 'OPENED_ON', direction: 'desc' }],
  [
    'progress range sorted by progress',
    { progressPercent: { min: 60, max: 90 } },
    { field: 'PROGRESS', direction: 'desc' },
  ],
];

const energyCases: Case[] = [
  ['no filter', null, null],
  ['technology', { technology: ['solar_pv'] }, null],
  ['status', { status: ['operational'] }, null],
  ['rating', { rating: ['ac'] }, null],
  ['region subtree', { region: 'qom-county' }, null],
  ['capacity range', { capacityMw: { min: 10, max: 100 } }, null],
  ['by capacity', null, { field: 'CAPACITY', direction: 'desc' }],
  ['by name', null, { field: 'NAME', lang: 'en' }],
  ['by opening date', null, { field: 'OPENED_ON' }],
];

const claimCases: Case[] = [
  ['no filter', null, null],
  ['indicator', { indicator: 'jobs_created' }, null],
  ['indicator with related', { indicator: 'jobs_created', withRelated: true }, null],
  [
    'related, by date',
    { indicator: 'solar_capacity_operational_mw', withRelated: true },
    { field: 'AS_OF', direction: 'desc' },
  ],
  ['source', { source: 'mehr-2025-08-23-seed' }, null],
  ['as-of range', { asOf: { from: '2025-09-01', to: '2025-12-31' } }, null],
  ['preferred only', { preferredOnly: true }, null],
  ['measure', { measure: ['level'] }, null],
  ['by date', null, { field: 'AS_OF', direction: 'desc' }],
  ['by value', null, { field: 'VALUE' }],
];

describe('query plans', () => {
  it.each(projectCases)('projects: %s', async (_name, filter, order) => {
    const db = new RecordingDb(env.DB);
    const conditions = await projectConditions(db, filter as never);
    const ordering = projectOrdering(order as never, 'fa', filter as never);
    await fetchPage(
      db,
      projects.list(conditions.where, conditions.params),
      ordering,
      { first: 20 },
      true,
    );
    expect(await fullScans(db)).toEqual([]);
  });

  it.each(energyCases)('energy assets: %s', async (_name, filter, order) => {
    const db = new RecordingDb(env.DB);
    const conditions = await energyAssetConditions(db, filter as never);
    const ordering = energyAssetOrdering(order as never, 'fa', filter as never);
    await fetchPage(
      db,
      energyAssets.list(conditions.where, conditions.params),
      ordering,
      { first: 20 },
      true,
    );
    expect(await fullScans(db)).toEqual([]);
  });

  it.each(claimCases)('claims: %s', async (_name, filter, order) => {
    const db = new RecordingDb(env.DB);
    const conditions = await claimConditions(db, filter as never);
    await fetchPage(
      db,
      claims.list(conditions.where, conditions.params),
      claimList.ordering(order as never, 'fa'),
      { first: 20 },
      true,
    );
    expect(await fullScans(db)).toEqual([]);
  });

  it('would notice a filter no index serves (the check itself works)', async () => {
    const db = new RecordingDb(env.DB);
    await fetchPage(
      db,
      projects.list(['p.investors = ?'], ['x']),
      projects.byIdOrdering,
      { first: 20, after: null },
      false,
    );
    await fetchPage(
      db,
      projects.list(['p.investors = ?'], ['x']),
      {
        name: 'X',
        columns: [
          { sql: 'p.investors', key: 'investors' },
          { sql: 'p.id', key: 'id' },
        ],
      },
      { first: 20 },
      false,
    );
    expect(await fullScans(db)).toHaveLength(1);
  });

  it.each([
    ['projects of a province by progress', 'qom', 'p'],
    ['projects of a county by progress', 'qom-county', 'p'],
  ])('%s walk one index in order, with no sort of the whole province', async (_name, region) => {
    const db = new RecordingDb(env.DB);
    const filter = { region, progressPercent: { min: 60, max: 90 } } as never;
    const conditions = await projectConditions(db, filter);
    const ordering = projectOrdering(
      { field: 'PROGRESS', direction: 'desc' } as never,
      'fa',
      filter,
    );
    await fetchPage(
      db,
      projects.list(conditions.where, conditions.params),
      ordering,
      { first: 20 },
      false,
    );
    const statement = db.statements.at(-1);
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statement?.sql}`)
      .bind(...(statement?.params ?? []))
      .all<{ detail: string }>();
    const details = plan.results.map((row) => row.detail).join('\n');
    expect(details).toMatch(/projects_(province|county)_progress/);
    expect(details).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('nested connections seek by parent', async () => {
    const db = new RecordingDb(env.DB);
    const ordering: Ordering = claims.byIdOrdering;
    await fetchChildPages(
      db,
      claims.list(['c.subject_kind = ?'], ['project']),
      'c.subject_id',
      [1, 2, 3],
      ordering,
      { first: 5 },
      true,
    );
    await fetchChildPages(
      db,
      projects.list(),
      { tree: 'regions', column: 'p.region_id' },
      [1, 2],
      projects.byIdOrdering,
      { first: 5 },
      true,
    );
    expect(await fullScans(db)).toEqual([]);
  });
});
