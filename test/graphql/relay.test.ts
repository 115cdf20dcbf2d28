// Relay conventions: global IDs, node/nodes, cursor connections, and clear errors for bad input.
import { type GraphQLObjectType, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../src/db/pagination';
import { schema } from '../../src/graphql/index';
import { toConnection } from '../../src/graphql/lists';
import { gql, gqlData } from '../helpers';

describe('global IDs and node lookups', () => {
  it('refetches every kind of object through node(id) with the same ID', async () => {
    const data = await gqlData<Record<string, { id: string; slug: string }>>(`{
      region(slug: "qom") { id slug }
      sector(slug: "footwear") { id slug }
      project(slug: "ava-hotel") { id slug }
      energyAsset(slug: "razzaq-solar") { id slug }
      plan(slug: "qom-four-year-plan") { id slug }
      planTarget(slug: "revive-65-more-units") { id slug }
      indicator(slug: "jobs_created") { id slug }
      claim(slug: "c006") { id slug }
      source(slug: "mehr-2025-08-23-seed") { id slug }
    }`);
    const ids = Object.values(data).map((entity) => entity.id);
    const { nodes } = await gqlData<{ nodes: { __typename: string; id: string; slug?: string }[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Region { slug } ... on Sector { slug } ... on Project { slug } ... on EnergyAsset { slug }
        ... on Plan { slug } ... on PlanTarget { slug } ... on Indicator { slug } ... on Claim { slug } ... on Source { slug } } }`,
      { ids },
    );
    expect(nodes.map((node) => [node.__typename, node.slug, node.id])).toEqual(
      Object.entries(data).map(([field, entity]) => [
        field.charAt(0).toUpperCase() + field.slice(1),
        entity.slug,
        entity.id,
      ]),
    );
  });

  it('returns null for an ID of the right shape that names nothing', async () => {
    const missing = btoa('Region:999999').replace(/=+$/, '');
    expect(await gqlData(`{ node(id: "${missing}") { id } }`)).toEqual({ node: null });
  });

  it.each([
    ['not base64 at all', '***'],
    ['base64 without a type', btoa('12345')],
    ['an unknown type', btoa('Spaceship:1')],
    ['a non-numeric local id', btoa('Region:abc')],
    ['an empty string', ''],
    ['a huge string', 'A'.repeat(5000)],
  ])('refuses a malformed global ID (%s) with a clear error, not a 500', async (_name, id) => {
    const { status, body } = await gql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(status).toBe(200);
    expect(body.data).toEqual({ node: null });
    expect(body.errors?.[0]?.message).toMatch(/global ID|Spaceship/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('gives null, without an error, for unknown slugs', async () => {
    const { body } = await gql('{ region(slug: "atlantis") { id } project(slug: "nope") { id } }');
    expect(body).toEqual(expect.objectContaining({ data: { region: null, project: null } }));
    expect(body.errors).toBeUndefined();
  });
});

describe('cursor connections', () => {
  const page = `totalCount totalCountIsExact pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug }`;

  it('walks a list forward and back with stable cursors and a total', async () => {
    type Page = {
      claims: {
        totalCount: number;
        totalCountIsExact: boolean;
        pageInfo: {
          hasNextPage: boolean;
          hasPreviousPage: boolean;
          startCursor: string;
          endCursor: string;
        };
        nodes: { slug: string }[];
      };
    };
    const first = await gqlData<Page>(`{ claims(first: 3) { ${page} } }`);
    // 150 claims: the count stops at 100 and says so
    expect(first.claims.totalCount).toBe(100);
    expect(first.claims.totalCountIsExact).toBe(false);
    expect(first.claims.nodes.map((n) => n.slug)).toEqual(['c001', 'c002', 'c003']);
    expect(first.claims.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const second = await gqlData<Page>(
      `query ($after: String) { claims(first: 3, after: $after) { ${page} } }`,
      {
        after: first.claims.pageInfo.endCursor,
      },
    );
    expect(second.claims.nodes.map((n) => n.slug)).toEqual(['c004', 'c005', 'c006']);
    expect(second.claims.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const back = await gqlData<Page>(
      `query ($before: String) { claims(last: 2, before: $before) { ${page} } }`,
      {
        before: second.claims.pageInfo.startCursor,
      },
    );
    expect(back.claims.nodes.map((n) => n.slug)).toEqual(['c002', 'c003']);
    expect(back.claims.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const tail = await gqlData<Page>(`{ claims(last: 2) { ${page} } }`);
    expect(tail.claims.nodes.map((n) => n.slug)).toEqual(['c149', 'c150']);
    expect(tail.claims.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages nested connections per parent', async () => {
    const data = await gqlData<{
      regions: {
        nodes: { slug: string; children: { totalCount: number; nodes: { slug: string }[] } }[];
      };
    }>(`{ regions(first: 3) { nodes { slug children(first: 2) { totalCount nodes { slug } } } } }`);
    expect(data.regions.nodes).toEqual([
      { slug: 'iran', children: { totalCount: 1, nodes: [{ slug: 'qom' }] } },
      {
        slug: 'qom',
        children: { totalCount: 3, nodes: [{ slug: 'qom-county' }, { slug: 'jafarabad' }] },
      },
      {
        slug: 'qom-county',
        children: { totalCount: 4, nodes: [{ slug: 'qom-city' }, { slug: 'pardisan' }] },
      },
    ]);
  });

  it('encodes a cursor only when it is read, every edge of one shape', () => {
    const encoded: number[] = [];
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const page: Page<{ id: number }> = {
      rows,
      hasNextPage: true,
      hasPreviousPage: false,
      cursorOf: (row) => {
        encoded.push(row.id);
        return `c${row.id}`;
      },
    };
    const connection = toConnection(page);
    expect(connection.edges.map((edge) => edge.node)).toEqual(rows);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(encoded).toEqual([]);
    expect(connection.edges[1]?.cursor).toBe('c2');
    expect([connection.pageInfo.startCursor, connection.pageInfo.endCursor]).toEqual(['c1', 'c3']);
    expect(encoded).toEqual([2, 1, 3]);
    // one getter on a shared prototype, not a closure per row
    const shapes = new Set(connection.edges.map((edge) => Object.getPrototypeOf(edge)));
    expect(shapes.size).toBe(1);
    expect(Object.getOwnPropertyDescriptor([...shapes][0], 'cursor')?.get).toBeTypeOf('function');
    expect(connection.edges.some((edge) => Object.hasOwn(edge, 'cursor'))).toBe(false);
    // a walk that stopped short goes on from where it stopped, in the direction it walked
    const walked = toConnection({ ...page, walkStop: { cursor: 'w', backward: false } });
    expect([walked.pageInfo.startCursor, walked.pageInfo.endCursor]).toEqual(['c1', 'w']);
    const back = toConnection({ ...page, walkStop: { cursor: 'w', backward: true } });
    expect([back.pageInfo.startCursor, back.pageInfo.endCursor]).toEqual(['w', 'c3']);
  });

  it('makes no edges for a query that reads only nodes, and one set when it reads edges', () => {
    const rows = [{ id: 1 }, { id: 2 }];
    const page: Page<{ id: number }> = {
      rows,
      hasNextPage: false,
      hasPreviousPage: false,
      cursorOf: (row) => `c${row.id}`,
    };
    // every connection type of the schema: its `nodes` are the page's own list of rows (not a
    // copy mapped row by row, as the dataloader plugin's wrapper made), edges never read
    const connections = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType =>
        isObjectType(type) && 'edges' in type.getFields() && 'nodes' in type.getFields(),
    );
    expect(connections.map((type) => type.name)).toContain('ClaimConnection');
    for (const type of connections) {
      const connection = toConnection(page);
      Object.defineProperty(connection, 'edges', {
        get: () => {
          throw new Error(`${type.name}.nodes read the edges`);
        },
      });
      const resolve = type.getFields().nodes?.resolve;
      expect(resolve?.(connection, {}, {}, {} as GraphQLResolveInfo), type.name).toBe(rows);
    }
    // edges are made once, on their first read, from the same rows
    const connection = toConnection(page);
    expect(connection.nodes).toBe(rows);
    const edges = connection.edges;
    expect(connection.edges).toBe(edges);
    expect(edges.map((edge) => edge.node)).toEqual(rows);
  });

  it.each([
    ['first: 0', 'first: 0', 'first'],
    ['first over 100', 'first: 10000', 'first'],
    ['negative last', 'last: -1', 'last'],
    ['first and last together', 'first: 2, last: 2', 'first'],
    ['a malformed cursor', 'after: "not-a-cursor!"', 'after'],
    ['a cursor that is not ours', `after: "${btoa('{"x":1}')}"`, 'after'],
  ])('refuses %s, naming the argument', async (_name, args, argument) => {
    const { status, body } = await gql(`{ claims(${args}) { nodes { slug } } }`);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(body.errors?.[0]?.message).toContain(argument);
  });

  it('refuses a cursor from another connection ordering', async () => {
    const { body } = await gql(
      `{ claims(after: "${btoa('{"o":"NAME","k":[1]}').replace(/=+$/, '')}") { nodes { slug } } }`,
    );
    expect(body.errors?.[0]?.message).toMatch(/ordering NAME/);
  });

  it('refuses an unknown indicator slug in a filter, naming the argument', async () => {
    const { body } = await gql(
      '{ claims(filter: { indicator: "no_such_metric" }) { nodes { slug } } }',
    );
    expect(body.errors?.[0]).toMatchObject({
      message: 'No indicator has the slug "no_such_metric".',
      extensions: { code: 'BAD_USER_INPUT', argument: 'indicator' },
    });
  });

  it('filters lists by region and sector, including everything below them', async () => {
    const data = await gqlData<{
      inIndustry: { nodes: { slug: string }[] };
      inQomCounty: { totalCount: number };
      inShokouhieh: { nodes: { slug: string }[] };
    }>(`{
      inIndustry: projects(filter: { sector: "industry" }, first: 100) { nodes { slug } }
      inQomCounty: energyAssets(filter: { region: "qom-county" }) { totalCount }
      inShokouhieh: projects(filter: { region: "shokouhieh" }) { nodes { slug } }
    }`);
    expect(data.inIndustry.nodes.map((n) => n.slug).sort()).toEqual([
      'construction-industries-units',
      'footwear-chain',
      'hygiene-products-units',
      'wallpaper-units',
    ]);
    expect(data.inShokouhieh.nodes).toEqual([{ slug: 'shokouhieh-rail-link' }]);
    expect(data.inQomCounty.totalCount).toBeGreaterThan(0);
  });
});
