/** The GraphQL context: the request's services, built once per request by the HTTP layer. */
import DataLoader from 'dataloader';
import type { Viewer } from '../db/api-keys';
import type { D1Handle, Db } from '../db/client';
import type { Lang } from '../lib/lang';

/**
 * The kinds of client that limits and budgets tell apart, the one list, spelt as on the wire: the
 * `RateLimitClient` enum, `extensions.queryCost.client` and the configuration's keys alike.
 */
export const CLIENT_KINDS = {
  ANONYMOUS: 'A client without an API key, by address.',
  PARTNER: 'A client with a valid API key.',
} as const;

export type ClientKind = keyof typeof CLIENT_KINDS;

/** What the caller's budget looks like after this request (GitHub's `rateLimit`). */
export interface BudgetReport {
  client: ClientKind;
  cost: number;
  maxCost: number;
  limit: number;
  used: number;
  remaining: number;
  resetAt: string;
}

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
  /** the metering's view of this request; null where the request is not metered */
  budget(): BudgetReport | null;
  /** called each time a write batch commits, so the HTTP layer can retire cached reads */
  writeCommitted(): void;
  /** request-scoped DataLoaders created on first use, keyed by name */
  loaders: Map<string, DataLoader<unknown, unknown>>;
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

/**
 * `batch(db, keys)`'s answer for `key`, through the request's loader named `name`: every key asked
 * for in the same tick goes to the data layer in one call.
 */
export function loadBatched<Key, Value>(
  ctx: Context,
  name: string,
  batch: (db: Db, keys: readonly Key[]) => Promise<(Value | Error)[]>,
  key: Key,
): Promise<Value> {
  return loaderFor<Key, Value>(ctx, name, (keys) => batch(ctx.db, keys)).load(key);
}
