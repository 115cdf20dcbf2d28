/**
 * Route metering, decided once for every route: the per-address request rate limit (and a valid
 * key's own limit) before any work, then, for the routes outside GraphQL, one cost point and the
 * D1 rows the request actually read (D1's meta.rows_read, counted by src/db/client.ts), charged
 * to the caller's rows budget once the response body is done (an export streams its rows). /graphql
 * is charged its operation's cost and rows by src/http/metering.ts, which knows the cost only
 * after parsing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { chargeBudget, spendRows } from './budget';
import { budgetLimits } from './config';
import type { AppEnv } from './env';
import { refusalShape, refuse } from './errors';
import type { ClientIdentity } from './identity';

/** The period of the [[ratelimits]] bindings in wrangler.toml, for Retry-After. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * The cost points of a request outside /graphql, in the GraphQL cost model's unit: 1, whatever
 * its `limit` (an export of 100,000 rows that matches five costs what it reads, in rows, not what
 * it might have returned). Null for /graphql, whose cost the metering plugin computes from the
 * operation.
 */
export function routePrice(c: Context<AppEnv>): number | null {
  return c.req.path === '/graphql' ? null : 1;
}

/**
 * `body`, passed through unchanged, with `charge` run (and awaited) once it has been read to the
 * end, cancelled or has failed: only then is every row the route reads for it known.
 */
function chargedWhenDone(
  body: ReadableStream<Uint8Array>,
  charge: () => Promise<unknown>,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let charged: Promise<unknown> | null = null;
  const once = () => {
    charged ??= charge();
    return charged;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        await once();
        throw error;
      }
      if (next.done) {
        await once();
        controller.close();
      } else {
        controller.enqueue(next.value);
      }
    },
    async cancel(reason) {
      await reader.cancel(reason);
      await once();
    },
  });
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
  const { config, identity } = c.var;
  const shape = refusalShape(c.req.path);
  if (!(await withinRateLimit(c))) {
    return refuse(
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
        },
      },
      shape,
    );
  }

  const price = routePrice(c);
  if (price === null || !identity.metered || c.req.method === 'OPTIONS') return next();
  const limits = budgetLimits(config, identity.kind);
  const { cost: limit, rows: rowsLimit } = limits;
  const { cost: budget, rows } = await chargeBudget(c.env, identity.key, price, limits);
  const budgetHeaders = {
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-used': String(budget.used),
    'x-ratelimit-reset': String(Math.ceil(Date.parse(budget.resetAt) / 1000)),
    'x-ratelimit-resource': 'cost',
  };
  if (rows.remaining <= 0) {
    return refuse({
      status: 429,
      code: 'ROWS_BUDGET_EXHAUSTED',
      message: `D1 rows budget exhausted: this client has read ${rows.used} of ${rowsLimit} rows in this window; it resets at ${rows.resetAt}.`,
      headers: {
        'retry-after': String(secondsUntil(rows.resetAt)),
        'x-ratelimit-limit': String(rows.limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': String(rows.used),
        'x-ratelimit-reset': String(Math.ceil(Date.parse(rows.resetAt) / 1000)),
        'x-ratelimit-resource': 'rows',
      },
    });
  }
  if (!budget.allowed) {
    return refuse({
      status: 429,
      code: 'BUDGET_EXHAUSTED',
      message: `Cost budget exhausted: ${budget.remaining} of ${limit} points left, this request costs ${price}; the budget resets at ${budget.resetAt}.`,
      headers: {
        ...budgetHeaders,
        'retry-after': String(secondsUntil(budget.resetAt)),
      },
    });
  }
  // the same ceiling as a GraphQL request's: every statement is priced against it before it runs
  // (src/db/client.ts), and an export checks its whole price against it first
  c.var.db.rowsLimit = config.maxRowsRead[identity.kind];
  await next();
  // the rows the route read, once it has read them all (an export reads as its body streams)
  const { db } = c.var;
  const spend = async () => {
    c.executionCtx.waitUntil(spendRows(c.env, identity.key, db.stats.rowsRead, limits));
  };
  if (c.res.body === null) await spend();
  // asset responses come with immutable headers: copy before adding the budget's
  c.res = new Response(c.res.body && chargedWhenDone(c.res.body, spend), c.res);
  for (const [name, value] of Object.entries(budgetHeaders)) c.res.headers.set(name, value);
};
