/**
 * CORS for every route, from CORS_ORIGINS: `*`, or an allow-list of origins (others get no CORS
 * headers). Two entries in src/index.ts, one configuration:
 * - `cors`, the app's first middleware: it sets the headers on the response before any other
 *   middleware runs, so every response carries them, whoever makes it (a route, the cached-GET
 *   fast path, init's 401, route metering's 429, the 404 for no route, the 500 of last resort).
 * - `preflight`, the OPTIONS handler of every path, after route metering: a preflight is rate
 *   limited like any request, and answered with the methods and request headers a client may use.
 */
import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { type EdgeConfig, edgeConfig } from './config';
import type { AppEnv } from './env';

/** The request headers a browser client may send, besides the CORS-safelisted ones. */
const ALLOW_HEADERS = [
  'content-type',
  'authorization',
  'accept-language',
  'if-none-match',
  'x-d1-bookmark',
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
];

/**
 * The response headers a browser client may read, besides the CORS-safelisted ones: every header
 * a route answers with (test/http/cors.test.ts reads every route's response and fails on one not
 * listed here).
 */
export const EXPOSE_HEADERS = [
  'content-disposition',
  'etag',
  'link',
  'retry-after',
  'www-authenticate',
  'x-cache',
  'x-d1-bookmark',
  'x-has-more',
  'x-next-cursor',
  'x-ostan-dataset-version',
  'x-ostan-generated-at',
  'x-ostan-license',
  'x-ostan-rows-priced',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-resource',
  'x-ratelimit-used',
  'x-request-id',
];

const byConfig = new WeakMap<EdgeConfig, MiddlewareHandler>();

/** Hono's CORS middleware for `config`, made once per configuration. */
function corsFor(config: EdgeConfig): MiddlewareHandler {
  let middleware = byConfig.get(config);
  if (!middleware) {
    const any = config.corsOrigins.includes('*');
    middleware = honoCors({
      origin: any ? '*' : (origin) => (config.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ALLOW_HEADERS,
      exposeHeaders: EXPOSE_HEADERS,
      maxAge: 600,
    });
    byConfig.set(config, middleware);
  }
  return middleware;
}

/** The CORS headers on every response but a preflight's (see the file's comment). */
export const cors: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.method === 'OPTIONS' ? next() : corsFor(edgeConfig(c.env))(c, next);

/** The answer to a preflight, on every path (see the file's comment). */
export const preflight: MiddlewareHandler<AppEnv> = (c, next) => corsFor(c.var.config)(c, next);
