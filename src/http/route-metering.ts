/**
 * Route metering, decided once for every route: the per-address request rate limit (and a valid
 * key's own limit) before any work, then, for the routes outside GraphQL, a charge to the
 * caller's cost budget priced by the rows the request may return. /graphql is charged its
 * operation's cost by src/http/metering.ts, which knows it only after parsing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { MAX_FEED_PAGE } from '../db/writes/feed';
import { chargeBudget } from './budget';
import { withCors } from './cors';
import type { AppEnv } from './env';
import { refusalShape, refuse } from './errors';
import { DEFAULT_EXPORT_LIMIT, MAX_EXPORT_LIMIT } from './export-params';
import type { ClientIdentity } from './identity';

/** The period of the [[ratelimits]] bindings in wrangler.toml, for Retry-After. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/** A `limit` query parameter as the route will read it, bounded, for pricing before it runs. */
function requestedLimit(c: Context<AppEnv>, fallback: number, maximum: number): number {
  const value = Number(c.req.query('limit') ?? fallback);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, maximum) : fallback;
}

/**
 * The cost points of a request outside /graphql, in the GraphQL cost model's unit (objects
 * returned): an export its row limit, a page of the change feed its limit, anything else 1.
 * Null for /graphql, whose cost the metering plugin computes from the operation.
 */
export function routePrice(c: Context<AppEnv>): number | null {
  const path = c.req.path;
  if (path === '/graphql') return null;
  if (path.startsWith('/exports/')) {
    return requestedLimit(c, DEFAULT_EXPORT_LIMIT, MAX_EXPORT_LIMIT);
  }
  if (path === '/changes') return requestedLimit(c, MAX_FEED_PAGE, MAX_FEED_PAGE);
  return 1;
}

function secondsUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 1000));
}

/**
 * Whether the rate limiters let one more request through: the address's limiter (when the
 * request came with an address), then a valid key's own. Each call counts the request. Also
 * called after a cached GET was answered (src/http/cached-get.ts).
 */
export async function rateLimitsAllow(
  env: CloudflareBindings,
  identity: ClientIdentity,
  addressed: boolean,
): Promise<boolean> {
  const partner = identity.kind === 'PARTNER';
  // only a request from inside (a test, a service binding) lacks cf-connecting-ip
  if (addressed) {
    const limiter = partner ? env.RATE_LIMIT_PARTNER : env.RATE_LIMIT_ANONYMOUS;
    const key = partner ? `keyed-${identity.addressKey}` : identity.addressKey;
    if (!(await limiter.limit({ key })).success) return false;
  }
  if (partner && !(await env.RATE_LIMIT_PARTNER.limit({ key: identity.key })).success) {
    return false;
  }
  return true;
}

/** Whether the request may go on: the address's limiter, then a valid key's own. */
function withinRateLimit(c: Context<AppEnv>): Promise<boolean> {
  return rateLimitsAllow(c.env, c.var.identity, c.req.raw.headers.has('cf-connecting-ip'));
}

/** The middleware every route group goes through (src/index.ts), after init. */
export const meterRoutes: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config, identity, requestId } = c.var;
  const shape = refusalShape(c.req.path);
  if (!(await withinRateLimit(c))) {
    // on /graphql with the CORS headers its route would add, so a browser can read the 429
    const refusal = refuse(
      {
        status: 429,
        code: 'RATE_LIMITED',
        message:
          identity.kind === 'PARTNER'
            ? 'Too many requests from this address or API key: wait a minute.'
            : 'Too many requests from this address: wait a minute.',
        headers: {
          'retry-after': String(RATE_LIMIT_PERIOD_SECONDS),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + RATE_LIMIT_PERIOD_SECONDS),
          'x-ratelimit-resource': 'requests',
          'x-request-id': requestId,
        },
      },
      shape,
    );
    return withCors(c, refusal);
  }

  const price = routePrice(c);
  if (price === null || !identity.metered || c.req.method === 'OPTIONS') return next();
  const limit = config.budget[identity.kind];
  const budget = await chargeBudget(c.env, identity.key, price, limit, config.budget.windowSeconds);
  const budgetHeaders = {
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-used': String(budget.used),
    'x-ratelimit-reset': String(Math.ceil(Date.parse(budget.resetAt) / 1000)),
    'x-ratelimit-resource': 'cost',
  };
  if (!budget.allowed) {
    return refuse({
      status: 429,
      code: 'BUDGET_EXHAUSTED',
      message: `Cost budget exhausted: ${budget.remaining} of ${limit} points left, this request costs ${price}${price > 1 ? ' (ask for a smaller limit)' : ''}; the budget resets at ${budget.resetAt}.`,
      headers: {
        ...budgetHeaders,
        'retry-after': String(secondsUntil(budget.resetAt)),
        'x-request-id': requestId,
      },
    });
  }
  await next();
  // asset responses come with immutable headers: copy before adding the budget's
  c.res = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(budgetHeaders)) c.res.headers.set(name, value);
};
