/**
 * The cached-GET fast path, ahead of init, route metering, the GraphQL route and Yoga: an
 * anonymous GET of a registered document (documentId or APQ hash) whose answer is in the edge
 * cache is answered with the stored body and nothing else: the data version (held in the isolate,
 * src/http/data-version.ts), the cache key and `cache.match`. Anything else, and every miss, goes
 * on to the app as before.
 *
 * The rate limit still counts every hit, after the response (`waitUntil`): a hit does not wait
 * for the limiter. When the limiter says an address is over its limit, the isolate remembers it
 * for a period, and that address's GETs go through route metering again (which asks the limiter
 * before any work and answers 429), so an address over its limit gets at most the hits already
 * answered before the first refusal came back.
 */
import type { MiddlewareHandler } from 'hono';
import { edgeConfig } from './config';
import { currentDataVersion } from './data-version';
import { edgeCache, hitResponse, readCacheKey } from './edge-cache';
import type { AppEnv } from './env';
import { type ClientIdentity, clientIdentity } from './identity';
import { persistedHashOf } from './persisted';
import { RATE_LIMIT_PERIOD_SECONDS, rateLimitsAllow } from './route-metering';
import { parseBookmark } from './session';

const ANONYMOUS = { kind: 'anonymous' } as const;

/** Addresses the limiter refused after a hit, until when (Date.now()): they go the long way. */
const overLimit = new Map<string, number>();
/** Enough for any honest load; past it the marks are dropped (the limiter still refuses). */
const MAX_MARKS = 10_000;

function knownOverLimit(addressKey: string, now: number): boolean {
  const until = overLimit.get(addressKey);
  if (until === undefined) return false;
  if (now < until) return true;
  overLimit.delete(addressKey);
  return false;
}

/** Counts a hit with the rate limiters after the response; marks the address when refused. */
async function countHit(env: CloudflareBindings, identity: ClientIdentity): Promise<void> {
  if (await rateLimitsAllow(env, identity, true)) return;
  if (overLimit.size >= MAX_MARKS) overLimit.clear();
  overLimit.set(identity.addressKey, Date.now() + RATE_LIMIT_PERIOD_SECONDS * 1000);
}

export const cachedGet: MiddlewareHandler<AppEnv> = async (c, next) => {
  const request = c.req.raw;
  // partners (any Authorization header: init verifies it) and other methods go the long way
  if (request.method !== 'GET' || request.headers.get('authorization')?.trim()) return next();
  const config = edgeConfig(c.env);
  const url = new URL(request.url);
  // what the route would refuse (414; a malformed `extensions` beside a documentId) is its to answer
  if (url.search.length > config.maxDocumentBytes) return next();
  if (url.searchParams.has('documentId') && url.searchParams.has('extensions')) return next();
  const hash = persistedHashOf(url);
  if (!hash) return next();
  const identity = clientIdentity(request, ANONYMOUS);
  if (identity.metered && knownOverLimit(identity.addressKey, Date.now())) return next();
  const key = await readCacheKey(request, url, hash, await currentDataVersion(c.env));
  if (!key) return next();
  const hit = await edgeCache().match(key);
  if (!hit) return next();
  if (identity.metered) c.executionCtx.waitUntil(countHit(c.env, identity));
  c.set('config', config);
  const bookmark = config.d1Sessions ? parseBookmark(request.headers.get('x-d1-bookmark')) : null;
  return hitResponse(hit, request, bookmark);
};
