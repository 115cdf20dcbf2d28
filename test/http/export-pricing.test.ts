// Exports priced before reading (src/http/routes/exports.ts): every filter parameter of every
// export (from FILTER_PARAMS, the code that reads them) reads no more D1 rows than the export was
// priced at (`x-ostan-rows-priced`); an anonymous export priced past the request's ceiling is
// refused before it reads, naming `limit`; a sparse filter is walked as a list's page is and goes
// on from where each walk stopped, so nothing is lost.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
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
    const ip = address();
    const before = await rowsUsed(ip);
    const { response } = await exportOf(`/exports/${entity}.ndjson?${query}`, ip);
    expect(response.status).toBe(200);
    const priced = Number(response.headers.get('x-ostan-rows-priced'));
    expect(priced).toBeGreaterThan(0);
    expect((await rowsUsed(ip)) - before).toBeLessThanOrEqual(priced);
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
    const ip = address();
    const before = await rowsUsed(ip);
    const { response, text } = await exportOf(
      '/exports/projects.ndjson?region=qom&status=operational,planned&synthetic=true&limit=5000',
      ip,
    );
    expect(response.status).toBe(200);
    const slugs = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).slug);
    expect(slugs).toEqual(want.results.map((row) => row.slug));
    expect((await rowsUsed(ip)) - before).toBeLessThanOrEqual(
      Number(response.headers.get('x-ostan-rows-priced')),
    );
  });

  it('stops a walked export past the ceiling unfinished rather than read on', async () => {
    // no project is suspended or cancelled: the walk for them goes over every row, 2,000 entries
    // a statement, each statement priced as it runs
    await addPlannedProjects(2_100);
    const path = '/exports/projects.ndjson?status=suspended,cancelled&limit=500';
    const open = await exportOf(path, address());
    expect(open.response.status).toBe(200);
    expect(open.text).toBe('');
    // the ceiling at the export's own price: it starts, and the second walk would pass it
    // (and the few rows its statistics and the data version take before it)
    const ceiling = Number(open.response.headers.get('x-ostan-rows-priced')) + 100;
    const ip = address();
    const ctx = createExecutionContext();
    const response = await app.fetch(
      new Request(`http://ostan.test${path}`, { headers: { 'cf-connecting-ip': ip } }),
      { ...env, MAX_ROWS_READ_ANONYMOUS: String(ceiling) },
      ctx,
    );
    expect(response.status).toBe(200);
    const outcome = await response.text().then(
      () => 'finished',
      (error: Error) => `stopped: ${error.message}`,
    );
    await waitOnExecutionContext(ctx);
    expect(outcome).toMatch(/^stopped: .*D1 rows/);
    expect(await rowsUsed(ip)).toBeLessThanOrEqual(ceiling);
  }, 60_000);
});
