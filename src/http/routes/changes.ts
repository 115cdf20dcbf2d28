/** GET /changes?since=<cursor>&limit=<n>: the change feed as NDJSON, for partners who sync by script. */
import { Hono } from 'hono';
import { changesSince, MAX_FEED_PAGE, parseCursor } from '../../db/writes/feed';
import { changeRecord } from '../../graphql/changes';
import { etagOf, matchesEtag } from '../edge-cache';
import type { AppEnv } from '../env';
import { refuse } from '../errors';

/**
 * How long a complete page may be reused. Its rows never change, since the feed only grows, so
 * the limit is there only for a D1 Time Travel restore, which takes ids back (README, "The change
 * feed").
 */
const COMPLETE_PAGE_MAX_AGE = 3600;

/**
 * One page of changes after `since`, one JSON object per line. `X-Next-Cursor` is where the next
 * call resumes; `X-Has-More: true` means call again at once. A page with changes after it is
 * complete: its rows and headers are final, so it may be cached. The tail (no change after it
 * yet) is revalidated every time; both answer `If-None-Match` with 304.
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
  const body = page.changes.map((ch) => `${JSON.stringify(changeRecord(ch))}\n`).join('');
  const headers = {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'x-next-cursor': cursor,
    'x-has-more': String(page.hasMore),
    etag: await etagOf([page.hasMore, body]),
    'cache-control': page.hasMore ? `public, max-age=${COMPLETE_PAGE_MAX_AGE}` : 'no-cache',
  };
  if (matchesEtag(c.req.raw, headers.etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
});
