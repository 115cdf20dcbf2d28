// Every list query shape the API builds is served by an index: EXPLAIN QUERY PLAN shows no
// full scan of the large tables, for each filter and each sort.
import { env } from 'cloudflare:workers';
import { type GraphQLInputType, getNamedType, isEnumType, isInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fetchChildPages } from '../../src/db/child-pages';
import { CLAIM_SUBJECT, claimConditions, claimList, claims } from '../../src/db/claims';
import { Db, type Price, type SqlValue } from '../../src/db/client';
import {
  energyAssetConditions,
  energyAssetOrdering,
  energyAssets,
} from '../../src/db/energy-assets';
import type { Ordering } from '../../src/db/ordering';
import { fetchPage, type ListSource, TOTAL_COUNT_CAP } from '../../src/db/pagination';
import { projectConditions, projectOrdering, projects } from '../../src/db/projects';
import { schema } from '../../src/graphql/index';
import { addSyntheticProjects, seedVariedSynthetic } from '../factories';

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

/**
 * A walked row looked up by its id: by primary key, or (a key to check, such as one status) in
 * that key's index (column, id), one entry either way.
 */
const LOOKED_UP_BY_ID =
  /^SEARCH \w+ USING (INTEGER PRIMARY KEY \(rowid=\?\)|COVERING INDEX \w+ \(\w+=\? AND id=\? AND rowid=\?\))/;

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
      // page's own order and stops at the LIMIT (a top-level page, a bounded walk and where it
      // stopped, or a nested page under the country, which takes every row)
      const match = /^SCAN (\w+)$/.exec(detail);
      if (!match) continue;
      const alias = match[1];
      const table = LARGE_TABLES.find((name) => sql.includes(`${name} ${alias}`));
      const walksRowidToLimit = new RegExp(
        `ORDER BY ${alias}\\.id (ASC|DESC) LIMIT (\\?|\\d+)( OFFSET \\?)?($|\\))`,
      ).test(sql);
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

  it.each(['asc', 'desc'])(
    "a subject's claims by date, nested (%s), walk the subject's date index",
    async (direction) => {
      const db = new RecordingDb(env.DB);
      const conditions = await claimConditions(db, { preferredOnly: true } as never);
      const ordering = claimList.ordering({ field: 'AS_OF', direction } as never, 'fa');
      await fetchChildPages(
        db,
        claims.list(['c.subject_kind = ?'], ['region']),
        CLAIM_SUBJECT,
        [1, 2, 3],
        ordering,
        { first: 5 },
        true,
        { filter: conditions.nested(ordering) },
      );
      const walks = db.statements.filter(({ sql }) => sql.includes('ostan_walk'));
      expect(walks.length, 'the preferred filter is checked over a walk').toBeGreaterThan(0);
      for (const statement of db.statements) {
        const details = (await planOf(statement)).map((row) => row.detail).join('\n');
        expect(details).not.toMatch(/TEMP B-TREE/);
        if (walks.includes(statement)) {
          const index = direction === 'desc' ? 'claims_subject_as_of_desc' : 'claims_subject_as_of';
          expect(details).toMatch(
            new RegExp(`INDEX ${index} \\(subject_kind=\\? AND subject_id=\\?\\)`),
          );
        }
      }
      expect(await fullScans(db)).toEqual([]);
    },
  );

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

// Every order a region's list offers, in a province and in a county, walks an index led by the
// region (migrations 0008, 0019, 0020) instead of sorting the region's rows: the orders come from
// the schema's enums, so a new order without its regional indexes fails here.
const regionLists = [
  {
    table: 'projects',
    orderEnum: 'ProjectOrderField',
    conditions: projectConditions,
    ordering: projectOrdering,
    list: projects.list,
    column: 'p.region_id',
  },
  {
    table: 'energy_assets',
    orderEnum: 'EnergyAssetOrderField',
    conditions: energyAssetConditions,
    ordering: energyAssetOrdering,
    list: energyAssets.list,
    column: 'e.region_id',
  },
] as const;

