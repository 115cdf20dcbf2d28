// Every response carries x-request-id (src/http/request-id.ts): Cloudflare's cf-ray when the
// request has one, else a fresh id, whoever makes the response. The routes are the app router's
// (test/routes.ts), so a route added later is covered without an edit.
import { describe, expect, it } from 'vitest';
import { appRoutes, routeRequest as request, sendToApp } from '../routes';

const send = (vars: Record<string, unknown>, req: Request) => sendToApp(req, vars);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('x-request-id on every response', () => {
  it.each(appRoutes)('$name: the cf-ray, or a fresh id', async ({ method, path }) => {
    const ray = `8f${crypto.randomUUID().slice(0, 14)}-AMS`;
    const withRay = await send({}, request(method, path, { 'cf-ray': ray }));
    expect(withRay.status).toBeLessThan(400);
    expect(withRay.headers.get('x-request-id')).toBe(ray);
    const first = (await send({}, request(method, path))).headers.get('x-request-id');
    const second = (await send({}, request(method, path))).headers.get('x-request-id');
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
  });

  it.each(appRoutes)('$name: on a 401, a 429', async ({ method, path }) => {
    const ray = `8f${crypto.randomUUID().slice(0, 14)}-AMS`;
    const unauthorised = await send(
      {},
      request(method, path, { 'cf-ray': ray, authorization: 'Bearer junk' }),
    );
    if (method !== 'OPTIONS') expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get('x-request-id')).toBe(ray);
    const denying = { limit: async () => ({ success: false }) };
    const limited = await send(
      { RATE_LIMIT_ANONYMOUS: denying },
      request(method, path, { 'cf-ray': ray }),
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-request-id')).toBe(ray);
  });

  it("on the GraphQL route's own refusals (a GET's variables that are not JSON)", async () => {
    const response = await send(
      {},
      request('GET', '/graphql?query=%7B__typename%7D&variables=nope', { 'cf-ray': 'def-AMS' }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('def-AMS');
  });

  it('on the 404 for a path with no route', async () => {
    const response = await send({}, request('GET', '/nowhere', { 'cf-ray': 'abc-AMS' }));
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('abc-AMS');
  });
});
