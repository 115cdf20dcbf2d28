/** CORS for /graphql from CORS_ORIGINS: `*`, or an allow-list of origins (others get no CORS headers). */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { EdgeConfig } from './config';
import type { AppEnv } from './env';

const corsByConfig = new WeakMap<EdgeConfig, MiddlewareHandler>();

export const graphqlCors: MiddlewareHandler<AppEnv> = (c, next) => {
  const config = c.var.config;
  let middleware = corsByConfig.get(config);
  if (!middleware) {
    const any = config.corsOrigins.includes('*');
    middleware = cors({
      origin: any ? '*' : (origin) => (config.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: [
        'content-type',
        'authorization',
        'accept-language',
        'if-none-match',
        'x-d1-bookmark',
        'x-graphql-yoga-csrf',
        'apollo-require-preflight',
      ],
      exposeHeaders: [
        'etag',
        'retry-after',
        'www-authenticate',
        'x-request-id',
        'x-d1-bookmark',
        'x-cache',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-used',
        'x-ratelimit-reset',
        'x-ratelimit-resource',
      ],
      maxAge: 600,
    });
    corsByConfig.set(config, middleware);
  }
  return middleware(c, next);
};

/**
 * `response`, made before the route ran (init's 401, route metering's 429), with the CORS headers the
 * route would have added, so a browser client can read why it was refused. An OPTIONS request is
 * left as it is: a browser's preflight carries no Authorization header, so one that does is not a
 * preflight.
 */
export async function withCors(c: Context<AppEnv>, response: Response): Promise<Response> {
  if (c.req.path !== '/graphql' || c.req.method === 'OPTIONS') return response;
  await graphqlCors(c, async () => {
    c.res = response;
  });
  return c.res;
}