function orderInputs(orderEnum: string) {
  const type = schema.getType(orderEnum);
  if (!isEnumType(type)) throw new Error(`${orderEnum} is not an enum of the schema`);
  return type
    .getValues()
    .flatMap(({ name: field }) =>
      ['asc', 'desc'].flatMap((direction) =>
        (field === 'NAME' ? ['fa', 'en'] : [undefined]).map((lang) => ({ field, direction, lang })),
      ),
    );
}

/** The plan of an unwalked first page of `source`, its rows' details as one text. */
async function pagePlan(db: RecordingDb, source: ListSource, ordering: Ordering): Promise<string> {
  await fetchPage(db, source, ordering, { first: 20 }, false);
  return (await planOf(db.statements.at(-1))).map((row) => row.detail).join('\n');
}

async function planOf(statement: { sql: string; params: SqlValue[] } | undefined) {
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statement?.sql}`)
    .bind(...(statement?.params ?? []))
    .all<{ id: number; parent: number; detail: string }>();
  return plan.results;
}

describe.each(regionLists)('every order of $table in a region', (spec) => {
  const cases = orderInputs(spec.orderEnum).flatMap((order) =>
    ['qom', 'qom-county'].map((region) => ({ order, region })),
  );
  it.each(cases)(
    '$order.field $order.direction $order.lang in $region: a page walks the region index',
    async ({ order, region }) => {
      const db = new RecordingDb(env.DB);
      const conditions = await spec.conditions(db, { region });
      const ordering = spec.ordering(order as never, 'fa', { region } as never);
      const details = await pagePlan(db, spec.list(conditions.where, conditions.params), ordering);
      const level = region === 'qom' ? 'province' : 'county';
      expect(details).toMatch(new RegExp(`USING (COVERING )?INDEX ${spec.table}_${level}`));
      expect(details).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    },
  );

  // a filter the order's index does not hold: the page is a bounded walk (ListWalk) of the
  // order's index, sought on the region, in the country, a province, a county and a district
  const walks = orderInputs(spec.orderEnum).flatMap((order) =>
    [null, 'qom', 'qom-county', 'district'].map((region) => ({ order, region })),
  );
  it.each(walks)(
    '$order.field $order.direction $order.lang with a status filter in $region: a bounded walk of the order index',
    async ({ order, region }) => {
      const db = new RecordingDb(env.DB);
      const slug =
        region === 'district'
          ? (
              await env.DB.prepare(
                `SELECT r.slug FROM regions r JOIN region_levels l ON l.region_id = r.id
                 WHERE r.kind NOT IN ('country', 'province', 'county') AND l.county_id IS NOT NULL LIMIT 1`,
              ).first<{ slug: string }>()
            )?.slug
          : region;
      const filter = { region: slug, status: ['planned'] };
      const conditions = await spec.conditions(db, filter as never);
      const ordering = spec.ordering(order as never, 'fa', filter as never);
      const walk = conditions.walk(ordering);
      // one status in id order, with no region, is a key: its index (status, id) holds the page
      if (region === null && order.field === 'ID') {
        expect(walk, 'one status is a key in id order').toBeNull();
        const list = spec.list(conditions.where, conditions.params);
        const details = await pagePlan(db, list, ordering);
        expect(details).toMatch(new RegExp(`INDEX ${spec.table}_status \\(status=\\?\\)`));
        expect(details).not.toMatch(/TEMP B-TREE/);
        return;
      }
      expect(walk, 'the status is left to check').not.toBeNull();
      const before = db.statements.length;
      await fetchPage(
        db,
        { ...spec.list(conditions.where, conditions.params), walk },
        ordering,
        { first: 20 },
        true,
      );
      // the page, its count and (the page being short) where the walk stopped; a count in an
      // index that holds the filter (projects' region and status: Conditions.countedBy) seeks it
      const statements = db.statements.slice(before);
      const walked = statements.filter(({ sql }) => sql.includes('ostan_walk'));
      expect(walked).toHaveLength(walk?.counted ? 1 : 2);
      const level = region === 'qom' ? 'province' : region ? 'county' : null;
      expect(walk?.counted !== undefined).toBe(
        spec.table === 'projects' && (region === 'qom' || region === 'qom-county'),
      );
      if (walk?.counted) {
        const count = statements.find(({ sql }) => sql.includes('INDEXED BY'));
        const details = (await planOf(count)).map((row) => row.detail).join('\n');
        expect(details).toMatch(
          new RegExp(
            `USING COVERING INDEX ${spec.table}_${level}_status_progress \\(${level}_id=\\? AND status=\\?\\)`,
          ),
        );
      }
      for (const statement of statements) {
        const details = (await planOf(statement)).map((row) => row.detail).join('\n');
        expect(details).not.toMatch(/TEMP B-TREE/);
      }
      for (const statement of walked) {
        const plan = await planOf(statement);
        const details = plan.map((row) => row.detail).join('\n');
        // the walk is the outer loop and nothing is sorted, so the LIMIT stops the walk early
        const walkAt = plan.findIndex((row) => row.detail === 'SCAN ostan_walk');
        expect(walkAt, details).toBeGreaterThanOrEqual(0);
        expect(plan[walkAt + 1]?.detail, details).toMatch(LOOKED_UP_BY_ID);
        if (level) expect(details).toMatch(new RegExp(`INDEX ${spec.table}_${level}`));
      }
      expect(await fullScans(db)).toEqual([]);
    },
  );

  // nested pages (src/db/child-pages.ts): every order, under the country, a province, a county,
  // a region below a county and a sector, with and without a filter left to check. A parent with
  // its own index reads it (or walks it); any other sorts at most the walk of its own rows
  // (ostan_own) or walks the order's index (ostan_walk): no sort is over more than that.
  const nestedCases = orderInputs(spec.orderEnum).flatMap((order) =>
    [null, { status: ['planned'] }].map((filter) => ({ order, filter })),
  );
  it.each(nestedCases)(
    '$order.field $order.direction $order.lang, nested, filter $filter: each parent reads its own index, a bounded sort or a walk',
    async ({ order, filter }) => {
      const parents = await env.DB.prepare(
        `SELECT r.id FROM regions r
         WHERE r.slug IN ('iran', 'qom', 'qom-county')
            OR r.id = (SELECT region_id FROM region_levels WHERE county_id IS NOT NULL AND region_id <> county_id LIMIT 1)`,
      ).all<{ id: number }>();
      expect(parents.results).toHaveLength(4);
      const sector = await env.DB.prepare("SELECT id FROM sectors WHERE slug = 'footwear'").first<{
        id: number;
      }>();
      const ordering = spec.ordering(order as never, 'fa', filter as never);
      const links = [
        [{ tree: 'regions', column: spec.column }, parents.results.map((row) => row.id)],
        [
          { tree: 'sectors', column: spec.column.replace('region_id', 'sector_id') },
          [sector?.id ?? 0],
        ],
      ] as const;
      for (const [parent, ids] of links) {
        const db = new RecordingDb(env.DB);
        const conditions = await spec.conditions(db, filter as never);
        const before = db.statements.length;
        await fetchChildPages(db, spec.list([], []), parent, ids, ordering, { first: 5 }, true, {
          filter: conditions.nested(ordering),
        });
        for (const statement of db.statements.slice(before)) {
          const plan = await planOf(statement);
          const details = plan.map((row) => row.detail).join('\n');
          if (statement.sql.includes('"__rows"')) {
            if (parent.tree === 'regions') {
              expect(details).toMatch(new RegExp(`INDEX ${spec.table}_province`));
              expect(details).toMatch(new RegExp(`INDEX ${spec.table}_county`));
            }
            // a parent without its own index: a bounded sort or the order's walk
            expect(details).toContain('SCAN ostan_own');
            expect(details).toContain('SCAN ostan_walk');
          }
          for (const sort of plan.filter((row) => /TEMP B-TREE FOR ORDER BY/.test(row.detail))) {
            const siblings = plan.filter((row) => row.parent === sort.parent);
            expect(
              siblings.map((row) => row.detail),
              details,
            ).toContain('SCAN ostan_own');
          }
          // the parent's own rows are sought by its column, never scanned
          for (const own of plan.filter((row) => /^CO-ROUTINE ostan_own/.test(row.detail))) {
            const inside = plan.filter((row) => row.parent === own.id).map((row) => row.detail);
            expect(inside.join('\n'), details).toMatch(
              new RegExp(`INDEX ${spec.table}_(region_id|sector_id|province|county)`),
            );
          }
          for (const [i, row] of plan.entries()) {
            if (row.detail !== 'SCAN ostan_walk' && row.detail !== 'SCAN ostan_own') continue;
            expect(plan[i + 1]?.detail, details).toMatch(LOOKED_UP_BY_ID);
          }
        }
        expect(await fullScans(db)).toEqual([]);
      }
    },
  );
});

// A province's or county's filtered count (the bench's `filtered`): where an index holds every
// condition (projects (province_id | county_id, status, progress): Conditions.countedBy), the count
// seeks it and reads only entries that match, instead of walking the order's index and looking
// each row up. Every ProjectFilter field of the schema, alone and after a status, in a province
// and a county: the route is taken exactly when the fields are the index's leading columns, the
// count is the table's, and nothing reads more than priced.
const INDEX_HELD = [['status'], ['status', 'progressPercent']];

/** A value for a ProjectFilter field, as the data layer takes it (enum values internal). */
function filterValue(type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return [named.getValues()[0]?.value];
  if (named.name === 'Boolean') return true;
  if (named.name === 'IntRange' || named.name === 'FloatRange') return { min: 10, max: 70 };
  if (named.name === 'DateRange') return { from: '2020-01-01' };
  if (named.name === 'String') return 'industry';
  throw new Error(`no test value for a filter field of type ${named.name}`);
}

const projectFilter = schema.getType('ProjectFilter');
if (!isInputObjectType(projectFilter)) throw new Error('ProjectFilter is not an input type');
const filterFields = Object.values(projectFilter.getFields()).filter(
  (field) => field.name !== 'region',
);
const countCases = ['qom', 'qom-county'].flatMap((region) =>
  filterFields.flatMap((field) => [
    { region, fields: [field.name] },
    ...(field.name === 'status' ? [] : [{ region, fields: ['status', field.name] }]),
  ]),
);

describe('a region’s filtered count', () => {
  it.each(countCases)('$fields in $region', async ({ region, fields }) => {
    await addSyntheticProjects(60);
    await seedVariedSynthetic(40);
    const filter: Record<string, unknown> = { region };
    for (const name of fields) {
      const field = projectFilter.getFields()[name];
      filter[name] = name === 'status' ? ['under_construction'] : filterValue(field?.type as never);
    }
    const db = new RecordingDb(env.DB);
    const conditions = await projectConditions(db, filter as never);
    const ordering = projectOrdering({ field: 'PROGRESS', direction: 'desc' } as never, 'fa');
    const walk = conditions.walk(ordering);
    const page = await fetchPage(
      db,
      { ...projects.list(conditions.where, conditions.params), walk },
      ordering,
      { first: 5 },
      true,
    );
    const held = INDEX_HELD.some((list) => list.join() === fields.join());
    expect(walk?.counted !== undefined, JSON.stringify(walk)).toBe(held);
    expect(db.statements.some(({ sql }) => sql.includes('INDEXED BY'))).toBe(held);
    const all = await env.DB.prepare(
      `SELECT count(*) AS n FROM projects p WHERE ${conditions.where.join(' AND ')}`,
    )
      .bind(...conditions.params)
      .first<{ n: number }>();
    const matching = all?.n ?? 0;
    expect(page.totalCount).toBe(Math.min(matching, TOTAL_COUNT_CAP));
    // a walk that stopped at its limit may count short, and says so; the index's count is exact
    if (held || matching <= TOTAL_COUNT_CAP) {
      expect(page.totalCountExact).toBe(matching <= TOTAL_COUNT_CAP);
    }
    expect(db.stats.rowsRead).toBeLessThanOrEqual(db.rowsEstimated);
  });
});
