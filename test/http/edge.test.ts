// The edge behaviour of /graphql: cached persisted reads, cost and budgets, rate limits, D1
// sessions, and the production configuration (introspection, suggestions, masking, CSRF, CORS).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { advanceDataVersion } from '../../src/http/data-version';
import { clientIdentity } from '../../src/http/identity';
import app from '../../src/index';
import { newProject } from '../graphql/partner-writes-helpers';
import { registeredDocumentId } from '../helpers';
import { bearer, issueKey } from '../partner-keys';

const URL_ = 'http://ostan.test/graphql';

/** A unique client address, so each test has its own rate limit and budget. */
const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

/** GET of the persisted SolarCapacityClaims operation. */
async function persistedGet(
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const hash = registeredDocumentId('SolarCapacityClaims');
  const params = new URLSearchParams({
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
    variables: JSON.stringify(variables),
  });
  return exports.default.fetch(`${URL_}?${params}`, {
    headers: { accept: 'application/graphql-response+json', ...headers },
  });
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown> & { cost?: { d1Queries: number } };
}

const post = (query: string, headers: Record<string, string> = {}, variables = {}) =>
  exports.default.fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

/** The worker with some [vars] overridden, as another environment of wrangler.toml would. */
async function withVars(vars: Record<string, unknown>, request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const PRODUCTION = {
  ENVIRONMENT: 'production',
  INTROSPECTION: 'false',
  MASK_ERRORS: 'true',
  CSRF_PREVENTION: 'true',
  CORS_ORIGINS: 'https://ostan.example',
  GRAPHIQL: 'false',
};

const postRequest = (query: string, headers: Record<string, string> = {}) =>
  new Request(URL_, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify({ query }),
  });

