/**
 * The /graphql route: the document size limit, the edge cache for persisted GET reads, then Yoga
 * (the request rate limits are src/http/route-metering.ts's, for every route); afterwards the
 * data version moves on if a write committed, and the response carries x-ratelimit-*
 * (x-request-id and x-d1-bookmark are every response's: src/http/request-id.ts, src/http/init.ts).
 */
import { Hono, type Context as HonoContext, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { langFromAcceptLanguage } from '../../lib/lang';
import { advanceDataVersion, currentDataVersion } from '../data-version';
import { budgetReport, type RequestEdge } from '../edge';
import { edgeCache, etagOf, hitBody, hitResponse, matchesEtag, readCacheKey } from '../edge-cache';
import type { AppEnv } from '../env';
import { refuse } from '../errors';
import { persistedHashOf } from '../persisted';
import { yogaFor } from '../yoga';

type Env = AppEnv;

function isJsonObject(text: string): boolean {
  if (text === '') return true;
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}

/**
 * POST bodies above MAX_DOCUMENT_BYTES get a 413 and are read no further. Requests with a verified
 * key (the init middleware refused any other credential) may send up to MAX_KEYED_BODY_BYTES,
 * since bulk imports carry up to 500 rows as variables; the document itself is still held to the
 * token limit.
 */
const graphqlBodyLimit: MiddlewareHandler<Env> = (c, next) => {
  const config = c.var.config;
  const keyed = c.var.identity.kind === 'PARTNER';
  const maxSize = keyed ? config.maxKeyedBodyBytes : config.maxDocumentBytes;
  return bodyLimit({
    maxSize,
    onError: () =>
      refuse(
        {
          status: 413,
          code: 'DOCUMENT_TOO_LARGE',
          message: `Request body larger than ${maxSize} bytes.`,
        },
        'graphql',
      ),
  })(c, next);
};

async function handleGraphQL(c: HonoContext<Env>): Promise<Response> {
  const { env } = c;
  const { config, identity, requestId, session, db, viewer } = c.var;
  const request = c.req.raw;
  const url = new URL(request.url);

  if (request.method === 'GET' && url.search.length > config.maxDocumentBytes) {
    return refuse(
      {
        status: 414,
        code: 'DOCUMENT_TOO_LARGE',
        message: `Query string longer than ${config.maxDocumentBytes} bytes.`,
      },
      'graphql',
    );
  }

  // Yoga answers unparsable JSON in a GET's parameters with a 500: it is the client's mistake
  if (request.method === 'GET') {
    for (const name of ['variables', 'extensions']) {
      const value = url.searchParams.get(name);
      if (value !== null && !isJsonObject(value)) {
        return refuse(
          { status: 400, code: 'BAD_REQUEST', message: `\`${name}\` must be a JSON object.` },
          'graphql',
        );
      }
    }
  }

  const edge: RequestEdge = { config, identity, requestId, session, wrote: false };
  const run = async () =>
    yogaFor(config).fetch(request, {
      env,
      executionCtx: c.executionCtx,
      edge,
      db,
      d1: session ?? env.DB,
      lang: langFromAcceptLanguage(request.headers.get('accept-language')),
      requestId,
      viewer,
      budget: () => budgetReport(edge),
      writeCommitted: () => {
        edge.wrote = true;
      },
      loaders: new Map(),
    });

  const hash = request.method === 'GET' ? persistedHashOf(url) : null;
  const response = hash ? await cachedRead(c, url, hash, edge, run) : await run();

  if (response.status === 415 && !response.headers.get('content-type')) {
    return refuse(
      {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message:
          'Unsupported content type: POST application/json (or application/graphql+json), or use GET.',
      },
      'graphql',
    );
  }
  const headers = new Headers(response.headers);
  // a write committed: cached reads made before it must not be served after this response
  if (edge.wrote) await advanceDataVersion(env);
  if (edge.budget) {
    headers.set('x-ratelimit-limit', String(edge.budget.limit));
    headers.set('x-ratelimit-remaining', String(edge.budget.remaining));
    headers.set('x-ratelimit-used', String(edge.budget.used));
    headers.set('x-ratelimit-reset', String(Math.ceil(Date.parse(edge.budget.resetAt) / 1000)));
    headers.set('x-ratelimit-resource', 'cost');
  }
  return new Response(response.body, { status: response.status, headers });
}

interface ResultBody {
  data?: unknown;
  errors?: unknown[];
  extensions?: Record<string, unknown>;
}

/**
 * A persisted GET read through the edge cache: a hit runs no GraphQL and touches no D1. Most hits
 * never get here (src/http/cached-get.ts answers them before any middleware); this path serves
 * the others (a partner's, an address the fast path left to the rate limiter) and caches misses.
 */
async function cachedRead(
  c: HonoContext<Env>,
  url: URL,
  hash: string,
  edge: RequestEdge,
  run: () => Promise<Response>,
): Promise<Response> {
  const request = c.req.raw;
  const key = await readCacheKey(request, url, hash, await currentDataVersion(c.env));
  if (!key) return run();
  const cache = edgeCache();
  const hit = await cache.match(key);
  if (hit) return hitResponse(hit, request, null);

  const response = await run();
  if (response.status !== 200) return response;
  const text = await response.text();
  const body = JSON.parse(text) as ResultBody;
  if (body.errors) return new Response(text, response);
  const etag = await etagOf(body.data);
  const contentType = response.headers.get('content-type') ?? 'application/json';
  c.executionCtx.waitUntil(
    cache.put(
      key,
      new Response(hitBody(body.data, edge.cost ?? null), {
        headers: {
          'content-type': contentType,
          etag,
          'cache-control': `public, max-age=${edge.config.cacheTtlSeconds}`,
        },
      }),
    ),
  );
  const headers = new Headers(response.headers);
  headers.set('etag', etag);
  headers.set('cache-control', 'no-cache');
  headers.set('x-cache', 'MISS');
  if (matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
  body.extensions = { ...body.extensions, cache: 'MISS' };
  return new Response(JSON.stringify(body), { status: 200, headers });
}

/** /graphql: the size limits, the edge cache and Yoga (CORS is every route's: src/http/cors.ts). */
export const graphqlRoutes = new Hono<AppEnv>()
  .use('/graphql', graphqlBodyLimit)
  .on(['GET', 'POST'], '/graphql', handleGraphQL);
