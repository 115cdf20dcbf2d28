/** The per-request context: the counted D1 handle, the language, nothing shared between requests. */
import DataLoader from 'dataloader';
import { Db } from './db/client';
import { type Lang, langFromAcceptLanguage } from './lib/lang';

export interface Context {
  db: Db;
  /** the default language of names, from Accept-Language (Persian when absent) */
  lang: Lang;
  requestId: string;
  /** request-scoped DataLoaders created on first use, keyed by name */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export interface ServerContext {
  env: CloudflareBindings;
  executionCtx: ExecutionContext;
}

/** `handle` is the request's D1 session when the route opened one (read replication). */
export function createContext(
  request: Request,
  env: CloudflareBindings,
  handle: D1Database | D1DatabaseSession = env.DB,
): Context {
  return {
    db: new Db(handle),
    lang: langFromAcceptLanguage(request.headers.get('accept-language')),
    requestId: request.headers.get('cf-ray') ?? crypto.randomUUID(),
    loaders: new Map(),
  };
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
