// A nested page reads within a bound however many rows its parent has and however few match
// (src/db/child-pages.ts): a parent with its own index reads or walks it, any other sorts its own
// rows when they are no more than a walk and otherwise walks the order's index. Here qom-city
// and the footwear sector get 2,100 planned projects whose English names sort first, so their
// operational projects by NAME lie beyond several walks, as do a large source's claims by date.
// Paged through every route, forward and backward, each parent's list is exactly what the table
// holds, and no page reads more than it was priced at.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { walkLimit } from '../../src/db/pagination';
import { addPlannedProjects, addSyntheticProjects } from '../factories';
import { anonymousData, type Connection, type GraphQLResponse } from '../helpers';

const ADDED = 2_100;

async function anonymous(query: string, variables: Record<string, unknown>) {
  const { data, cost } = await anonymousData<Record<string, Record<string, Connection>>>(
    query,
    variables,
  );
  // never more than priced, whatever the route
  expect(cost.d1RowsRead).toBeLessThanOrEqual(cost.d1RowsEstimated);
  const [parent] = Object.values(data ?? {});
  return { parent, cost };
}

/** A parent's nested list, paged forward or backward to its end; its items in list order. */
async function pageThrough(
  parent: string,
  slug: string,
  list: string,
  args: string,
  backward: boolean,
  size = 5,
): Promise<{ slugs: string[]; short: number }> {
  const query = `query ($first: Int, $last: Int, $after: String, $before: String) {
    ${parent}(slug: "${slug}") {
      ${list}(${args}, first: $first, last: $last, after: $after, before: $before) {
        nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }`;
  const slugs: string[] = [];
  let cursor: string | null = null;
  let short = 0;
  for (let n = 0; n < 200; n += 1) {
    const variables = backward ? { last: size, before: cursor } : { first: size, after: cursor };
    const { parent: found } = await anonymous(query, variables);
    const connection = found?.[list] as Connection;
    const page = connection.nodes.map((node) => node.slug);
    if (backward) slugs.unshift(...page);
    else slugs.push(...page);
    const more = backward ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage;
    if (!more) return { slugs, short };
    if (page.length < size) short += 1;
    cursor = backward ? connection.pageInfo.startCursor : connection.pageInfo.endCursor;
    expect(cursor).not.toBeNull();
  }
  throw new Error(`${parent} ${slug}: more than 200 pages`);
}

/** The slugs of a table's rows under a condition, in an order, straight from the table. */
async function expected(sql: string, ...params: (string | number)[]): Promise<string[]> {
  const rows = await env.DB.prepare(sql)
    .bind(...params)
    .all<{ slug: string }>();
  return rows.results.map((row) => row.slug);
}

const OPERATIONAL_BY_NAME = 'filter: { status: [OPERATIONAL] }, orderBy: { field: NAME, lang: EN }';

/** Operational projects of a region's or sector's subtree by English name, from the table. */
function operationalIn(tree: 'regions' | 'sectors', slug: string, desc = false) {
  const column = tree === 'regions' ? 'region_id' : 'sector_id';
  const direction = desc ? 'DESC' : 'ASC';
  return expected(
    `WITH RECURSIVE d(id) AS (SELECT id FROM ${tree} WHERE slug = ? UNION ALL SELECT x.id FROM ${tree} x JOIN d ON x.parent_id = d.id)
     SELECT slug FROM projects WHERE ${column} IN (SELECT id FROM d) AND status = 'operational'
     ORDER BY name_en ${direction}, id ${direction}`,
    slug,
  );
}

