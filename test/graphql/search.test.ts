// search(text) through GraphQL: one normalisation for Persian spellings, typed hits, clear errors.
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';

type Hits = { search: { kind: string; node: { __typename: string; slug: string } }[] };
const query = `query ($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    kind rank
    node { __typename ... on Sector { slug } ... on Project { slug } ... on Claim { slug } ... on Region { slug }
      ... on EnergyAsset { slug } ... on Source { slug } ... on Indicator { slug } ... on Plan { slug } }
  }
}`;

const search = async (text: string, first = 50) =>
  (await gqlData<Hits>(query, { text, first })).search.map(
    (hit) => `${hit.kind.toLowerCase()}:${hit.node.slug}`,
  );

describe('search', () => {
  it('finds the same things for «پروژه‌ها», «پروژهها» and «پروژه ها»', async () => {
    const zwnj = await search('پروژه\u200Cها');
    expect(zwnj.length).toBeGreaterThan(0);
    expect(await search('پروژهها')).toEqual(zwnj);
    expect(await search('پروژه ها')).toEqual(zwnj);
  });

  it('finds «کفش» from Arabic kaf «كفش», footwear first', async () => {
    const hits = await search('كفش');
    expect(hits).toContain('sector:footwear');
    expect(hits).toContain('project:footwear-chain');
  });

  it('finds 565 from Persian digits «۵۶۵»', async () => {
    expect(await search('۵۶۵')).toContain('claim:c006');
  });

  it('finds English text case-insensitively and returns typed nodes', async () => {
    const { search: hits } = await gqlData<Hits>(query, { text: 'RAZZAQ' });
    expect(hits[0]).toMatchObject({
      kind: 'ENERGY_ASSET',
      node: { __typename: 'EnergyAsset', slug: 'razzaq-solar' },
    });
  });

  it.each([
    ['SQL metacharacters', "'; DROP TABLE projects; --"],
    ['FTS syntax', 'qom OR "solar" NEAR(*)'],
    ['invalid UTF-16', 'کفش\uD800'],
  ])('treats %s as text, never as syntax', async (_name, text) => {
    const { body } = await gql(query, { text });
    expect(body.errors).toBeUndefined();
    expect((body.data as Hits).search.length).toBeLessThan(50);
    const still = await gqlData<{ projects: { totalCount: number } }>(
      '{ projects { totalCount } }',
    );
    expect(still.projects.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['a 10 KB text', { text: 'ک'.repeat(10_000) }, 'text'],
    ['a text shorter than a trigram («قم»)', { text: 'قم' }, 'text'],
    ['first: 0', { text: 'قم', first: 0 }, 'first'],
    ['first: 1000', { text: 'قم', first: 1000 }, 'first'],
  ])('refuses %s, naming the argument', async (_name, variables, argument) => {
    const { body } = await gql(query, variables);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});

describe('searchConnection', () => {
  type Page = {
    searchConnection: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: { kind: string; node: { id: string } } }[];
    };
  };
  const pageQuery = `query ($text: String!, $first: Int, $after: String) {
    searchConnection(text: $text, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { kind node { ... on Node { id } } } }
    }
  }`;
  const ids = (page: Page) =>
    page.searchConnection.edges.map((edge) => `${edge.node.kind}:${edge.node.node.id}`);
  const listIds = async (text: string, first: number) =>
    (
      await gqlData<{ search: { kind: string; node: { id: string } }[] }>(
        `query ($text: String!, $first: Int) { search(text: $text, first: $first) { kind node { ... on Node { id } } } }`,
        { text, first },
      )
    ).search.map((hit) => `${hit.kind}:${hit.node.id}`);

  it('pages through the same hits as the deprecated list, in the same order, with a total', async () => {
    const text = 'خورشیدی';
    const one = await gqlData<Page>(pageQuery, { text, first: 2 });
    expect(one.searchConnection.pageInfo.hasNextPage).toBe(true);
    const two = await gqlData<Page>(pageQuery, {
      text,
      first: 2,
      after: one.searchConnection.pageInfo.endCursor,
    });
    expect([...ids(one), ...ids(two)]).toEqual(await listIds(text, 4));
    const all = await listIds(text, 100);
    expect(all.length).toBeGreaterThan(4);
    expect(all.length).toBeLessThan(100);
    expect(one.searchConnection.totalCount).toBe(all.length);
    expect(two.searchConnection.totalCount).toBe(all.length);
  });

  it('ends with hasNextPage false on the last page', async () => {
    const all = await listIds('razzaq', 100);
    const page = await gqlData<Page>(pageQuery, { text: 'razzaq', first: 100 });
    expect(ids(page)).toEqual(all);
    expect(page.searchConnection.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    { name: 'first: 0', variables: { text: 'قم', first: 0 }, message: /`first` must be between 1/ },
    { name: 'first: 101', variables: { text: 'قم', first: 101 }, message: /`first`/ },
    { name: 'a made-up cursor', variables: { text: 'قم', after: 'nope' }, message: /`after`/ },
  ])('refuses $name, naming the argument', async ({ variables, message }) => {
    const { status, body } = await gql(pageQuery, variables);
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it("refuses a projects list's cursor", async () => {
    const projects = await gqlData<{ projects: { pageInfo: { endCursor: string } } }>(
      '{ projects(first: 1) { pageInfo { endCursor } } }',
    );
    const { body } = await gql(pageQuery, {
      text: 'قم',
      after: projects.projects.pageInfo.endCursor,
    });
    expect(body.errors?.[0]?.message).toMatch(/`after` is not a valid cursor for this search/);
  });
});
