// Every route is metered like /graphql: the per-address rate limit, the cost budget and the D1
// rows budget (charged the rows the request actually read). The routes are the app router's
// (test/routes.ts).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chargeBudget } from '../../src/http/budget';
import app from '../../src/index';
import { appRoutes } from '../routes';

/** A unique client address per test. */
const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

const routes = appRoutes;

function request(method: string, path: string, ip: string): Request {
  const headers: Record<string, string> = {
    'cf-connecting-ip': ip,
    accept: 'application/graphql-response+json',
  };
  if (method === 'POST') headers['content-type'] = 'application/json';
  if (method === 'OPTIONS') {
    headers.origin = 'https://ostan.example';
    headers['access-control-request-method'] = 'POST';
  }
  return new Request(`http://ostan.test${path}`, {
    method,
    headers,
    ...(method === 'POST' && { body: JSON.stringify({ query: '{ __typename }' }) }),
  });
}

/** The address's D1 rows budget as it stands (a charge of 0 only reads it). */
const rowsBudget = async (ip: string) =>
  (await chargeBudget(env, `ip:${ip}`, 0, { cost: 1, rows: 5_000_000, windowSeconds: 3_600 })).rows;

async function send(vars: Record<string, unknown>, req: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(req, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('route metering', () => {
  it('finds the public routes in the router', () => {
    const names = routes.map((r) => r.name);
    for (const name of [
      'GET /',
      'GET /health',
      'GET /status',
      'GET /exports/:file',
      'GET /changes',
      'POST /graphql',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(routes)(
    '$name answers 429 RATE_LIMITED when the address is over its rate limit',
    async ({ method, path }) => {
      const denying = { limit: async () => ({ success: false }) };
      const refused = await send(
        { RATE_LIMIT_ANONYMOUS: denying },
        request(method, path, address()),
      );
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(refused.headers.get('x-ratelimit-resource')).toBe('requests');
      const body = JSON.stringify(await refused.json());
      expect(body).toContain('RATE_LIMITED');
    },
  );

  it('counts every route against the same per-address bucket as /graphql', async () => {
    const keys: string[] = [];
    const recording = {
      limit: async ({ key }: { key: string }) => {
        keys.push(key);
        return { success: true };
      },
    };
    const ip = address();
    for (const { method, path } of routes) {
      await (
        await send({ RATE_LIMIT_ANONYMOUS: recording }, request(method, path, ip))
      ).body?.cancel();
    }
    expect(keys).toEqual(routes.map(() => `ip:${ip}`));
  });

  it.each(routes.filter((r) => r.method !== 'OPTIONS'))(
    '$name answers 429 BUDGET_EXHAUSTED with Retry-After once the address has spent its budget',
    async ({ method, path }) => {
      const ip = address();
      const vars = { BUDGET_ANONYMOUS: '1' };
      // a request outside /graphql costs one point, whatever its limit
      const spend = await send(vars, request('GET', '/changes?since=0&limit=1000', ip));
      expect(spend.status).toBe(200);
      expect(spend.headers.get('x-ratelimit-remaining')).toBe('0');
      await spend.body?.cancel();

      const refused = await send(vars, request(method, path, ip));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(await refused.json())).toContain('BUDGET_EXHAUSTED');
      // another address is served
      const other = await send(vars, request(method, path, address()));
      expect(other.status).not.toBe(429);
      await other.body?.cancel();
    },
  );

  it.each(routes.filter((r) => r.method !== 'OPTIONS'))(
    '$name answers 429 ROWS_BUDGET_EXHAUSTED once the address has read its D1 rows',
    async ({ method, path }) => {
      const ip = address();
      const vars = { ROWS_BUDGET_ANONYMOUS: '1' };
      // an export reads more than one row: it is served, and spends the rows budget
      const spend = await send(vars, request('GET', '/exports/projects.ndjson?limit=5', ip));
      expect(spend.status).toBe(200);
      await spend.text();
      expect((await rowsBudget(ip)).used).toBeGreaterThan(1);

      const refused = await send(vars, request(method, path, ip));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(await refused.json())).toContain('ROWS_BUDGET_EXHAUSTED');
    },
  );

  it.each([
    { name: 'an export', path: '/exports/projects.ndjson?limit=10000', limit: 10_000 },
    { name: 'a page of the change feed', path: '/changes?since=0&limit=1000', limit: 1000 },
  ])('charges $name the D1 rows it read, not its limit', async ({ path, limit }) => {
    const ip = address();
    const charged: number[] = [];
    let lines = 0;
    for (const used of [1, 2]) {
      const before = (await rowsBudget(ip)).used;
      const response = await send({}, request('GET', path, ip));
      expect(response.status).toBe(200);
      // one cost point per request
      expect(response.headers.get('x-ratelimit-used')).toBe(String(used));
      lines = (await response.text()).split('\n').filter(Boolean).length;
      charged.push((await rowsBudget(ip)).used - before);
    }
    const [first, second] = charged as [number, number];
    // a few rows for each line returned, whatever the limit, and the same for the same request
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(limit);
    expect(first).toBeGreaterThanOrEqual(lines);
    expect(first).toBeLessThanOrEqual(3 * lines + 30);
    expect(second).toBe(first);
  });

  it('charges the rows of an export cut short by the client', async () => {
    const ip = address();
    const response = await send({}, request('GET', '/exports/projects.ndjson?limit=10000', ip));
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    expect((await rowsBudget(ip)).used).toBeGreaterThan(0);
  });

  it('does not meter requests from inside (no client address)', async () => {
    const denying = { limit: async () => ({ success: false }) };
    const response = await send(
      { RATE_LIMIT_ANONYMOUS: denying, BUDGET_ANONYMOUS: '0' },
      new Request('http://ostan.test/status'),
    );
    expect(response.status).toBe(200);
  });
});