describe('nested walks', () => {
  // every route: the country and a province (their own index, walked), a region below a county
  // and a sector with more rows than a walk (the order's walk), a sector with few (a bounded sort)
  const parents = [
    { parent: 'region', tree: 'regions', slug: 'iran' },
    { parent: 'region', tree: 'regions', slug: 'qom' },
    { parent: 'region', tree: 'regions', slug: 'qom-city' },
    { parent: 'sector', tree: 'sectors', slug: 'footwear' },
    { parent: 'sector', tree: 'sectors', slug: 'industry' },
    { parent: 'sector', tree: 'sectors', slug: 'tourism' },
  ] as const;

  it.each(parents)(
    '$parent $slug: a sparse filter pages forward and backward to exactly its rows',
    async ({ parent, tree, slug }) => {
      await addPlannedProjects(ADDED);
      const forward = await pageThrough(parent, slug, 'projects', OPERATIONAL_BY_NAME, false);
      expect(forward.slugs).toEqual(await operationalIn(tree, slug));
      const backward = await pageThrough(parent, slug, 'projects', OPERATIONAL_BY_NAME, true);
      expect(backward.slugs).toEqual(forward.slugs);
      if (slug !== 'tourism') {
        // the 2,100 planned projects come first: walks stopped short with more to come
        expect(forward.short).toBeGreaterThanOrEqual(Math.floor(ADDED / walkLimit(5)) - 1);
      }
    },
    120_000,
  );

  it('a sector with few rows gives full pages: its rows are sorted, not walked', async () => {
    await addPlannedProjects(ADDED);
    const want = await operationalIn('sectors', 'tourism');
    expect(want.length).toBeGreaterThan(0);
    const { slugs, short } = await pageThrough(
      'sector',
      'tourism',
      'projects',
      OPERATIONAL_BY_NAME,
      false,
      1,
    );
    expect(slugs).toEqual(want);
    expect(short).toBe(0);
  });

  it("a source's claims by date: a large source walks the order, a small one sorts its own", async () => {
    // 110 projects × 3 claims each: 330 claims of test-synthetic, more than a walk of 5
    await addSyntheticProjects(110, 3);
    const small = await env.DB.prepare(
      `SELECT s.slug FROM sources s WHERE s.slug <> 'test-synthetic'
       AND (SELECT count(*) FROM claims c WHERE c.source_id = s.id) BETWEEN 3 AND 50
       ORDER BY s.id LIMIT 1`,
    ).first<{ slug: string }>();
    expect(small).not.toBeNull();
    for (const slug of ['test-synthetic', small?.slug ?? '']) {
      const want = await expected(
        `SELECT c.slug FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.slug = ?
         ORDER BY (c.as_of IS NULL), c.as_of, c.id`,
        slug,
      );
      expect(want.length).toBeGreaterThan(0);
      const forward = await pageThrough(
        'source',
        slug,
        'claims',
        'orderBy: { field: AS_OF }',
        false,
      );
      expect(forward.slugs).toEqual(want);
      const backward = await pageThrough(
        'source',
        slug,
        'claims',
        'orderBy: { field: AS_OF }',
        true,
      );
      expect(backward.slugs).toEqual(want);
    }
  }, 120_000);

  // a subject's claims by date read its own index in that order (migration 0023): the province
  // overview's `claims(preferredOnly, AS_OF desc)` about Qom, every page within its price
  it.each([
    { args: 'orderBy: { field: AS_OF, direction: DESC }', order: 'DESC', preferred: false },
    {
      args: 'filter: { preferredOnly: true }, orderBy: { field: AS_OF, direction: DESC }',
      order: 'DESC',
      preferred: true,
    },
    { args: 'orderBy: { field: AS_OF }', order: 'ASC', preferred: false },
  ])(
    "a region's claims by date ($args) page through its own index",
    async ({ args, order, preferred }) => {
      const want = await expected(
        `SELECT c.slug FROM claims c JOIN regions r ON r.id = c.subject_id
       WHERE c.subject_kind = 'region' AND r.slug = ? ${preferred ? 'AND c.preferred = 1' : ''}
       ORDER BY (c.as_of IS NULL), c.as_of ${order}, c.id ${order}`,
        'qom',
      );
      expect(want.length).toBeGreaterThan(5);
      for (const backward of [false, true]) {
        const { slugs } = await pageThrough('region', 'qom', 'claims', args, backward);
        expect(slugs).toEqual(want);
      }
    },
  );

  it('counts within a walk of the parent, and says when that made the count a lower bound', async () => {
    await addPlannedProjects(ADDED);
    const count = `query ($slug: String!) {
      sector(slug: $slug) {
        projects(filter: { status: [OPERATIONAL] }, first: 1) { totalCount totalCountIsExact }
      }
    }`;
    // the footwear sector's first rows (in id order) are not its 2,100 added ones: its operational
    // projects are counted, but past the walk it cannot say there are no more
    const large = await anonymous(count, { slug: 'footwear' });
    expect(large.parent?.projects?.totalCountIsExact).toBe(false);
    expect(large.parent?.projects?.totalCount).toBeLessThanOrEqual(
      (await operationalIn('sectors', 'footwear')).length,
    );
    // a sector with fewer rows than the walk: exact
    const small = await anonymous(count, { slug: 'tourism' });
    expect(small.parent?.projects?.totalCountIsExact).toBe(true);
    expect(small.parent?.projects?.totalCount).toBe(
      (await operationalIn('sectors', 'tourism')).length,
    );
  });

  it('reads what it was priced at for a hundred parents of each kind at once, or is refused before reading', async () => {
    await addPlannedProjects(ADDED);
    await addSyntheticProjects(110, 3);
    for (const query of [
      '{ sectors(first: 100) { nodes { projects(orderBy: { field: STARTED_ON }, first: 1) { totalCount nodes { slug } } } } }',
      `{ sectors(first: 100) { nodes { projects(${OPERATIONAL_BY_NAME}, first: 3) { totalCount nodes { slug } } } } }`,
      `{ regions(first: 100) { nodes { projects(${OPERATIONAL_BY_NAME}, first: 3) { totalCount nodes { slug } } } } }`,
      '{ sources(first: 100) { nodes { claims(orderBy: { field: VALUE, direction: DESC }, first: 5) { totalCount nodes { slug } } } } }',
      '{ indicators(first: 100) { nodes { claims(filter: { synthetic: false }, orderBy: { field: AS_OF }, first: 2) { nodes { slug } } } } }',
    ]) {
      const { cost } = await anonymous(query, {});
      expect(cost.d1RowsRead).toBeGreaterThan(0);
    }
    // each of a hundred sources may hold more claims than a walk: priced at its walks, which a
    // larger page takes past the request's limit, so it is refused before it reads them
    const response = await exports.default.fetch('http://ostan.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
      body: JSON.stringify({
        query:
          '{ sources(first: 100) { nodes { claims(orderBy: { field: VALUE }, first: 25) { totalCount nodes { slug } } } } }',
      }),
    });
    const body = (await response.json()) as GraphQLResponse<unknown>;
    expect(body.errors?.[0]?.extensions?.code).toBe('ROWS_LIMIT_EXCEEDED');
    expect(body.errors?.[0]?.message).toMatch(/ask for smaller pages/);
    const cost = body.extensions?.cost as unknown as { d1RowsRead: number };
    // the sources' page and the statistics it was priced from, not the claims
    expect(cost.d1RowsRead).toBeLessThan(200);
  }, 120_000);
});
