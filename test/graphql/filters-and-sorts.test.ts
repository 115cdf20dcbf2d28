// Each filter and each sort returns exactly what SQL written independently says it should, on the
// real data plus a varied synthetic set, and keyset pages walk the same order without gaps.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { seedVariedSynthetic } from '../factories';
import { gqlData } from '../helpers';

beforeEach(async () => {
  await seedVariedSynthetic(40);
});

async function sqlSlugs(sql: string, ...params: (string | number)[]): Promise<string[]> {
  const { results } = await env.DB.prepare(sql)
    .bind(...params)
    .all<{ slug: string }>();
  return results.map((row) => row.slug);
}

async function apiSlugs(field: 'projects' | 'energyAssets', args: string): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  // page size 7 so every list crosses pages, and the keyset has to carry the order
  for (let page = 0; page < 100; page++) {
    const data: Record<
      string,
      { nodes: { slug: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
    > = await gqlData(
      `query ($after: String) { ${field}(${args}, first: 7, after: $after) {
        nodes { slug } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    const connection = data[field];
    if (!connection) throw new Error(`no ${field}`);
    slugs.push(...connection.nodes.map((node) => node.slug));
    if (!connection.pageInfo.hasNextPage) return slugs;
    after = connection.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

const QOM_SUBTREE = `WITH RECURSIVE d(id) AS (SELECT id FROM regions WHERE slug = 'qom'
  UNION ALL SELECT r.id FROM regions r JOIN d ON r.parent_id = d.id)`;

describe('project filters', () => {
  it.each([
    [
      'region (province, with everything below)',
      'filter: { region: "qom" }',
      `${QOM_SUBTREE} SELECT slug FROM projects WHERE region_id IN (SELECT id FROM d) ORDER BY id`,
    ],
    [
      'region (county)',
      'filter: { region: "qom-county" }',
      `WITH RECURSIVE d(id) AS (SELECT id FROM regions WHERE slug = 'qom-county' UNION ALL SELECT r.id FROM regions r JOIN d ON r.parent_id = d.id)
       SELECT slug FROM projects WHERE region_id IN (SELECT id FROM d) ORDER BY id`,
    ],
    [
      'sector with sub-sectors',
      'filter: { sector: "energy" }',
      `SELECT slug FROM projects WHERE sector_id IN (SELECT id FROM sectors WHERE slug IN ('energy', 'solar-power')) ORDER BY id`,
    ],
    [
      'status',
      'filter: { status: [PLANNED, SUSPENDED] }',
      "SELECT slug FROM projects WHERE status IN ('planned', 'suspended') ORDER BY id",
    ],
    [
      'financing',
      'filter: { financing: [BANK] }',
      "SELECT slug FROM projects WHERE financing = 'bank' ORDER BY id",
    ],
    [
      'progress range',
      'filter: { progressPercent: { min: 60, max: 90 } }',
      'SELECT slug FROM projects WHERE progress_pct BETWEEN 60 AND 90 ORDER BY id',
    ],
    [
      'jobs range',
      'filter: { directJobs: { min: 10 } }',
      'SELECT slug FROM projects WHERE direct_jobs >= 10 ORDER BY id',
    ],
    [
      'started in Jalali 1403',
      'filter: { startedOn: { jalaliYear: 1403 } }',
      "SELECT slug FROM projects WHERE started_on BETWEEN '2024-03-20' AND '2025-03-20' ORDER BY id",
    ],
    [
      'opened in Shahrivar 1404',
      'filter: { openedOn: { jalaliYear: 1404, jalaliMonth: 6 } }',
      "SELECT slug FROM projects WHERE opened_on BETWEEN '2025-08-23' AND '2025-09-22' ORDER BY id",
    ],
    [
      'opened between ISO dates',
      'filter: { openedOn: { from: "2025-04-01", to: "2025-06-30" } }',
      "SELECT slug FROM projects WHERE opened_on BETWEEN '2025-04-01' AND '2025-06-30' ORDER BY id",
    ],
    [
      'synthetic only',
      'filter: { synthetic: true }',
      'SELECT slug FROM projects WHERE synthetic = 1 ORDER BY id',
    ],
    [
      'several at once',
      'filter: { region: "qom", status: [UNDER_CONSTRUCTION, OPERATIONAL], progressPercent: { min: 20 } }',
      `${QOM_SUBTREE} SELECT slug FROM projects WHERE region_id IN (SELECT id FROM d)
       AND status IN ('under_construction', 'operational') AND progress_pct >= 20 ORDER BY id`,
    ],
  ])('%s', async (_name, args, sql) => {
    const expected = await sqlSlugs(sql);
    expect(expected.length).toBeGreaterThan(0);
    expect(await apiSlugs('projects', args)).toEqual(expected);
  });
});

describe('project sorts (ties by id, unknown values last, across keyset pages)', () => {
  it.each([
    ['NAME in English', 'orderBy: { field: NAME, lang: EN }', 'ORDER BY name_en, id'],
    [
      'NAME in English, descending',
      'orderBy: { field: NAME, lang: EN, direction: DESC }',
      'ORDER BY name_en DESC, id DESC',
    ],
    ['NAME in Persian', 'orderBy: { field: NAME, lang: FA }', 'ORDER BY name_fa, id'],
    ['PROGRESS', 'orderBy: { field: PROGRESS }', 'ORDER BY progress_pct IS NULL, progress_pct, id'],
    [
      'PROGRESS, descending',
      'orderBy: { field: PROGRESS, direction: DESC }',
      'ORDER BY progress_pct IS NULL, progress_pct DESC, id DESC',
    ],
    [
      'DIRECT_JOBS, descending',
      'orderBy: { field: DIRECT_JOBS, direction: DESC }',
      'ORDER BY direct_jobs IS NULL, direct_jobs DESC, id DESC',
    ],
    [
      'INVESTMENT',
      'orderBy: { field: INVESTMENT }',
      'ORDER BY investment_rial IS NULL, investment_rial, id',
    ],
    [
      'STARTED_ON, descending',
      'orderBy: { field: STARTED_ON, direction: DESC }',
      'ORDER BY started_on IS NULL, started_on DESC, id DESC',
    ],
    ['OPENED_ON', 'orderBy: { field: OPENED_ON }', 'ORDER BY opened_on IS NULL, opened_on, id'],
    [
      'PROGRESS descending within a range',
      'filter: { region: "qom", progressPercent: { min: 30, max: 95 } }, orderBy: { field: PROGRESS, direction: DESC }',
      `AND region_id IN (SELECT id FROM d) AND progress_pct BETWEEN 30 AND 95 ORDER BY progress_pct DESC, id DESC`,
    ],
  ])('%s', async (_name, args, order) => {
    const where = order.startsWith('AND') ? `WHERE 1 ${order}` : order;
    const expected = await sqlSlugs(`${QOM_SUBTREE} SELECT slug FROM projects ${where}`);
    expect(await apiSlugs('projects', args)).toEqual(expected);
  });
});

describe('energy asset filters and sorts', () => {
  it.each([
    [
      'technology and rating',
      'filter: { technology: [SOLAR_PV], rating: [AC] }',
      "SELECT slug FROM energy_assets WHERE technology = 'solar_pv' AND rating = 'ac' ORDER BY id",
    ],
    [
      'status',
      'filter: { status: [LICENSED] }',
      "SELECT slug FROM energy_assets WHERE status = 'licensed' ORDER BY id",
    ],
    [
      'capacity range',
      'filter: { capacityMw: { min: 10, max: 50 } }',
      'SELECT slug FROM energy_assets WHERE capacity_mw BETWEEN 10 AND 50 ORDER BY id',
    ],
    [
      'region subtree',
      'filter: { region: "salafchegan" }',
      "SELECT slug FROM energy_assets WHERE region_id = (SELECT id FROM regions WHERE slug = 'salafchegan') ORDER BY id",
    ],
    [
      'phases and unphased plants only',
      'filter: { plantsOnly: false }',
      'SELECT slug FROM energy_assets e WHERE NOT EXISTS (SELECT 1 FROM energy_assets c WHERE c.parent_id = e.id) ORDER BY id',
    ],
    [
      'by capacity, largest first',
      'orderBy: { field: CAPACITY, direction: DESC }',
      'SELECT slug FROM energy_assets ORDER BY capacity_mw IS NULL, capacity_mw DESC, id DESC',
    ],
  ])('%s', async (_name, args, sql) => {
    expect(await apiSlugs('energyAssets', args)).toEqual(await sqlSlugs(sql));
  });
});
