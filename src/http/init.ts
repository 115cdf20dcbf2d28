/**
 * The one init middleware: once per request it makes the request id, reads the configuration,
 * opens the D1 session, builds the counted D1 handle and resolves the caller. Every route reads
 * them from the context; nothing per-request is ever put on `env`.
 */
import type { MiddlewareHandler } from 'hono';
import { viewerOf } from '../db/api-keys';
import { Db } from '../db/client';
import { edgeConfig } from './config';
import type { AppEnv } from './env';
import { clientIdentity } from './identity';
import { parseBookmark, RequestSession } from './session';

export const init: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = edgeConfig(c.env);
  const session = config.d1Sessions
    ? new RequestSession(c.env.DB, parseBookmark(c.req.header('x-d1-bookmark') ?? null))
    : null;
  const db = new Db(session ?? c.env.DB);
  const viewer = await viewerOf(db, c.req.header('authorization') ?? null);
  c.set('requestId', c.req.header('cf-ray') ?? crypto.randomUUID());
  c.set('config', config);
  c.set('session', session);
  c.set('db', db);
  c.set('viewer', viewer);
  c.set('identity', clientIdentity(c.req.raw, viewer));
  await next();
};
