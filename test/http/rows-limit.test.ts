// The cost model in D1 rows: every statement priced before it runs, refused above the request's
// ceiling; the rows read charged to the client's rows budget and reported in extensions.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../src/index';
import { addSyntheticProjects } from '../factories';

const address = () => `192.0.2.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: {
    cost?: { d1RowsRead: number; d1RowsEstimated: number; d1RowsLimit?: number };
    queryCost?: { rowsBudget?: { limit: number; used: number; remaining: number } };
  };
}

async function post(query: string, ip: string | null, vars: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const request = new Request('http://ostan.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(ip && { 'cf-connecting-ip': ip }),
    },
    body: JSON.stringify({ query }),
  });
  const response = await app.fetch(request, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: (await response.json()) as Body };
}

// by sector: the totals cells (migration 0015) do not keep sectors, so this total reads its rows
const TOTALS = '{ projectTotals(groupBy: [SECTOR]) { sector { slug } count } }';

describe('rows read', () => {
  it('reports the rows priced, read and allowed, and the rows budget', async () => {
    const { body } = await post('{ projects(first: 5) { totalCount nodes { slug } } }', address());
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toMatchObject({
      d1RowsRead: expect.any(Number),
      d1RowsEstimated: 6 + 101,
      d1RowsLimit: 50_000,
    });
    const read = body.extensions?.cost?.d1RowsRead ?? 0;
    expect(body.extensions?.queryCost?.rowsBudget).toMatchObject({
      limit: 5_000_000,
      used: read,
      remaining: 5_000_000 - read,
    });
  });

  it('refuses a total priced above the ceiling before reading it, saying what to narrow', async () => {
    await addSyntheticProjects(400); // in Qom county
    const vars = { MAX_ROWS_READ_ANONYMOUS: '300' };
    const allowed = await post(TOTALS, null, vars); // internal: not limited
    expect(allowed.body.errors).toBeUndefined();
    const refused = await post(TOTALS, address(), vars);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('narrow `filter` by `region`'),
      extensions: { code: 'ROWS_LIMIT_EXCEEDED', argument: 'filter' },
    });
    // the pricing read a few statistics rows; the totals statement never ran
    expect(refused.body.extensions?.cost?.d1RowsRead).toBeLessThan(
      (allowed.body.extensions?.cost?.d1RowsRead ?? 0) / 2,
    );
    // a narrower filter fits
    const narrow = await post(
      '{ projectTotals(filter: { status: [PLANNED] }, groupBy: [SECTOR]) { count } }',
      address(),
      vars,
    );
    expect(narrow.body.errors, JSON.stringify(narrow.body.errors)).toBeUndefined();
  });

  it('holds aliases together to the ceiling: no request reads much past it', async () => {
    await addSyntheticProjects(120);
    const aliases = Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: projects(first: 100, orderBy: { field: ID, direction: DESC }) { totalCount nodes { slug } }`,
    );
    const { body } = await post(`{ ${aliases.join(' ')} }`, address(), {
      MAX_ROWS_READ_ANONYMOUS: '1000',
    });
    const codes = new Set(body.errors?.map((e) => e.extensions?.code));
    expect(codes).toEqual(new Set(['ROWS_LIMIT_EXCEEDED']));
    expect(body.extensions?.cost?.d1RowsRead).toBeLessThanOrEqual(1000);
  });

  it('refuses lookups priced over the ceiling before reading them, saying what to narrow', async () => {
    // fifteen aliases of dataStatus: each a few fixed lookups, which together ran unpriced before
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `s${i}: dataStatus { version counts { projects claims } }`,
    );
    const query = `{ ${aliases.join(' ')} }`;
    const unlimited = await post(query, null); // internal: priced, not limited
    expect(unlimited.body.errors).toBeUndefined();
    const all = unlimited.body.extensions?.cost as { d1RowsRead: number; d1RowsEstimated: number };
    expect(all.d1RowsRead).toBeGreaterThan(0);
    expect(all.d1RowsRead).toBeLessThanOrEqual(all.d1RowsEstimated);

    const ceiling = Math.floor(all.d1RowsEstimated / 3);
    const refused = await post(query, address(), { MAX_ROWS_READ_ANONYMOUS: String(ceiling) });
    const errors = refused.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error).toMatchObject({
        message: expect.stringContaining('fewer aliases'),
        extensions: { code: 'ROWS_LIMIT_EXCEEDED', argument: 'aliases' },
      });
    }
    // refused before reading: the statements that fitted ran, none past the ceiling
    const cost = refused.body.extensions?.cost as { d1RowsRead: number };
    expect(cost.d1RowsRead).toBeLessThanOrEqual(ceiling);
    expect(cost.d1RowsRead).toBeLessThan(all.d1RowsRead);
  });

  it('answers 429 once the client has read its rows budget', async () => {
    await addSyntheticProjects(40);
    const ip = address();
    const vars = { ROWS_BUDGET_ANONYMOUS: '20' };
    const first = await post('{ projects(first: 30) { nodes { slug } } }', ip, vars);
    expect(first.status).toBe(200);
    expect(first.body.extensions?.cost?.d1RowsRead).toBeGreaterThan(20);
    const second = await post('{ projects(first: 1) { nodes { slug } } }', ip, vars);
    expect(second.status).toBe(429);
    expect(second.body.errors?.[0]?.extensions?.code).toBe('ROWS_BUDGET_EXHAUSTED');
  });
});
