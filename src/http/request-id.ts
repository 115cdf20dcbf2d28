/**
 * The request's id, made once, first: Cloudflare's `cf-ray` when the request has one, else a
 * fresh UUID. It is on the context for logs, write audits and errors' extensions, and set on the
 * response before any other middleware runs, so every response carries `x-request-id`, whoever
 * makes it (a route, the cached-GET path, a 401, a 429, the 404 for no route, the 500 of last
 * resort). test/http/request-id.test.ts checks every route of the router.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

export const requestId: MiddlewareHandler<AppEnv> = (c, next) => {
  const id = c.req.header('cf-ray') ?? crypto.randomUUID();
  c.set('requestId', id);
  // on c.res itself (not Hono's prepared headers): a Response a later middleware returns is
  // merged with it, as Hono's own CORS middleware relies on
  c.res.headers.set('x-request-id', id);
  return next();
};
