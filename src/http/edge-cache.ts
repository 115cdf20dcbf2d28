/**
 * The edge cache for persisted reads over GET (Cache API, per Cloudflare location). The key holds
 * the operation's hash, the data version, the language, the response media type and a digest of
 * the variables, so an entry is never served after a write (the version moved on) nor to a client
 * that asked for something else. Entries carry a content ETag; If-None-Match answers 304.
 */
import { canonicalJson, sha256Hex } from '../lib/hash';
import { langFromAcceptLanguage } from '../lib/lang';

/** The media type the response will have, which Yoga picks from Accept. */
function mediaType(request: Request): 'graphql-response' | 'json' {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/graphql-response+json') ? 'graphql-response' : 'json';
}

/** The cache key of a persisted GET read, or null when its variables are not valid JSON. */
export async function readCacheKey(
  request: Request,
  url: URL,
  hash: string,
  dataVersion: number,
): Promise<Request | null> {
  let variables: unknown = null;
  const text = url.searchParams.get('variables');
  if (text) {
    try {
      variables = JSON.parse(text);
    } catch {
      return null; // Yoga answers 400; nothing to cache
    }
  }
  const operationName = url.searchParams.get('operationName') ?? '';
  const lang = langFromAcceptLanguage(request.headers.get('accept-language'));
  const digest = await sha256Hex(`${operationName}\n${canonicalJson(variables)}`);
  // `final`: entries hold the hit's final body (issue 13); the older ones, which held the data
  // only, are never read, so a deploy serves no body of the old form
  const key = `${url.origin}/__edge-cache/graphql-final/${hash}/v${dataVersion}/${lang}/${mediaType(request)}/${digest}`;
  return new Request(key, { method: 'GET' });
}

/** The strong ETag of a result: a digest of its data, so unchanged data revalidates across writes. */
export async function etagOf(data: unknown): Promise<string> {
  return `"${(await sha256Hex(JSON.stringify(data))).slice(0, 32)}"`;
}

export function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** The Cache API's cache of this location. */
export function edgeCache(): Cache {
  // the cast: a test file's `vite/client` reference pulls in lib.dom, whose CacheStorage has no
  // `default`; in workerd it always exists
  return (caches as unknown as { default: Cache }).default;
}

/**
 * The body a hit answers with, written once when the read is cached: the data and the extensions
 * of a hit (no D1 work, `cache: "HIT"`), so that a hit streams it as stored.
 */
export function hitBody(data: unknown, requested: number | null): string {
  return JSON.stringify({
    data,
    extensions: {
      queryCost: { requested },
      cost: { d1Queries: 0, d1RowsRead: 0 },
      cache: 'HIT',
    },
  });
}

/**
 * The response to a hit: the stored body as it is, its content type and ETag, `no-cache` for the
 * client (the entry's own max-age is the edge's), or a 304 when If-None-Match names the ETag.
 */
export function hitResponse(hit: Response, request: Request, bookmark: string | null): Response {
  const etag = hit.headers.get('etag') ?? '';
  const headers = new Headers({
    'content-type': hit.headers.get('content-type') ?? 'application/json',
    etag,
    'cache-control': 'no-cache',
    'x-cache': 'HIT',
  });
  if (bookmark) headers.set('x-d1-bookmark', bookmark);
  if (matchesEtag(request, etag)) {
    void hit.body?.cancel();
    return new Response(null, { status: 304, headers });
  }
  return new Response(hit.body, { status: 200, headers });
}
