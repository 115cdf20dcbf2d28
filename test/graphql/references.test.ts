// Fields that resolve at once rather than with a promise per row: references (a project's region,
// a claim's source), declared in one place (src/graphql/references.ts) and loaded with the page
// that holds them when its nodes select them (never when not selected); and node ids.
import {
  execute,
  type GraphQLField,
  type GraphQLResolveInfo,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context';
import { schema } from '../../src/graphql/index';
import { referenceOf } from '../../src/graphql/references';
import { encodeGlobalId } from '../../src/lib/global-id';
import { addSyntheticProjects } from '../factories';
import { gql, requestContext } from '../helpers';

/**
 * Fields returning one node that are not a key of their parent's row, and why: everything else
 * of that shape must be declared with `reference()`.
 */
const NOT_KEYS: Record<string, string> = {
  'Claim.supersededBy': 'found by the claim that names this one, not by a key of this row',
  'TargetProgress.basedOn': 'the claim the progress was computed from, already loaded',
};

function isNode(type: unknown): boolean {
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

/** Every field of the schema that returns a single node, by `Type.field`. */
function nodeFields(): [string, GraphQLField<unknown, unknown>][] {
  const found: [string, GraphQLField<unknown, unknown>][] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    // a root field looks a node up by its arguments; an edge's node is its connection's row
    if (type === schema.getQueryType() || type === schema.getMutationType()) continue;
    if (type.name.endsWith('Edge')) continue;
    for (const field of Object.values(type.getFields())) {
      const returned = getNullableType(field.type);
      if (isListType(returned) || !isNode(getNamedType(returned))) continue;
      found.push([`${type.name}.${field.name}`, field]);
    }
  }
  return found;
}

/** The field's resolver (with Pothos's plugins) called as the executor would for `row`. */
function resolveField(type: string, field: string, row: unknown, ctx: Context): unknown {
  const object = schema.getType(type);
  if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
  const resolve = object.getFields()[field]?.resolve;
  if (!resolve) throw new Error(`${type}.${field} has no resolver`);
  return resolve(row, {}, ctx, { path: { key: field } } as unknown as GraphQLResolveInfo);
}

const isThenable = (value: unknown) =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

describe('reference fields', () => {
  it('every field naming one node by a key of its row is declared as a reference', () => {
    const fields = nodeFields();
    expect(fields.length).toBeGreaterThan(20);
    for (const [name, field] of fields) {
      const ref = referenceOf(field.extensions);
      if (name in NOT_KEYS) {
        expect(ref, `${name}: ${NOT_KEYS[name]}`).toBeNull();
        continue;
      }
      expect(ref, `${name} is not declared with reference()`).not.toBeNull();
      // the rows it keeps for the request are kept under the type the field returns
      expect(ref?.target.name, name).toBe(getNamedType(field.type).name);
    }
    for (const name of Object.keys(NOT_KEYS)) {
      expect(fields.map(([n]) => n)).toContain(name);
    }
  });

  it('resolves at once, without a promise, once a top-level page has loaded what it selects', async () => {
    const ctx = requestContext();
    const result = await execute({
      schema,
      document: parse('{ projects(first: 3) { nodes { slug region { slug } } } }'),
      contextValue: ctx,
    });
    expect(result.errors).toBeUndefined();
    const [row] = await ctx.db.all<{ regionId: number; sectorId: number | null }>(
      'SELECT region_id AS regionId, sector_id AS sectorId FROM projects ORDER BY id LIMIT 1',
      [],
      { rows: 1 },
    );
    const region = resolveField('Project', 'region', row, ctx);
    expect(isThenable(region)).toBe(false);
    expect(region).toMatchObject({ id: row?.regionId });
    // not selected on the page: left to the field's loader, a promise
    const source = resolveField('Project', 'source', { sourceId: 1 }, ctx);
    expect(isThenable(source)).toBe(true);
    await source;
  });

  it('resolves at once for every parent of a nested page', async () => {
    await addSyntheticProjects(4, 2);
    const ctx = requestContext();
    const result = await execute({
      schema,
      document: parse(
        `{ projects(first: 10) { edges { node { ...P } } } }
         fragment P on Project { claims(first: 2) { nodes { slug ... on Claim { source { slug } } } } }`,
      ),
      contextValue: ctx,
    });
    expect(result.errors).toBeUndefined();
    // one of the page's claims: its source was loaded with the claims of every project
    const [claim] = (
      result.data as { projects: { edges: { node: { claims: { nodes: { slug: string }[] } } }[] } }
    ).projects.edges.flatMap((edge) => edge.node.claims.nodes);
    const [row] = await ctx.db.all<{ sourceId: number }>(
      'SELECT source_id AS sourceId FROM claims WHERE slug = ?',
      [claim?.slug ?? ''],
      { rows: 1 },
    );
    expect(row).toBeDefined();
    const source = resolveField('Claim', 'source', row, ctx);
    expect(isThenable(source)).toBe(false);
    expect(source).toMatchObject({ id: row?.sourceId });
  });

  it('sends the statements the fields would: one per referenced type, none when not selected or skipped', async () => {
    const page = (selection: string) =>
      gql(`{ projects(first: 20) { nodes { slug ${selection} } } }`);
    const plain = await page('');
    const both = await page('region { slug } sector { slug }');
    const viaEdges = await gql(
      '{ projects(first: 20) { edges { node { region { slug } sector { slug } } } } }',
    );
    const skipped = await gql(
      `query ($skip: Boolean!) {
        projects(first: 20) {
          nodes { slug region @skip(if: $skip) { slug } sector @include(if: false) { slug } }
        }
      }`,
      { skip: true },
    );
    for (const { body } of [plain, both, viaEdges, skipped]) expect(body.errors).toBeUndefined();
    const queries = (r: typeof plain) => r.body.extensions?.cost?.d1Queries ?? -1;
    expect(queries(both)).toBe(queries(plain) + 2);
    expect(queries(viaEdges)).toBe(queries(plain) + 2);
    expect(queries(skipped)).toBe(queries(plain));
  });
});

describe('node ids', () => {
  it("every node's id resolves at once to its global ID, as node(id:) reads it", async () => {
    const nodes = Object.values(schema.getTypeMap()).filter(isNode);
    expect(nodes.length).toBeGreaterThan(8);
    const ctx = requestContext();
    for (const type of nodes) {
      const id = resolveField(type.name, 'id', { id: 42 }, ctx);
      expect(isThenable(id), type.name).toBe(false);
      expect(id, type.name).toBe(encodeGlobalId(type.name, 42));
    }
    // and a served id names its node
    const { body } = await gql<{ region: { id: string } }>('{ region(slug: "qom") { id } }');
    const served = body.data?.region.id ?? '';
    const { body: again } = await gql<{ node: { slug: string } | null }>(
      'query ($id: ID!) { node(id: $id) { ... on Region { slug } } }',
      { id: served },
    );
    expect(again.data?.node?.slug).toBe('qom');
  });
});
