// CORS on every route (src/http/cors.ts): every response carries the headers, whoever makes it
// (the route, the cached-GET path, init's 401, metering's 429, the 404 for no route), every
// header a route answers with is exposed, and a preflight is answered on every path. The routes
// are the app router's (test/routes.ts), so a route added later is covered without an edit.
import { describe, expect, it } from 'vitest';
import { EXPOSE_HEADERS } from '../../src/http/cors';
import { appRoutes, routeRequest, sendToApp } from '../routes';

const ORIGIN = 'https://dashboard.example';

/**
 * Response headers a browser script reads without their being exposed (Fetch's CORS-safelisted
 * response-header names), and those that are about CORS itself.
 */
const READABLE = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
  'vary',
]);

const requests = appRoutes.filter((route) => route.method !== 'OPTIONS');

const request = (method: string, path: string, headers: Record<string, string> = {}) =>
  routeRequest(method, path, { origin: ORIGIN, ...headers });

const preflightOf = (path: string, method: string) =>
  request('OPTIONS', path, {
    'access-control-request-method': method,
    'access-control-request-headers': 'authorization, content-type',
  });

const send = (vars: Record<string, unknown>, req: Request) => sendToApp(req, vars);

const exposedBy = (response: Response) =>
  (response.headers.get('access-control-expose-headers') ?? '').split(',');

describe('CORS on every route', () => {
  it('answers preflights on every path with one route', () => {
    expect(appRoutes.filter((route) => route.method === 'OPTIONS').map((r) => r.name)).toEqual([
      'OPTIONS /*',
    ]);
    expect(requests.length).toBeGreaterThanOrEqual(6);
  });

  it.each(requests)(
    '$name: any origin may read it, and every header it answers with',
    async ({ method, path }) => {
      const response = await send({ CORS_ORIGINS: '*' }, request(method, path));
      expect(response.status).toBeLessThan(400);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const exposed = exposedBy(response);
      const names = [...response.headers.keys()].filter(
        // cf-*: the platform's own (the static assets' cf-cache-status), not the API's
        (name) =>
          !READABLE.has(name) && !name.startsWith('access-control-') && !name.startsWith('cf-'),
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(exposed, `${name} is not exposed`).toContain(name);
    },
  );

  it.each(requests)(
    '$name: an allow-list lets its origins read it, and no other',
    async ({ method, path }) => {
      const vars = { CORS_ORIGINS: `https://other.example,${ORIGIN}` };
      const allowed = await send(vars, request(method, path));
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(allowed.headers.get('vary')).toContain('Origin');
      const refused = await send(vars, request(method, path, { origin: 'https://evil.example' }));
      expect(refused.status).toBe(allowed.status);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it.each(requests)('$name: a browser can read a 401 for a bad key', async ({ method, path }) => {
    const response = await send(
      { CORS_ORIGINS: '*' },
      request(method, path, { authorization: 'Bearer junk' }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(exposedBy(response)).toContain('www-authenticate');
  });

  it.each(requests)('$name: a browser can read a 429', async ({ method, path }) => {
    const denying = { limit: async () => ({ success: false }) };
    const response = await send(
      { CORS_ORIGINS: '*', RATE_LIMIT_ANONYMOUS: denying },
      request(method, path),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(exposedBy(response)).toEqual(expect.arrayContaining(['retry-after', 'x-request-id']));
  });

  it('a browser can read the 404 for a path with no route', async () => {
    const response = await send({ CORS_ORIGINS: '*' }, request('GET', '/nowhere'));
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(requests)('$name: its preflight is answered', async ({ method, path }) => {
    const response = await send({ CORS_ORIGINS: '*' }, preflightOf(path, method));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toContain(method);
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('a preflight from an origin not allowed gets no CORS headers', async () => {
    const response = await send(
      { CORS_ORIGINS: 'https://other.example' },
      preflightOf('/exports/projects.csv', 'GET'),
    );
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes each header once, in order', () => {
    expect(EXPOSE_HEADERS).toEqual([...new Set(EXPOSE_HEADERS)].sort());
  });
});
