/** GET /changes?since=<cursor>&limit=<n>: the change feed as NDJSON, for partners who sync by script. */
import { Hono } from 'hono';
import { changesSince, MAX_FEED_PAGE, parseCursor } from '../../db/writes/feed';
import { changeRecord } from '../../graphql/changes';
import type { AppEnv } from '../env';
import { refuse } from '../errors';

/**
 * One page of changes after `since`, one JSON object per line. `X-Next-Cursor` is where the next
 * call resumes; `X-Has-More: true` means call again at once.
 */
export const changesRoutes = new Hono<AppEnv>().get('/changes', async (c) => {
  const since = parseCursor(c.req.query('since'));
  const limit = Number(c.req.query('limit') ?? MAX_FEED_PAGE);
  if (since === null || !Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) {
    return refuse({
      status: 400,
      code: 'BAD_REQUEST',
      message: `Use ?since=<a cursor from this feed, or 0>&limit=<1–${MAX_FEED_PAGE}>.`,
    });
  }
  const page = await changesSince(c.var.db, since, limit);
  const cursor = String(page.changes.at(-1)?.id ?? since);
  return new Response(page.changes.map((ch) => `${JSON.stringify(changeRecord(ch))}\n`).join(''), {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'x-next-cursor': cursor,
      'x-has-more': String(page.hasMore),
    },
  });
});
