// Exports priced before reading (src/http/routes/exports.ts): every filter parameter of every
// export (from FILTER_PARAMS, the code that reads them) reads no more D1 rows than the export was
// priced at (`x-ostan-rows-priced`); an anonymous export priced past the request's ceiling is
// refused before it reads, naming `limit`; a sparse filter is walked as a list's page is and goes
// on from where each walk stopped, so nothing is lost.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { chargeBudget } from '../../src/http/budget';
import { FILTER_PARAMS } from '../../src/http/export-params';
import app from '../../src/index';
import { addPlannedProjects, addSyntheticProjects, seedVariedSynthetic } from '../factories';

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

/** The address's D1 rows budget as it stands (a charge of 0 only reads it). */
const rowsUsed = async (ip: string) =>
  (await chargeBudget(env, `ip:${ip}`, 0, { cost: 1, rows: 5_000_000, windowSeconds: 3_600 })).rows
    .used;

async function exportOf(path: string, ip: string, vars: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`http://ostan.test${path}`, { headers: { 'cf-connecting-ip': ip } }),
    { ...env, ...vars },
    ctx,
  );
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { response, text };
}

/** An export from a fresh address, with the D1 rows it read and the rows it was priced at. */
async function measured(path: string, vars: Record<string, unknown> = {}) {
  const ip = address();
  const before = await rowsUsed(ip);
  const { response, text } = await exportOf(path, ip, vars);
  const read = (await rowsUsed(ip)) - before;
  return { response, text, read, priced: Number(response.headers.get('x-ostan-rows-priced')) };
}

/** The slugs of an NDJSON export's rows, in order. */
const slugsOf = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line).slug);

/**
 * 2,100 planned projects and every 97th of them suspended: the walk for suspended or cancelled
 * projects goes over every row and finds a few all along it.
 */
async function addSparseSuspended() {
  await addPlannedProjects(2_100);
  await env.DB.prepare(
    `UPDATE projects SET status = 'suspended'
       WHERE slug LIKE 'walk-test-%' AND CAST(substr(slug, 11) AS INTEGER) % 97 = 0`,
  ).run();
}

/** A value for each kind of parameter, one that matches some rows of the test data. */
const STRING_VALUES: Record<string, string> = {
  region: 'qom',
  sector: 'industry',
  indicator: 'jobs_created',
  source: 'mehr-2025-08-23-seed',
  conflictGroup: 'solar-capacity-operational',
};

function paramValue(name: string, kind: string, codes?: { values: readonly string[] }): string {
  switch (kind) {
    case 'string': {
      const value = STRING_VALUES[name];
      if (value === undefined) throw new Error(`no test value for the export parameter ${name}`);
      return value;
    }
    case 'list':
      return codes?.values[0] ?? '';
    case 'boolean':
      return 'false';
    case 'date':
      return name.endsWith('From') ? '2020-01-01' : '2030-12-31';
    case 'int':
      return name.includes('Jalali') ? (name.endsWith('Month') ? '5' : '1404') : '1';
    case 'number':
      return name.endsWith('Min') ? '1' : '80';
    default:
      throw new Error(`no test value for a ${kind} parameter`);
  }
}

const cases = Object.entries(FILTER_PARAMS).flatMap(([entity, spec]) =>
  Object.entries(spec).map(([name, param]) => ({
    entity,
    name,
    // a Jalali month is of a Jalali year
    query: `${name.endsWith('JalaliMonth') ? `${name.replace(/Month$/, 'Year')}=1404&` : ''}${name}=${encodeURIComponent(paramValue(name, param.kind, param.codes))}`,
  })),
);