describe('persisted operations and the edge cache', () => {
  it('serves a repeated read from the cache without touching D1, with ETag and 304', async () => {
    const variables = { region: 'qom', lang: 'EN', indicator: `solar_capacity_operational_mw` };
    await advanceDataVersion(env); // a fresh version: no entry from another test can match
    const miss = await persistedGet(variables);
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const first = (await miss.json()) as Body;
    expect(first.errors).toBeUndefined();
    expect(first.extensions?.cost?.d1Queries).toBeGreaterThan(0);
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    // the cache is written in waitUntil; give it a moment
    let hit = await persistedGet(variables);
    for (let i = 0; i < 10 && hit.headers.get('x-cache') !== 'HIT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      hit = await persistedGet(variables);
    }
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const second = (await hit.json()) as Body;
    expect(second.data).toEqual(first.data);
    expect(second.extensions?.cost).toEqual({ d1Queries: 0, d1RowsRead: 0 });
    expect(second.extensions?.cache).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(etag);

    const notModified = await persistedGet(variables, { 'if-none-match': etag ?? '' });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');

    // another language is another entry
    const persian = await persistedGet(variables, { 'accept-language': 'fa' });
    const other = await persistedGet({ ...variables, lang: 'FA' });
    expect(other.headers.get('x-cache')).toBe('MISS');
    expect(persian.status).toBe(200);
  });

  it('never serves a cached read after a write: read, write, read again sees the new value', async () => {
    // variables no other test uses, so no other test's entry can answer
    const variables = { region: 'qom', lang: 'EN' };
    await advanceDataVersion(env);
    await (await persistedGet(variables)).text();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cached = await persistedGet(variables);
    expect(cached.headers.get('x-cache')).toBe('HIT');
    await cached.text();

    // a write (what a mutation does, and what the route does after every mutation)
    await env.DB.prepare("UPDATE regions SET name_en = 'Qom (renamed)' WHERE slug = 'qom'").run();
    await advanceDataVersion(env);

    const after = await persistedGet({ ...variables });
    expect(after.headers.get('x-cache')).toBe('MISS');
    const body = (await after.json()) as Body;
    expect(JSON.stringify(body.data)).toContain('Qom (renamed)');
  });

  it('a real mutation makes the next persisted read fresh: read, markClaimPreferred, read again', async () => {
    const variables = { region: 'qom', indicator: 'solar_capacity_operational_mw', lang: 'FA' };
    type Solar = {
      region: { claims: { nodes: { id: string; slug: string; preferred: boolean }[] } };
    };
    const read = async () => {
      const response = await persistedGet(variables);
      return {
        cache: response.headers.get('x-cache'),
        data: ((await response.json()) as Body).data as Solar,
      };
    };
    await read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = await read();
    expect(before.cache).toBe('HIT');
    const c006 = before.data.region.claims.nodes.find((claim) => claim.slug === 'c006');
    expect(c006?.preferred).toBe(false);

    const key = await issueKey({ scopes: ['write:claims'], regions: ['qom'] });
    const current = (await (await post('{ claim(slug: "c006") { version } }')).json()) as {
      data: { claim: { version: number } };
    };
    const { version } = current.data.claim;
    const written = await post(
      `mutation ($input: MarkClaimPreferredInput!) { markClaimPreferred(input: $input) { __typename } }`,
      bearer(key),
      { input: { id: c006?.id, version, reason: 'Test: prefer the seed figure.' } },
    );
    const result = (await written.json()) as Body;
    expect(result.errors, JSON.stringify(result)).toBeUndefined();
    expect(result.data).toEqual({
      markClaimPreferred: { __typename: expect.stringMatching(/Success|Claim/) },
    });

    const after = await read();
    expect(after.cache).toBe('MISS');
    expect(after.data.region.claims.nodes.find((claim) => claim.slug === 'c006')?.preferred).toBe(
      true,
    );
  });

  it('moves the data version on only when a write commits', async () => {
    const variables = { region: 'qom', lang: 'EN', indicator: 'jobs_created' };
    const cache = async () => {
      const response = await persistedGet(variables);
      await response.text();
      return response.headers.get('x-cache');
    };
    await advanceDataVersion(env);
    expect(await cache()).toBe('MISS');
    let state = await cache();
    for (let i = 0; i < 10 && state !== 'HIT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await cache();
    }
    expect(state).toBe('HIT');

    const key = await issueKey({ scopes: ['write:projects'], regions: ['qom'] });
    const unscoped = await issueKey({ scopes: ['write:claims'], regions: ['qom'] });
    const create = `mutation ($input: CreateProjectInput!, $key: String) {
      createProject(input: $input, idempotencyKey: $key) {
        __typename ... on ForbiddenError { reason } ... on ValidationError { issues { code } }
      }
    }`;
    const input = newProject('edge-version-plant');
    const mutate = async (headers: Record<string, string>, variables: object) =>
      ((await (await post(create, headers, variables)).json()) as Body).data?.createProject;
    const refused: [string, () => Promise<unknown>, unknown][] = [
      [
        'an anonymous mutation { __typename }',
        async () => ((await (await post('mutation { __typename }')).json()) as Body).data,
        { __typename: 'Mutation' },
      ],
      ['createProject without a key', () => mutate({}, { input }), { reason: 'NO_KEY' }],
      [
        'createProject with a key lacking the scope',
        () => mutate(bearer(unscoped), { input }),
        { reason: 'SCOPE' },
      ],
      [
        'createProject with invalid input',
        () => mutate(bearer(key), { input: { ...input, directJobs: -5 } }),
        { __typename: 'ValidationError' },
      ],
    ];
    for (const [name, send, expected] of refused) {
      expect(await send(), name).toMatchObject(expected as object);
      expect(await cache(), `after ${name}`).toBe('HIT');
    }

    expect(await mutate(bearer(key), { input, key: 'edge-version-1' })).toEqual({
      __typename: 'Project',
    });
    expect(await cache(), 'after a committed write').toBe('MISS');
    state = await cache();
    for (let i = 0; i < 10 && state !== 'HIT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await cache();
    }
    // a replay of the same idempotency key writes nothing
    expect(await mutate(bearer(key), { input, key: 'edge-version-1' })).toEqual({
      __typename: 'Project',
    });
    expect(await cache(), 'after an idempotent replay').toBe('HIT');
  });

  it('refuses ad-hoc queries when ARBITRARY_OPERATIONS is off, and still serves persisted ones', async () => {
    const refused = await withVars(
      { ARBITRARY_OPERATIONS: 'false' },
      postRequest('{ region(slug: "qom") { slug } }'),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Only persisted operations');
  });
});

describe('cost, budget and rate limits', () => {
  it('reports the cost and the budget in extensions, headers and the rateLimit query', async () => {
    const headers = { 'cf-connecting-ip': address() };
    const query = '{ rateLimit { client cost maxCost limit used remaining resetAt } }';
    const one = (await (await post(query, headers)).json()) as Body;
    const response = await post(query, headers);
    const two = (await response.json()) as Body;
    expect(two.data?.rateLimit).toEqual({
      client: 'ANONYMOUS',
      cost: 1,
      maxCost: 10_000,
      limit: 200_000,
      used: 2,
      remaining: 199_998,
      resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(one.extensions?.queryCost).toMatchObject({ requested: 1, client: 'ANONYMOUS' });
    expect(response.headers.get('x-ratelimit-limit')).toBe('200000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('199998');
    expect(response.headers.get('x-ratelimit-used')).toBe('2');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('costs lists by their page size', async () => {
    const { extensions } = (await (
      await post('{ projects(first: 50) { nodes { claims(first: 10) { nodes { slug } } } } }')
    ).json()) as Body;
    expect(extensions?.queryCost).toMatchObject({ requested: 601 });
  });

  it('answers 429 with Retry-After once the budget is spent, and serves the next window', async () => {
    const headers = { 'cf-connecting-ip': address() };
    const vars = { BUDGET_ANONYMOUS: '3' };
    const query = '{ region(slug: "qom") { slug } }';
    for (let i = 0; i < 3; i++) {
      expect((await withVars(vars, postRequest(query, headers))).status).toBe(200);
    }
    const refused = await withVars(vars, postRequest(query, headers));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as Body;
    expect(body.errors?.[0]?.extensions?.code).toBe('BUDGET_EXHAUSTED');
    // another client is not affected
    expect(
      (await withVars(vars, postRequest(query, { 'cf-connecting-ip': address() }))).status,
    ).toBe(200);
  });

  it('answers 429 with Retry-After and x-ratelimit-* when the rate limiter says no', async () => {
    const denying = { limit: async () => ({ success: false }) };
    const refused = await withVars(
      { RATE_LIMIT_ANONYMOUS: denying },
      postRequest('{ __typename }', { 'cf-connecting-ip': address() }),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-resource')).toBe('requests');
    expect(await refused.json()).toMatchObject({
      errors: [{ extensions: { code: 'RATE_LIMITED' } }],
    });
  });

  // 300-odd real requests, each metered (rate limit, budget Durable Object): about 20 s on an idle
  // machine, so the guard is generous; nothing here is timed
  it('limits one address with the real Rate Limiting binding (300 a minute)', {
    timeout: 120_000,
  }, async () => {
    const headers = { 'cf-connecting-ip': address() };
    const statuses: number[] = [];
    // the limiter counts per 60 s window: enough rounds that one window fills even if another began
    for (let round = 0; round < 20 && !statuses.includes(429); round++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => post('{ __typename }', headers)),
      );
      for (const response of responses) {
        statuses.push(response.status);
        await response.body?.cancel();
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(290);
    // another address is served
    expect((await post('{ __typename }', { 'cf-connecting-ip': address() })).status).toBe(200);
  });

  it('takes a partner identity from a verified key only (other credentials never get here)', () => {
    const request = new Request('http://ostan.test/', {
      headers: { 'cf-connecting-ip': '192.0.2.1' },
    });
    const key = { id: 7, name: 'k', scopes: [], regionIds: [], revoked: false };
    expect(clientIdentity(request, { kind: 'key', key })).toEqual({
      kind: 'PARTNER',
      key: 'key:7',
      addressKey: 'ip:192.0.2.1',
      metered: true,
    });
    expect(clientIdentity(request, { kind: 'anonymous' })).toMatchObject({
      kind: 'ANONYMOUS',
      key: 'ip:192.0.2.1',
    });
  });
});

describe('D1 sessions', () => {
  it('accepts a bookmark back and ignores a malformed one', async () => {
    const first = await post('{ region(slug: "qom") { slug } }');
    expect(first.status).toBe(200);
    const bookmark = first.headers.get('x-d1-bookmark');
    if (bookmark) {
      const again = await post('{ region(slug: "qom") { slug } }', { 'x-d1-bookmark': bookmark });
      expect(again.status).toBe(200);
    }
    const junk = await post('{ region(slug: "qom") { slug } }', {
      'x-d1-bookmark': 'not a bookmark!',
    });
    expect(junk.status).toBe(200);
  });
});

describe('production configuration', () => {
  it('refuses introspection', async () => {
    const response = await withVars(PRODUCTION, postRequest('{ __schema { queryType { name } } }'));
    expect(response.status, await response.clone().text()).toBe(400);
    expect(await response.text()).toMatch(/introspection/i);
  });

  it('gives no field suggestions', async () => {
    const response = await withVars(PRODUCTION, postRequest('{ regon(slug: "qom") { slug } }'));
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/Did you mean/);
    const dev = await post('{ regon(slug: "qom") { slug } }');
    expect(await dev.text()).toMatch(/Did you mean/);
  });

  it("gives no suggestions in variables' errors either, and refuses them with 400", async () => {
    const query = 'query ($f: ProjectFilter) { projects(filter: $f, first: 1) { totalCount } }';
    const request = () =>
      new Request(URL_, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
        },
        body: JSON.stringify({ query, variables: { f: { sectr: 'footwear' } } }),
      });
    const response = await withVars(PRODUCTION, request());
    const text = await response.text();
    expect(response.status, text).toBe(400);
    const [error] = (JSON.parse(text) as { errors: { message: string }[] }).errors;
    expect(error?.message).toMatch(/^Variable "\$f" got invalid value .*"sectr"/);
    expect(text).not.toMatch(/Did you mean/);
    const dev = await exports.default.fetch(request());
    expect(dev.status).toBe(400);
    const [devError] = ((await dev.json()) as { errors: { message: string }[] }).errors;
    expect(devError?.message).toMatch(/Did you mean "sector"\?$/);
  });

  it('masks unexpected errors behind a request id, with no SQL or stack', async () => {
    await env.DB.prepare('ALTER TABLE regions RENAME TO regions_moved').run();
    const response = await withVars(
      PRODUCTION,
      postRequest('{ region(slug: "qom") { slug } }', { 'cf-ray': 'test-ray-1' }),
    );
    const text = await response.text();
    expect(text).not.toMatch(/regions|SQL|D1_ERROR|at \w+/);
    const body = JSON.parse(text) as Body;
    expect(body.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'test-ray-1' },
    });
    expect(response.headers.get('x-request-id')).toBe('test-ray-1');
    await env.DB.prepare('ALTER TABLE regions_moved RENAME TO regions').run();
    const next = await withVars(PRODUCTION, postRequest('{ region(slug: "qom") { slug } }'));
    expect(next.status).toBe(200);
  });

  it('requires a CSRF header on GET', async () => {
    const request = (headers: Record<string, string>) =>
      new Request(`${URL_}?query=${encodeURIComponent('{ __typename }')}`, { headers });
    expect((await withVars(PRODUCTION, request({}))).status).toBe(403);
    expect((await withVars(PRODUCTION, request({ 'x-graphql-yoga-csrf': '1' }))).status).toBe(200);
  });

  it('allows only the configured browser origins', async () => {
    const preflight = (origin: string) =>
      new Request(URL_, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await withVars(PRODUCTION, preflight('https://ostan.example'));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ostan.example');
    const other = await withVars(PRODUCTION, preflight('https://evil.example'));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves no GraphiQL', async () => {
    const response = await withVars(
      PRODUCTION,
      new Request(URL_, { headers: { accept: 'text/html', 'x-graphql-yoga-csrf': '1' } }),
    );
    expect(await response.text()).not.toContain('<html');
  });
});
