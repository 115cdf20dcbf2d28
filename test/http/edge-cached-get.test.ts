// The cached-GET fast path (src/http/cached-get.ts): a hit answers the stored body byte for byte,
// a write committed in this isolate makes the next read a miss at once, a write committed
// elsewhere is seen within DATA_VERSION_HOLD_MS, and hits are still counted by the rate limiter.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { advanceDataVersion, DATA_VERSION_HOLD_MS } from '../../src/http/data-version';
import app from '../../src/index';
import { registeredDocumentId } from '../helpers';

/** A unique client address, so each test has its own rate limit. */
const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

/** The persisted SolarCapacityClaims over GET, by documentId. */
function persistedGet(variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const params = new URLSearchParams({
    documentId: `sha256:${registeredDocumentId('SolarCapacityClaims')}`,
    variables: JSON.stringify(variables),
  });
  return new Request(`http://ostan.test/graphql?${params}`, {
    headers: { accept: 'application/graphql-response+json', ...headers },
  });
}

/** The worker with some bindings or [vars] replaced; waits for its waitUntil work. */
async function send(request: Request, vars: Record<string, unknown> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Reads until the entry the first read put (in waitUntil) answers. */
async function warm(variables: Record<string, unknown>): Promise<Response> {
  const miss = await send(persistedGet(variables));
  expect(miss.headers.get('x-cache')).toBe('MISS');
  return miss;
}

interface Body {
  data?: unknown;
  errors?: unknown[];
  extensions?: { queryCost?: { requested?: number } };
}

/** A write committed by another isolate: the Durable Object moves on, this isolate is not told. */
async function advanceElsewhere(): Promise<void> {
  await env.DATA_VERSION.get(env.DATA_VERSION.idFromName('global')).advance();
}

describe('cached GET fast path', () => {
  it('answers a hit with the stored body, byte-identical on every hit, and the same headers', async () => {
    const variables = { region: 'qom', lang: 'EN', indicator: 'solar_capacity_operational_mw' };
    await advanceDataVersion(env);
    const miss = await warm(variables);
    const first = (await miss.json()) as Body;
    expect(first.errors).toBeUndefined();

    const one = await send(persistedGet(variables, { 'cf-ray': 'ray-one' }));
    const two = await send(persistedGet(variables, { 'cf-ray': 'ray-two' }));
    const [oneText, twoText] = [await one.text(), await two.text()];
    expect(oneText).toBe(twoText);
    // what a hit has answered since the edge cache began, less the request id (x-request-id has it)
    expect(oneText).toBe(
      JSON.stringify({
        data: first.data,
        extensions: {
          queryCost: { requested: first.extensions?.queryCost?.requested },
          cost: { d1Queries: 0, d1RowsRead: 0 },
          cache: 'HIT',
        },
      }),
    );
    expect(Object.fromEntries(one.headers)).toEqual({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': expect.stringContaining('x-cache'),
      'cache-control': 'no-cache',
      'content-type': miss.headers.get('content-type'),
      etag: miss.headers.get('etag'),
      'x-cache': 'HIT',
      'x-request-id': 'ray-one',
    });
    expect(two.headers.get('x-request-id')).toBe('ray-two');

    const notModified = await send(
      persistedGet(variables, { 'if-none-match': miss.headers.get('etag') ?? '' }),
    );
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('x-cache')).toBe('HIT');
    expect(await notModified.text()).toBe('');
  });

  it('leaves a request with a credential to init, which verifies it before any cache', async () => {
    const variables = { region: 'qom', lang: 'FA', indicator: 'solar_capacity_operational_mw' };
    await advanceDataVersion(env);
    await (await warm(variables)).text();
    const anonymous = await send(persistedGet(variables));
    const malformed = await send(persistedGet(variables, { authorization: 'Basic abc' }));
    expect(anonymous.headers.get('x-cache')).toBe('HIT');
    // a credential is never skipped: init answers it (here 401) before any cache
    expect(malformed.status).toBe(401);
  });

  it('a write committed in this isolate makes the next read a miss at once', async () => {
    const variables = { region: 'qom', lang: 'EN', indicator: 'solar_capacity_operational_mw' };
    await advanceDataVersion(env);
    await (await warm(variables)).text();
    const hit = await send(persistedGet(variables));
    expect(hit.headers.get('x-cache')).toBe('HIT');
    await hit.text();

    await env.DB.prepare(
      "UPDATE regions SET name_en = 'Qom (cached-get)' WHERE slug = 'qom'",
    ).run();
    await advanceDataVersion(env); // what the route does after a request whose write committed
    const after = await send(persistedGet(variables));
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(await after.text()).toContain('Qom (cached-get)');
  });

  it(`sees a write committed in another isolate within ${DATA_VERSION_HOLD_MS} ms`, async () => {
    const variables = { region: 'qom', lang: 'EN', indicator: 'solar_capacity_operational_mw' };
    await advanceDataVersion(env);
    await (await warm(variables)).text();
    const hit = await send(persistedGet(variables));
    expect(hit.headers.get('x-cache')).toBe('HIT');
    await hit.text();

    await advanceElsewhere();
    await new Promise((resolve) => setTimeout(resolve, DATA_VERSION_HOLD_MS + 50));
    const after = await send(persistedGet(variables));
    expect(after.headers.get('x-cache')).toBe('MISS');
    await after.text();
  });

  it('counts every hit with the rate limiter, after answering; an address it refused gets 429', async () => {
    const variables = { region: 'qom', lang: 'EN', indicator: 'solar_capacity_operational_mw' };
    await advanceDataVersion(env);
    await (await warm(variables)).text();
    const ip = address();
    const keys: string[] = [];
    const counting = {
      limit: async ({ key }: { key: string }) => {
        keys.push(key);
        return { success: true };
      },
    };
    const hit = await send(persistedGet(variables, { 'cf-connecting-ip': ip }), {
      RATE_LIMIT_ANONYMOUS: counting,
    });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    await hit.text();
    expect(keys).toEqual([`ip:${ip}`]);

    // the limiter refuses the next hit only after it was answered; from then on the address goes
    // through route metering, which asks the limiter first
    const denying = { limit: async () => ({ success: false }) };
    const answered = await send(persistedGet(variables, { 'cf-connecting-ip': ip }), {
      RATE_LIMIT_ANONYMOUS: denying,
    });
    expect(answered.status).toBe(200);
    await answered.text();
    const refused = await send(persistedGet(variables, { 'cf-connecting-ip': ip }), {
      RATE_LIMIT_ANONYMOUS: denying,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.text()).toContain('RATE_LIMITED');
    // and once the limiter lets it through again, it is served (by the route, until the mark ends)
    const again = await send(persistedGet(variables, { 'cf-connecting-ip': ip }), {
      RATE_LIMIT_ANONYMOUS: counting,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-cache')).toBe('HIT');
    await again.text();
  });
});