describe('exports priced before reading', () => {
  it.each(cases)('$entity by $name reads no more than priced', async ({ entity, query }) => {
    await addSyntheticProjects(40, 2);
    await seedVariedSynthetic(40);
    const { response, read, priced } = await measured(`/exports/${entity}.ndjson?${query}`);
    expect(response.status).toBe(200);
    expect(priced).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(priced);
  });

  it('refuses an anonymous export priced past the ceiling before reading, naming limit', async () => {
    await addSyntheticProjects(300);
    const ip = address();
    const vars = { MAX_ROWS_READ_ANONYMOUS: '300' };
    const { response, text } = await exportOf('/exports/projects.csv?limit=100000', ip, vars);
    expect(response.status).toBe(400);
    const body = JSON.parse(text);
    expect(JSON.stringify(body)).toContain('ROWS_LIMIT_EXCEEDED');
    expect(JSON.stringify(body)).toMatch(/lower `limit` to at most \d+/);
    // the statistics it was priced by, not the rows
    expect(await rowsUsed(ip)).toBeLessThan(20);

    // the limit it names is served
    const fits = Number(/at most (\d+)/.exec(JSON.stringify(body))?.[1]);
    expect(fits).toBeGreaterThan(0);
    const served = await exportOf(`/exports/projects.csv?limit=${fits}`, address(), vars);
    expect(served.response.status).toBe(200);
    const more = await exportOf(`/exports/projects.csv?limit=${fits + 1}`, address(), vars);
    expect(more.response.status).toBe(400);
  });

  it('walks a sparse filter page after page, losing nothing, within its price', async () => {
    // 2,100 planned projects in Qom after its operational ones: the walk for operational
    // projects in id order comes back short and goes on from where it stopped
    await addPlannedProjects(2_100);
    const want = await env.DB.prepare(
      `SELECT slug FROM projects WHERE province_id = (SELECT id FROM regions WHERE slug = 'qom')
         AND status IN ('operational', 'planned') AND synthetic = 1 ORDER BY id`,
    ).all<{ slug: string }>();
    expect(want.results.length).toBeGreaterThan(2_000);
    const { response, text, read, priced } = await measured(
      '/exports/projects.ndjson?region=qom&status=operational,planned&synthetic=true&limit=5000',
    );
    expect(response.status).toBe(200);
    expect(slugsOf(text)).toEqual(want.results.map((row) => row.slug));
    expect(read).toBeLessThanOrEqual(priced);
  });

  it('serves a walked export past the ceiling in parts, each within it, losing nothing', async () => {
    await addSparseSuspended();
    const want = await env.DB.prepare(
      `SELECT slug FROM projects WHERE status IN ('suspended', 'cancelled') ORDER BY id`,
    ).all<{ slug: string }>();
    expect(want.results.length).toBeGreaterThan(20);
    // served whole where the ceiling allows it
    const path = '/exports/projects.ndjson?status=suspended,cancelled&limit=500';
    const open = await exportOf(path, address());
    expect(open.response.status).toBe(200);
    expect(open.response.headers.get('link')).not.toContain('rel="next"');
    const whole = Number(open.response.headers.get('x-ostan-rows-priced'));

    // a ceiling a third of the whole walk's price: parts, each priced within it and reading no
    // more than its price, each a finished body, the next named by its Link
    const ceiling = Math.floor(whole / 3);
    const vars = { MAX_ROWS_READ_ANONYMOUS: String(ceiling) };
    const slugs: string[] = [];
    let next: string | null = `http://ostan.test${path}`;
    let parts = 0;
    while (next !== null && parts < 40) {
      parts += 1;
      const url: URL = new URL(next);
      const { response, text, read, priced } = await measured(url.pathname + url.search, vars);
      expect(response.status).toBe(200);
      expect(priced).toBeLessThanOrEqual(ceiling);
      expect(read).toBeLessThanOrEqual(priced);
      slugs.push(...slugsOf(text));
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
      // the next part keeps the filters and the limit, and starts after this one
      if (next !== null) {
        expect(new URL(next).searchParams.get('status')).toBe('suspended,cancelled');
        expect(new URL(next).searchParams.get('limit')).toBe('500');
      }
    }
    expect(parts).toBeGreaterThan(2);
    expect(next).toBeNull();
    expect(slugs).toEqual(want.results.map((row) => row.slug));
  }, 60_000);

  it('makes each CSV part a whole file: the BOM, the header, its rows', async () => {
    await addSparseSuspended();
    const path = '/exports/projects.csv?status=suspended,cancelled&limit=500';
    const whole = await measured(path);
    const vars = { MAX_ROWS_READ_ANONYMOUS: String(Math.floor(whole.priced / 3)) };
    const first = await measured(path, vars);
    const link = first.response.headers.get('link') ?? '';
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    expect(next).toBeDefined();
    const second = await measured(
      new URL(next as string).pathname + new URL(next as string).search,
      vars,
    );
    const header = whole.text.split('\r\n')[0];
    for (const part of [first, second]) {
      expect(part.response.status).toBe(200);
      expect(part.text.split('\r\n')[0]).toBe(header);
      const rows: Record<string, string>[] = parse(part.text, { columns: true, bom: true });
      expect(rows.every((row) => row.status === 'suspended' || row.status === 'cancelled')).toBe(
        true,
      );
    }
    const slugs = (text: string) =>
      (parse(text, { columns: true, bom: true }) as Record<string, string>[]).map(
        (row) => row.slug,
      );
    const both = [...slugs(first.text), ...slugs(second.text)];
    expect(both.length).toBeGreaterThan(0);
    expect(both).toEqual(slugs(whole.text).slice(0, both.length));
  }, 60_000);

  it('starts the page after a full walked page at its next row, walking no entry twice', async () => {
    // the first walk finds 1,000 suspended projects, then 899 planned ones, then the 1,001st: the
    // next page starts at that row, not after the 1,000th (which would walk the 899 again)
    await addPlannedProjects(2_000);
    await env.DB.batch([
      env.DB.prepare(
        `UPDATE projects SET status = 'planned' WHERE status IN ('suspended', 'cancelled')`,
      ),
      env.DB.prepare(
        `UPDATE projects SET status = 'suspended' WHERE slug LIKE 'walk-test-%'
           AND (CAST(substr(slug, 11) AS INTEGER) <= 1000 OR slug = 'walk-test-1900')`,
      ),
    ]);
    const { response, text, read, priced } = await measured(
      '/exports/projects.ndjson?status=suspended,cancelled&limit=5000',
    );
    expect(response.status).toBe(200);
    const slugs = slugsOf(text);
    expect(slugs).toHaveLength(1_001);
    expect(slugs.at(-1)).toBe('walk-test-1900');
    expect(read).toBeLessThanOrEqual(priced);
  }, 60_000);

  it('prices the lookups of every walked page, each page looking its own ids up', async () => {
    // 6,000 projects over 500 sources, every third suspended: each 2,000-entry walk finds ~667
    // rows that point to all 500 sources, and each of the export's pages looks them up
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 500)
         INSERT INTO sources (slug, kind, publisher, language, synthetic)
         SELECT 'lookup-test-' || n, 'synthetic', 'Test factory (synthetic)', 'en', 1 FROM s`,
      ),
      env.DB.prepare(
        `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 6000)
         INSERT INTO projects (slug, region_id, sector_id, name_fa, name_en, status, progress_pct, source_id, synthetic)
         SELECT 'lookup-test-' || n, (SELECT id FROM regions WHERE slug = 'qom-city'),
           (SELECT id FROM sectors WHERE slug = 'footwear'), 'پروژه آزمایشی ' || n, 'Lookup test ' || n,
           CASE WHEN n % 3 = 0 THEN 'suspended' ELSE 'planned' END, 0,
           (SELECT id FROM sources WHERE slug = 'lookup-test-' || (n % 500 + 1)), 1
         FROM s`,
      ),
    ]);
    const { response, text, read, priced } = await measured(
      '/exports/projects.ndjson?status=suspended,cancelled&limit=5000',
    );
    expect(response.status).toBe(200);
    expect(slugsOf(text).length).toBeGreaterThanOrEqual(2_000);
    expect(read).toBeLessThanOrEqual(priced);
  }, 60_000);

  it('refuses a walked export when not even one entry of it fits, naming what to narrow', async () => {
    await addPlannedProjects(200);
    const ip = address();
    const { response, text } = await exportOf(
      '/exports/projects.ndjson?status=suspended,cancelled',
      ip,
      { MAX_ROWS_READ_ANONYMOUS: '20' },
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ code: 'ROWS_LIMIT_EXCEEDED' });
    expect(JSON.parse(text).error).toContain('narrow the filter');
  });

  it('an OC4IDS part with no matching project answers 404 with the next part', async () => {
    // the only matches come after the first part's entries
    await addPlannedProjects(2_100);
    await env.DB.prepare(
      `UPDATE projects SET status = 'cancelled' WHERE slug IN ('walk-test-2090', 'walk-test-2095')`,
    ).run();
    await env.DB.prepare(
      `UPDATE projects SET status = 'planned' WHERE status IN ('cancelled', 'suspended') AND slug NOT LIKE 'walk-test-%'`,
    ).run();
    const vars = { MAX_ROWS_READ_ANONYMOUS: '2000' };
    let next: string | null =
      'http://ostan.test/exports/projects.oc4ids?status=cancelled,suspended';
    const statuses: number[] = [];
    const found: string[] = [];
    while (next !== null && statuses.length < 40) {
      const url: URL = new URL(next);
      const { response, text } = await exportOf(url.pathname + url.search, address(), vars);
      statuses.push(response.status);
      if (response.status === 404) expect(JSON.parse(text).error).toContain('rel="next"');
      else for (const project of JSON.parse(text).projects) found.push(project.id);
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(statuses[0]).toBe(404);
    expect(statuses).toContain(200);
    expect(found.map((id) => id.replace(/^oc4ids-xxxxxx-/, ''))).toEqual([
      'walk-test-2090',
      'walk-test-2095',
    ]);
  }, 60_000);
});

describe('export parts: after', () => {
  it('goes on after the row whose slug it names, in id order', async () => {
    await addSyntheticProjects(30);
    const want = await env.DB.prepare(
      `SELECT slug FROM projects WHERE province_id = (SELECT id FROM regions WHERE slug = 'qom') ORDER BY id`,
    ).all<{ slug: string }>();
    const slugs = want.results.map((row) => row.slug);
    expect(slugs.length).toBeGreaterThan(12);
    const first = await exportOf('/exports/projects.ndjson?region=qom&limit=5', address());
    expect(slugsOf(first.text)).toEqual(slugs.slice(0, 5));
    const second = await exportOf(
      `/exports/projects.ndjson?region=qom&limit=5&after=${slugs[4]}`,
      address(),
    );
    expect(second.response.status).toBe(200);
    expect(slugsOf(second.text)).toEqual(slugs.slice(5, 10));
  });

  it.each([
    [
      'an unknown slug',
      'after=no-such-project',
      /no row of projects has the slug "no-such-project"/,
    ],
    ['an empty value', 'after=', /"after" must be the slug/],
  ])('refuses %s by name', async (_name, query, message) => {
    const { response, text } = await exportOf(`/exports/projects.csv?${query}`, address());
    expect(response.status).toBe(400);
    expect(JSON.parse(text).error).toMatch(message);
  });
});
