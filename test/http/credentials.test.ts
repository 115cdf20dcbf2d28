// Credentials that do not verify: every route of the app answers 401 with
// `WWW-Authenticate: Bearer error="invalid_token"` before any other work, and keyed limits
// (body size, rate-limit bucket, cost ceiling and budget) apply only to a verified key.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../src/index';
import { checksums, issueKey } from '../partner-keys';

/** A key in the right format that was never issued. */
const UNISSUED = `ostan_${'A'.repeat(43)}`;

interface BadCredential {
  name: string;
  authorization: () => Promise<string>;
}

const badCredentials: BadCredential[] = [
  { name: 'an unknown key', authorization: async () => `Bearer ${UNISSUED}` },
  {
    name: 'a revoked key',
    authorization: async () =>
      `Bearer ${await issueKey({ scopes: ['admin'], regions: ['iran'], revoked: true })}`,
  },
  { name: 'a malformed key', authorization: async () => 'Bearer junk' },
  { name: 'a Basic header', authorization: async () => `Basic ${btoa('partner:secret')}` },
  { name: 'an empty Bearer', authorization: async () => 'Bearer ' },
  { name: 'a Bearer without a key', authorization: async () => 'Bearer' },
];

interface Body {
  data?: unknown;
  extensions?: { queryCost?: unknown };
}

/** Everything the worker can do besides reading D1, each call recorded; D1 statements too. */
function instrumentedEnv() {
  const calls: string[] = [];
  const statements: string[] = [];
  const record =
    (name: string) =>
    (..._args: unknown[]) => {
      calls.push(name);
      throw new Error(`${name} was called`);
    };
  const counted = (handle: Pick<D1Database, 'prepare' | 'batch'>) => ({
    prepare: (sql: string) => {
      statements.push(sql);
      return handle.prepare(sql);
    },
    batch: (batch: D1PreparedStatement[]) => {
      statements.push(`batch of ${batch.length}`);
      return handle.batch(batch);
    },
  });
  const db = {
    ...counted(env.DB),
    withSession: (constraint?: string) => {
      const session = env.DB.withSession(constraint);
      return { ...counted(session), getBookmark: () => session.getBookmark() };
    },
  };
  const limiter = (name: string) => ({
    limit: async () => {
      calls.push(name);
      return { success: true };
    },
  });
  const durable = (name: string) => ({ idFromName: record(name), get: record(name) });
  const bindings = {
    ...env,
    DB: db,
    RATE_LIMIT_ANONYMOUS: limiter('RATE_LIMIT_ANONYMOUS'),
    RATE_LIMIT_PARTNER: limiter('RATE_LIMIT_PARTNER'),
    QUERY_BUDGET: durable('QUERY_BUDGET'),
    DATA_VERSION: durable('DATA_VERSION'),
    ASSETS: { fetch: record('ASSETS') },
  };
  return { bindings, calls, statements };
}

