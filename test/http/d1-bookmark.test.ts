// Every route answers with the D1 session's bookmark (src/http/init.ts), so a client that sends
// `x-d1-bookmark` back, on any route, reads at least what it wrote. The routes are the app
// router's (test/routes.ts), so a route added later is covered without an edit.
import { describe, expect, it } from 'vitest';
import { appRoutes, routeRequest as request, sendToApp } from '../routes';

const send = (req: Request, vars: Record<string, unknown> = {}) =>
  sendToApp(req, { D1_SESSIONS: 'true', ...vars });

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** A bookmark D1 gave: the one a read of the status route answers with. */
async function givenBookmark(): Promise<string> {
  const bookmark = (await send(request('GET', '/status'))).headers.get('x-d1-bookmark');
  expect(bookmark).toMatch(BOOKMARK);
  return bookmark as string;
}

describe('x-d1-bookmark on every route', () => {
  it.each(appRoutes)(
    '$name: the session’s bookmark, at or after the one sent',
    async ({ method, path }) => {
      const sent = await givenBookmark();
      const response = await send(request(method, path, { 'x-d1-bookmark': sent }));
      expect(response.status).toBeLessThan(400);
      const back = response.headers.get('x-d1-bookmark');
      expect(back).toMatch(BOOKMARK);
      // bookmarks order as strings: a later state has a greater bookmark
      expect((back as string) >= sent).toBe(true);
    },
  );

  it('a refused credential answers with none: no session was opened', async () => {
    const sent = await givenBookmark();
    const denied = await send(
      request('POST', '/graphql', { 'x-d1-bookmark': sent, authorization: 'Bearer junk' }),
    );
    expect(denied.status).toBe(401);
    expect(denied.headers.get('x-d1-bookmark')).toBeNull();
  });

  it('none when sessions are off', async () => {
    const response = await send(request('GET', '/status'), { D1_SESSIONS: 'false' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-d1-bookmark')).toBeNull();
  });
});
