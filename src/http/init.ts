/**
 * The one init middleware: once per request it reads the configuration, opens the D1 session,
 * builds the counted D1 handle and resolves the caller. Every route reads them from the context;
 * nothing per-request is ever put on `env`. A credential that does not verify is answered here,
 * before any route, limit or budget sees the request. After the route, every response gets the
 * session's bookmark (`x-d1-bookmark`).
 */
import type { MiddlewareHandler } from 'hono';
import { viewerOf } from '../db/api-keys';
import { Db } from '../db/client';
import { edgeConfig } from './config';
import type { AppEnv } from './env';
import { refusalShape, refuse } from './errors';
import { clientIdentity } from './identity';
import { parseBookmark, RequestSession } from './session';

/** What a 401 says for each way a credential fails; RFC 6750 names them all `invalid_token`. */
const INVALID_CREDENTIAL = {
  malformed: 'The Authorization header must be `Bearer <key>` with an Ostan API key.',
  unknown: 'This API key is not valid.',
  revoked: 'This API key has been revoked.',
} as const;

export const init: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = edgeConfig(c.env);
  c.set('config', config);
  const session = config.d1Sessions
    ? new RequestSession(c.env.DB, parseBookmark(c.req.header('x-d1-bookmark') ?? null))
    : null;
  const db = new Db(session ?? c.env.DB);
  // an empty header is no credential: clients commonly send `authorization: ''` without a token
  const viewer = await viewerOf(db, c.req.header('authorization')?.trim() || null);
  if (viewer.kind === 'invalid') {
    return refuse(
      {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: `${INVALID_CREDENTIAL[viewer.reason]} Send no Authorization header to read anonymously.`,
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      },
      refusalShape(c.req.path),
    );
  }
  c.set('session', session);
  c.set('db', db);
  c.set('viewer', viewer);
  c.set('identity', clientIdentity(c.req.raw, viewer));
  await next();
  // every route answers with the session's bookmark (the client's own when nothing ran), so a
  // client that sends it back, on any route, reads at least what it wrote
  const after = session?.getBookmark();
  if (after) c.res.headers.set('x-d1-bookmark', after);
};