async function send(
  bindings: object,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<Response> {
  const body =
    method === 'POST'
      ? JSON.stringify({ query: 'mutation { __typename }', variables: {} })
      : undefined;
  const request = new Request(`http://ostan.test${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9', ...headers },
    body,
  });
  const ctx = createExecutionContext();
  const response = await app.fetch(request, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/**
 * Every route the app registers, as a request that reaches it: parameters and wildcards filled
 * in, middleware-only entries (method ALL) sent as GET. `/*` (the init middleware) becomes a path
 * no route matches, so the not-found answer is covered too.
 */
function everyRoute(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of app.routes) {
    const method = route.method === 'ALL' ? 'GET' : route.method;
    const path = route.path.replace(/:\w+/g, 'x').replace(/\*/g, 'x');
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

describe('a credential that does not verify', () => {
  it('is enumerated over a route list that covers the app', () => {
    const routes = everyRoute().map((r) => `${r.method} ${r.path}`);
    for (const expected of ['POST /graphql', 'GET /graphql', 'GET /changes', 'GET /status']) {
      expect(routes).toContain(expected);
    }
    expect(routes.length).toBeGreaterThanOrEqual(9);
  });

  it.each(badCredentials)(
    '$name: 401 on every route, and nothing ran',
    async ({ authorization }) => {
      const header = await authorization();
      const before = await checksums();
      for (const { method, path } of everyRoute()) {
        const { bindings, calls, statements } = instrumentedEnv();
        const response = await send(bindings, method, path, { authorization: header });
        const where = `${method} ${path}`;
        expect(response.status, where).toBe(401);
        expect(response.headers.get('www-authenticate'), where).toBe(
          'Bearer error="invalid_token"',
        );
        expect(response.headers.get('x-request-id'), where).toBeTruthy();
        const body = (await response.json()) as Record<string, unknown>;
        if (path === '/graphql') {
          expect(body, where).toEqual({
            errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
          });
        } else {
          expect(body, where).toEqual({ error: expect.any(String), code: 'UNAUTHENTICATED' });
        }
        // no rate limiter, budget, data version or asset was touched; D1 only looked the key up
        expect(calls, where).toEqual([]);
        for (const sql of statements) expect(sql, where).toMatch(/^\s*SELECT[\s\S]*FROM api_keys/);
        expect(statements.length, where).toBeLessThanOrEqual(1);
      }
      expect(await checksums()).toEqual(before);
    },
  );

  it('says which way the key failed, in the shape of the route', async () => {
    const revoked = await issueKey({ scopes: ['write:projects'], revoked: true });
    const graphql = await send(env, 'POST', '/graphql', { authorization: `Bearer ${revoked}` });
    expect(await graphql.json()).toEqual({
      errors: [
        {
          message:
            'This API key has been revoked. Send no Authorization header to read anonymously.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    const plain = await send(env, 'GET', '/changes', { authorization: 'Basic eDp5' });
    expect(await plain.json()).toEqual({
      error:
        'The Authorization header must be `Bearer <key>` with an Ostan API key. Send no Authorization header to read anonymously.',
      code: 'UNAUTHENTICATED',
    });
  });

  it('carries the CORS headers, so a browser client can read the refusal', async () => {
    const response = await send(env, 'POST', '/graphql', {
      authorization: 'Bearer junk',
      origin: 'https://dashboard.example',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('www-authenticate');
  });
});

describe('keyed limits apply to a verified key only', () => {
  it('the instrumented worker serves a verified key, counting it in the partner buckets', async () => {
    const key = await issueKey({ scopes: ['write:projects'] });
    const { bindings, calls } = instrumentedEnv();
    const response = await send(
      { ...bindings, QUERY_BUDGET: env.QUERY_BUDGET, DATA_VERSION: env.DATA_VERSION },
      'POST',
      '/graphql',
      { authorization: `Bearer ${key}` },
    );
    expect(response.status).toBe(200);
    expect(calls).toEqual(['RATE_LIMIT_PARTNER', 'RATE_LIMIT_PARTNER']);
    const anonymous = instrumentedEnv();
    const served = await send(
      { ...anonymous.bindings, QUERY_BUDGET: env.QUERY_BUDGET, DATA_VERSION: env.DATA_VERSION },
      'POST',
      '/graphql',
      {},
    );
    expect(served.status).toBe(200);
    expect(anonymous.calls).toEqual(['RATE_LIMIT_ANONYMOUS']);
  });

  it('a body above the anonymous limit is accepted with a verified key only', async () => {
    const key = await issueKey({ scopes: ['write:projects'] });
    const big = (headers: Record<string, string>) =>
      app.fetch(
        new Request('http://ostan.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({
            query: 'query ($pad: String) { __typename }',
            variables: { pad: 'x'.repeat(40_000) },
          }),
        }),
        env,
        createExecutionContext(),
      );
    expect((await big({})).status).toBe(413);
    expect((await big({ authorization: 'Bearer junk' })).status).toBe(401);
    expect((await big({ authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it('the cost ceiling and budget are the partner ones for a verified key only', async () => {
    const key = await issueKey({ scopes: ['write:projects'] });
    const ask = async (headers: Record<string, string>) => {
      const request = new Request('http://ostan.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}`,
          ...headers,
        },
        body: JSON.stringify({ query: '{ rateLimit { client maxCost limit } }' }),
      });
      const response = await app.fetch(request, env, createExecutionContext());
      return { status: response.status, body: (await response.json()) as Body };
    };
    const partner = await ask({ authorization: `Bearer ${key}` });
    expect(partner.body.data).toEqual({
      rateLimit: { client: 'PARTNER', maxCost: 50_000, limit: 2_000_000 },
    });
    expect(partner.body.extensions?.queryCost).toMatchObject({
      client: 'PARTNER',
      maximum: 50_000,
    });
    const anonymous = await ask({});
    expect(anonymous.body.data).toEqual({
      rateLimit: { client: 'ANONYMOUS', maxCost: 10_000, limit: 200_000 },
    });
    expect(anonymous.body.extensions?.queryCost).toMatchObject({
      client: 'ANONYMOUS',
      maximum: 10_000,
    });
    expect((await ask({ authorization: 'Bearer junk' })).status).toBe(401);
  });

  it('an empty Authorization header (what many clients send without a token) reads anonymously', async () => {
    const { bindings, calls, statements } = instrumentedEnv();
    const response = await send(
      { ...bindings, QUERY_BUDGET: env.QUERY_BUDGET, DATA_VERSION: env.DATA_VERSION },
      'POST',
      '/graphql',
      { authorization: '' },
    );
    expect(response.status).toBe(200);
    expect(calls).toEqual(['RATE_LIMIT_ANONYMOUS']);
    expect(statements.some((sql) => /api_keys/.test(sql))).toBe(false);
  });
});
