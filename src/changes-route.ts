/** GET /changes?since=<cursor>&limit=<n>: the change feed as NDJSON, for partners who sync by script. */
import { Db } from './db/client';
import type { ChangeRow } from './db/writes/engine';
import { ENTITIES } from './db/writes/entities';
import { changesSince, MAX_FEED_PAGE, parseCursor } from './db/writes/feed';
import { encodeGlobalId } from './lib/global-id';

/** One change as a line of the feed: the same fields as the GraphQL `Change` type. */
export function changeLine(change: ChangeRow) {
  return {
    cursor: String(change.id),
    op: change.op,
    entity: change.entity,
    objectId: encodeGlobalId(ENTITIES[change.entity].typename, change.entityId),
    entityId: change.entityId,
    version: change.version,
    committedAt: change.committedAt,
    data: change.data,
  };
}

/**
 * One page of changes after `since`, one JSON object per line. `X-Next-Cursor` is where the next
 * call resumes; `X-Has-More: true` means call again at once.
 */
export async function handleChanges(request: Request, env: CloudflareBindings): Promise<Response> {
  const url = new URL(request.url);
  const since = parseCursor(url.searchParams.get('since'));
  const limit = Number(url.searchParams.get('limit') ?? MAX_FEED_PAGE);
  if (since === null || !Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) {
    return Response.json(
      { error: `Use ?since=<a cursor from this feed, or 0>&limit=<1–${MAX_FEED_PAGE}>.` },
      { status: 400 },
    );
  }
  const page = await changesSince(new Db(env.DB), since, limit);
  const cursor = String(page.changes.at(-1)?.id ?? since);
  return new Response(page.changes.map((c) => `${JSON.stringify(changeLine(c))}\n`).join(''), {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'x-next-cursor': cursor,
      'x-has-more': String(page.hasMore),
    },
  });
}
