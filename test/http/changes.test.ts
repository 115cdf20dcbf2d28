// GET /changes: complete pages (changes after them) are cacheable with an ETag; the tail is
// revalidated every time; If-None-Match answers 304 until the page's bytes change.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CREATE_PROJECT, newProject, projectsKey } from '../graphql/partner-writes-helpers';
import { gqlData } from '../helpers';
import { bearer } from '../partner-keys';

const feed = (query: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://ostan.test/changes?${query}`, { headers });

async function head(): Promise<number> {
  const row = await env.DB.prepare('SELECT max(id) AS id FROM changes').first<{ id: number }>();
  return row?.id ?? 0;
}

async function commitWrite(slug: string) {
  const key = await projectsKey();
  const data = await gqlData<{ createProject: { __typename: string } }>(
    CREATE_PROJECT,
    { input: newProject(slug) },
    bearer(key),
  );
  expect(data.createProject.__typename).toBe('Project');
}

describe('/changes caching', () => {
  it('a complete page is cacheable, revalidates with 304 and stays the same after writes', async () => {
    const first = await feed('since=0&limit=10');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-has-more')).toBe('true');
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body = await first.text();
    expect(body.trim().split('\n')).toHaveLength(10);

    const notModified = await feed('since=0&limit=10', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe('public, max-age=3600');

    await commitWrite('changes-cache-complete');
    const again = await feed('since=0&limit=10');
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(body);
    // another page is another representation
    const other = await feed('since=10&limit=10');
    expect(other.headers.get('etag')).not.toBe(etag);
    await other.text();
  });

  it('the tail is revalidated every time, and a write changes its ETag', async () => {
    const since = (await head()) - 2;
    const tail = await feed(`since=${since}&limit=100`);
    expect(tail.headers.get('x-has-more')).toBe('false');
    expect(tail.headers.get('cache-control')).toBe('no-cache');
    const etag = tail.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await tail.text()).trim().split('\n')).toHaveLength(2);

    const unchanged = await feed(`since=${since}&limit=100`, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);

    await commitWrite('changes-cache-tail');
    const grown = await feed(`since=${since}&limit=100`, { 'if-none-match': etag });
    expect(grown.status).toBe(200);
    expect(grown.headers.get('etag')).not.toBe(etag);
    expect(await grown.text()).toContain('changes-cache-tail');
  });

  it('a full page at the head is not complete until a change follows it', async () => {
    const since = (await head()) - 2;
    const full = await feed(`since=${since}&limit=2`);
    expect(full.headers.get('x-has-more')).toBe('false');
    expect(full.headers.get('cache-control')).toBe('no-cache');
    const etag = full.headers.get('etag');
    await full.text();

    await commitWrite('changes-cache-full');
    const complete = await feed(`since=${since}&limit=2`);
    expect(complete.headers.get('x-has-more')).toBe('true');
    expect(complete.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(complete.headers.get('etag')).not.toBe(etag);
    await complete.text();
  });

  it('an empty tail past the head has an ETag too', async () => {
    const since = await head();
    const empty = await feed(`since=${since}`);
    expect(empty.headers.get('cache-control')).toBe('no-cache');
    expect(await empty.text()).toBe('');
    const etag = empty.headers.get('etag') ?? '';
    expect((await feed(`since=${since}`, { 'if-none-match': etag })).status).toBe(304);
  });
});
