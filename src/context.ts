/** The per-request context: the counted D1 handle, the language, the viewer; nothing shared. */
import DataLoader from 'dataloader';
import { type D1Handle, Db } from './db/client';
import { type ApiKey, apiKeyByHash } from './db/writes/api-keys';
import { bearerKey, hashKey, KEY_PATTERN } from './lib/api-keys';
import { type Lang, langFromAcceptLanguage } from './lib/lang';

/**
 * Who is calling. Reads are public, so a missing or bad key is not an error by itself: the
 * mutations refuse it (ForbiddenError) and say which of these it was.
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: 'malformed' | 'unknown' | 'revoked' }
  | { kind: 'key'; key: ApiKey };

export interface Context {
  db: Db;
  /**
   * The request's D1 handle (its session, when the route opened one) for write batches
   * (src/db/writes): writes then count in the bookmark the response returns. Reads use `db`.
   */
  d1: D1Handle;
  /** the default language of names, from Accept-Language (Persian when absent) */
  lang: Lang;
  requestId: string;
  viewer: Viewer;
  /** request-scoped DataLoaders created on first use, keyed by name */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export interface ServerContext {
  env: CloudflareBindings;
  executionCtx: ExecutionContext;
}

/** `handle` is the request's D1 session when the route opened one (read replication). */
export async function createContext(
  request: Request,
  env: CloudflareBindings,
  handle: D1Handle = env.DB,
): Promise<Context> {
  const db = new Db(handle);
  return {
    db,
    d1: handle,
    lang: langFromAcceptLanguage(request.headers.get('accept-language')),
    requestId: request.headers.get('cf-ray') ?? crypto.randomUUID(),
    viewer: await viewerOf(db, request.headers.get('authorization')),
    loaders: new Map(),
  };
}

/** Resolves `Authorization: Bearer <key>`; costs one D1 query only when the header is sent. */
export async function viewerOf(db: Db, authorization: string | null): Promise<Viewer> {
  const key = bearerKey(authorization);
  if (key === undefined) return { kind: 'anonymous' };
  if (key === null || !KEY_PATTERN.test(key)) return { kind: 'invalid', reason: 'malformed' };
  const found = await apiKeyByHash(db, await hashKey(key));
  if (!found) return { kind: 'invalid', reason: 'unknown' };
  if (found.revoked) return { kind: 'invalid', reason: 'revoked' };
  return { kind: 'key', key: found };
}

/** The request's DataLoader named `name`, created with `batch` on first use. */
export function loaderFor<Key, Value>(
  ctx: Context,
  name: string,
  batch: (keys: readonly Key[]) => Promise<(Value | Error)[]>,
): DataLoader<Key, Value> {
  let loader = ctx.loaders.get(name) as DataLoader<Key, Value> | undefined;
  if (!loader) {
    // batches stay far below D1 limits because keys travel as one JSON array parameter
    loader = new DataLoader<Key, Value>(batch, { maxBatchSize: 1000 });
    ctx.loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
