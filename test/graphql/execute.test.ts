// The planned executor (src/graphql/execute.ts) against graphql-js's `execute`, the reference:
// the same documents through both, the answers compared whole (data, errors with their messages,
// paths and locations, in order), on a schema built to reach every branch of execution and on
// Ostan's own with every registered document.
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type FieldNode,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  parse,
  responsePathAsArray,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import examples from '../../schema/operations/examples.json';
import manifest from '../../schema/persisted-operations.json';
import { executeOperation } from '../../src/graphql/execute';
import { schema as ostanSchema } from '../../src/graphql/index';
import { requestContext } from '../helpers';

const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 1));
/** A thenable that is not a Promise: graphql-js waits on any object with a `then` method. */
const thenable = <T>(settle: () => Promise<T>): PromiseLike<T> => ({
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
  then: (onFulfilled, onRejected) => settle().then(onFulfilled, onRejected),
});
const fail = (message: string) => {
  throw new Error(message);
};

/** What a resolver saw of its `info`, as a string the answer carries. */
function seen(info: GraphQLResolveInfo): string {
  return JSON.stringify({
    keys: Object.keys(info),
    path: responsePathAsArray(info.path),
    typename: info.path.typename,
    parent: info.parentType.name,
    returns: String(info.returnType),
    nodes: info.fieldNodes.length,
    fragments: Object.keys(info.fragments),
    operation: info.operation.name?.value ?? null,
    variables: info.variableValues,
    root: info.rootValue,
  });
}

type Row = Record<string, unknown>;

const Named: GraphQLInterfaceType = new GraphQLInterfaceType({
  name: 'Named',
  fields: () => ({ name: { type: GraphQLString } }),
  // asynchronous on purpose: graphql-js allows a promise of the type's name
  resolveType: (row: Row) => later(row.kind as string),
});

const Dog: GraphQLObjectType = new GraphQLObjectType({
  name: 'Dog',
  interfaces: [Named],
  fields: () => ({
    name: { type: GraphQLString },
    barks: { type: new GraphQLNonNull(GraphQLBoolean), resolve: (row: Row) => row.barks ?? true },
    friends: { type: new GraphQLList(Pet), resolve: (row: Row) => row.friends ?? [] },
    bad: { type: GraphQLString, resolve: () => fail('bad dog') },
    badNonNull: { type: new GraphQLNonNull(GraphQLString), resolve: () => later(null) },
    info: { type: GraphQLString, resolve: (_row, _args, _ctx, info) => seen(info) },
  }),
});

const Cat = new GraphQLObjectType({
  name: 'Cat',
  interfaces: [Named],
  fields: { name: { type: GraphQLString }, lives: { type: GraphQLInt } },
});

const Pet: GraphQLUnionType = new GraphQLUnionType({
  name: 'Pet',
  types: [Dog, Cat],
  resolveType: (row: Row) => row.kind as string,
});

const Checked = new GraphQLObjectType({
  name: 'Checked',
  fields: { v: { type: GraphQLInt } },
  isTypeOf: (row: Row) => row.ok === true,
});

const CheckedLater = new GraphQLObjectType({
  name: 'CheckedLater',
  fields: { v: { type: GraphQLInt } },
  isTypeOf: (row: Row) => later(row.ok === true),
});

// fields without resolvers: graphql-js's default resolver reads the parent's property
const Plain: GraphQLObjectType = new GraphQLObjectType({
  name: 'Plain',
  fields: () => ({
    text: { type: GraphQLString },
    count: { type: new GraphQLNonNull(GraphQLInt) },
    notAnInt: { type: GraphQLInt },
    mood: { type: new GraphQLEnumType({ name: 'Mood', values: { HAPPY: { value: 'happy' } } }) },
    strictMissing: { type: new GraphQLNonNull(GraphQLString) },
    callable: { type: GraphQLString },
    flag: { type: GraphQLBoolean },
    inner: { type: Plain },
  }),
});

const plain = (mood: string): Row => ({
  text: 'plain',
  count: 3,
  notAnInt: 'abc',
  mood,
  callable: (args: unknown, _ctx: unknown, info: GraphQLResolveInfo) =>
    `${JSON.stringify(args)} ${responsePathAsArray(info.path).join('.')}`,
  flag: false,
  inner: { text: 'inner', count: 0, mood: 'happy', strictMissing: 'here', flag: true },
});

const dog = (name: string, extra: Row = {}): Row => ({ kind: 'Dog', name, ...extra });
const cat = (name: string, lives = 9): Row => ({ kind: 'Cat', name, lives });

// arguments: each parent of a list at one place in the query
const Counter = new GraphQLObjectType({
  name: 'Counter',
  fields: {
    // a resolver that changes its arguments
    bump: {
      type: GraphQLInt,
      args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
      resolve: (_counter, args: { n: number }) => {
        args.n += 1;
        return args.n;
      },
    },
    // the argument as given, and how many distinct argument objects this request's parents saw
    echoN: {
      type: GraphQLString,
      args: { n: { type: GraphQLInt } },
      resolve: (_counter, args: { n?: number }, ctx: { seen?: Set<unknown> }) => {
        ctx.seen?.add(args);
        return `${args.n} ${ctx.seen?.size ?? 0}`;
      },
    },
  },
});

const testSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      dog: { type: Dog, resolve: () => dog('Rex', { friends: [cat('Tom'), dog('Fido')] }) },
      laterDog: { type: Dog, resolve: () => later(dog('Later')) },
      pets: { type: new GraphQLList(Pet), resolve: () => [dog('A'), later(cat('B')), null] },
      strictPets: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Pet))),
        resolve: () => [dog('A'), later(null)],
      },
      named: {
        type: Named,
        args: { kind: { type: GraphQLString, defaultValue: 'Cat' } },
        resolve: (_root, args: { kind: string }) =>
          args.kind === 'Dog' ? dog('Named') : cat('Named'),
      },
      echo: {
        type: new GraphQLList(new GraphQLNonNull(GraphQLString)),
        args: {
          text: { type: new GraphQLNonNull(GraphQLString) },
          times: { type: GraphQLInt, defaultValue: 1 },
        },
        resolve: (_root, args: { text: string; times: number }) =>
          Array.from({ length: args.times }, () => args.text),
      },
      failing: { type: GraphQLString, resolve: () => fail('sync failure') },
      failingLater: { type: GraphQLString, resolve: () => Promise.reject(new Error('rejected')) },
      returnsError: { type: GraphQLString, resolve: () => new Error('returned, not thrown') },
      strictInts: {
        type: new GraphQLList(new GraphQLNonNull(GraphQLInt)),
        resolve: () => [1, null, 3],
      },
      looseInts: {
        type: new GraphQLList(GraphQLInt),
        resolve: () => [1, new Error('item error'), Promise.reject(new Error('item rejected')), 4],
      },
      notIterable: { type: new GraphQLList(GraphQLInt), resolve: () => 5 },
      unknownType: { type: Pet, resolve: () => ({ kind: 'Nope' }) },
      impossibleType: { type: Pet, resolve: () => ({ kind: 'Checked' }) },
      noType: { type: Pet, resolve: () => ({}) },
      checked: {
        type: Checked,
        resolve: () => ({ ok: false, v: 1, list: [1, 'two', [3, [4]]], nested: { a: { b: {} } } }),
      },
      checkedLater: { type: CheckedLater, resolve: () => ({ ok: true, v: 2 }) },
      checkedLaterFails: { type: CheckedLater, resolve: () => ({ ok: false, v: 3 }) },
      badInt: { type: GraphQLInt, resolve: () => 'abc' },
      longList: {
        type: Checked,
        resolve: () => ({ ok: false, eleven: Array.from({ length: 11 }, (_, i) => i) }),
      },
      strictRoot: { type: new GraphQLNonNull(GraphQLString), resolve: () => fail('root failure') },
      info: { type: GraphQLString, resolve: (_root, _args, _ctx, info) => seen(info) },
      fromRoot: { type: GraphQLString, resolve: (root: Row | undefined) => String(root?.greeting) },
      laterString: { type: GraphQLString, resolve: () => later('later') },
      thenableDog: { type: Dog, resolve: () => thenable(() => later(dog('Thenable'))) },
      thenableFails: {
        type: GraphQLString,
        resolve: () => thenable(() => Promise.reject(new Error('thenable rejected'))),
      },
      thenableInts: {
        type: new GraphQLList(GraphQLInt),
        resolve: () => [1, thenable(() => later(2)), thenable(() => later(null))],
      },
      plains: { type: new GraphQLList(Plain), resolve: () => [plain('happy'), plain('sad')] },
      counters: { type: new GraphQLList(Counter), resolve: () => [{}, {}, {}] },
      // a resolver that changes what it is handed
      grabby: {
        type: GraphQLInt,
        resolve: (_root, _args, _ctx, info) =>
          (info.fieldNodes as FieldNode[]).push(info.fieldNodes[0] as FieldNode),
      },
    },
  }),
  types: [Checked, CheckedLater],
});

/** graphql-js's answer and the planned one, for the same arguments. */
async function both(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues?: Record<string, unknown>,
  contextValue: () => unknown = () => ({}),
) {
  const args = { schema, document, variableValues, rootValue: { greeting: 'hello' } };
  const reference = await execute({ ...args, contextValue: contextValue() });
  const planned = await executeOperation({ ...args, contextValue: contextValue() });
  return { reference, planned };
}

/** The answer as a client reads it: data, and each error's message, path and locations. */
function wire(result: ExecutionResult) {
  return JSON.parse(
    JSON.stringify({
      data: result.data,
      errors: result.errors?.map((e) => ({
        message: e.message,
        path: e.path,
        locations: e.locations,
      })),
    }),
  );
}

// each runs on the plan: no directive, no introspection root field, a query
const PLANNED: [string, string, Record<string, unknown>?][] = [
  ['scalars, aliases and __typename', '{ a: laterString b: laterString __typename x: __typename }'],
  ['objects, sync and async', '{ dog { name barks } laterDog { name barks } }'],
  [
    'thenables that are not promises: an object, a rejection, list items',
    '{ thenableDog { name barks } thenableFails thenableInts }',
  ],
  [
    'a union list with fragments, a promise item and a null item',
    '{ pets { __typename ... on Dog { name barks } ... on Cat { name lives } } }',
  ],
  ['a non-null item nulls its non-null list up to the root', '{ strictPets { __typename } }'],
  [
    'an interface with an asynchronous resolveType, arguments defaulted and given',
    '{ a: named { name ... on Cat { lives } } b: named(kind: "Dog") { name ...D } } fragment D on Dog { barks }',
  ],
  [
    'arguments from variables and defaults',
    'query Echo($t: String!, $n: Int) { echo(text: $t, times: $n) other: echo(text: "x") }',
    { t: 'hi', n: 3 },
  ],
  [
    'a thrown error, a rejection, a returned Error',
    '{ failing failingLater returnsError dog { name bad } }',
  ],
  ['a non-null field nulls its parent object', '{ dog { name badNonNull } laterDog { name } }'],
  ['a null in a list of non-null items nulls the list', '{ strictInts looseInts }'],
  ['not an iterable', '{ notIterable }'],
  [
    'abstract types that resolve wrongly',
    '{ unknownType { __typename } impossibleType { __typename } noType { __typename } }',
  ],
  [
    'isTypeOf, sync and async',
    '{ checked { v } checkedLater { v } checkedLaterFails { v } longList { v } }',
  ],
  ['a leaf that does not serialise', '{ badInt }'],
  ['a non-null root field nulls data', '{ strictRoot laterString }'],
  [
    'the same response key from several nodes and fragments merges',
    '{ dog { name } dog { barks ...F ... on Dog { name } } } fragment F on Dog { friends { ... on Cat { name } } }',
  ],
  [
    "a resolver's info",
    'query Info($v: Int) { info dog { info } ... on Query { dog { info } } } fragment Unused on Dog { name }',
    { v: 1 },
  ],
  ['the root value', '{ fromRoot }'],
  [
    "fields read by graphql-js's default resolver: values, refusals, a function, a missing non-null",
    '{ plains { text count notAnInt mood callable flag inner { text count mood strictMissing flag } } }',
  ],
  ['a missing non-null property nulls its object', '{ plains { text strictMissing } }'],
  [
    'nested unions',
    '{ dog { friends { ... on Dog { name friends { __typename } } ... on Cat { lives } } } }',
  ],
];

// each runs on graphql-js's executor, unchanged
const NOT_PLANNED: [string, string, Record<string, unknown>?][] = [
  [
    '@include',
    'query ($yes: Boolean!) { dog @include(if: $yes) { name } laterString }',
    { yes: false },
  ],
  ['@skip in a fragment', '{ dog { ...F } } fragment F on Dog { name @skip(if: true) barks }'],
  ['introspection', '{ __schema { queryType { name } } __type(name: "Dog") { name } }'],
  ['a __proto__ key', '{ __proto__: laterString }'],
];

describe('the planned executor answers as graphql-js does', () => {
  for (const [name, query, variables] of PLANNED) {
    it(name, async () => {
      const { reference, planned } = await both(testSchema, parse(query), variables);
      expect(wire(planned)).toEqual(wire(reference));
      // the plan's objects are plain ones; graphql-js's have no prototype
      if (planned.data) expect(Object.getPrototypeOf(planned.data)).toBe(Object.prototype);
    });
  }

  for (const [name, query, variables] of NOT_PLANNED) {
    it(`runs graphql-js's executor for ${name}`, async () => {
      const { reference, planned } = await both(testSchema, parse(query), variables);
      expect(wire(planned)).toEqual(wire(reference));
      expect(Object.getPrototypeOf(planned.data)).toBeNull();
    });
  }

  it('answers the same on a second run of the same document (the kept plan)', async () => {
    const document = parse(
      '{ pets { ... on Dog { name } ... on Cat { lives } } dog { name badNonNull } }',
    );
    const first = await both(testSchema, document);
    const second = await both(testSchema, document);
    expect(wire(second.planned)).toEqual(wire(first.reference));
    expect(wire(first.planned)).toEqual(wire(first.reference));
  });

  it('keeps its plan from a resolver: the field nodes every request shares are frozen', async () => {
    // graphql-js hands each request new arrays: the resolver's push succeeds every time
    const document = parse('{ grabby }');
    for (let run = 0; run < 2; run += 1) {
      const reference = await execute({ schema: testSchema, document });
      expect(reference.data?.grabby).toBe(2);
      // the plan's arrays serve every request: the push fails this field, and the next request
      // finds the plan as it was
      const planned = await executeOperation({ schema: testSchema, document });
      expect(planned.data).toEqual({ grabby: null });
      expect(planned.errors?.map((error) => error.path)).toEqual([['grabby']]);
    }
  });

  it("coerces a field's arguments once per request for all its parents, frozen", async () => {
    // graphql-js hands each parent a new object: each bump succeeds
    const document = parse('{ counters { bump(n: 1) } }');
    const reference = await execute({ schema: testSchema, document });
    expect(reference.data).toEqual({ counters: [{ bump: 2 }, { bump: 2 }, { bump: 2 }] });
    // the plan hands every parent the same frozen object: the change fails each parent's own
    // field, and no parent sees another's change
    const planned = await executeOperation({ schema: testSchema, document });
    expect(planned.data).toEqual({ counters: [{ bump: null }, { bump: null }, { bump: null }] });
    expect(planned.errors?.map((error) => error.path)).toEqual([
      ['counters', 0, 'bump'],
      ['counters', 1, 'bump'],
      ['counters', 2, 'bump'],
    ]);
    // one object for the three parents, made again for each request's variables
    const byVariable = parse('query ($n: Int) { counters { echoN(n: $n) } }');
    for (const n of [1, 2, 1]) {
      const answer = await executeOperation({
        schema: testSchema,
        document: byVariable,
        variableValues: { n },
        contextValue: { seen: new Set() },
      });
      expect(answer.data).toEqual({ counters: [0, 1, 2].map(() => ({ echoN: `${n} 1` })) });
    }
  });

  it('refuses what graphql-js refuses before executing, with its errors', async () => {
    const cases: [string, Record<string, unknown> | undefined, string | undefined][] = [
      ['query A { laterString } query B { laterString }', undefined, undefined],
      ['query A { laterString }', undefined, 'B'],
      ['query ($t: String!) { echo(text: $t) }', {}, undefined],
      ['query ($n: Int) { echo(text: "x", times: $n) }', { n: 'many' }, undefined],
    ];
    for (const [query, variableValues, operationName] of cases) {
      const args = { schema: testSchema, document: parse(query), variableValues, operationName };
      const planned = await executeOperation(args);
      expect(planned.errors?.length, query).toBeGreaterThan(0);
      expect(wire(planned), query).toEqual(wire(await execute(args)));
    }
  });
});

describe("the planned executor on Ostan's schema", () => {
  const registered = Object.values(manifest as Record<string, string>);
  const variablesOf = (document: DocumentNode) => {
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
    const name = operation && 'name' in operation ? operation.name?.value : undefined;
    return (examples as Record<string, Record<string, unknown>>)[name ?? ''] ?? {};
  };

  it('answers every registered document as graphql-js does', async () => {
    expect(registered.length).toBeGreaterThan(5);
    let withData = 0;
    for (const text of registered) {
      const document = parse(text);
      const { reference, planned } = await both(
        ostanSchema,
        document,
        variablesOf(document),
        requestContext,
      );
      expect(wire(planned), text.slice(0, 80)).toEqual(wire(reference));
      if (!reference.data) continue;
      withData++;
      // none uses a directive or introspection: every one runs on its plan
      expect(Object.getPrototypeOf(planned.data), text.slice(0, 80)).toBe(Object.prototype);
    }
    // the examples' variables fit: most documents answer with data, not only errors
    expect(withData).toBeGreaterThan(registered.length / 2);
  });

  it('answers nested pages, references, search and node lookups as graphql-js does', async () => {
    const queries = [
      `{ regions(kind: PROVINCE, first: 5) { nodes { slug name children(first: 5) { nodes { slug
         projects(first: 5) { nodes { slug status claims(first: 3) { nodes { slug value unit
         source { slug publisher } } } } } } } } } }`,
      `{ projects(first: 7) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
         id slug name status investment { amount unit } startedOn { iso jalali } region { slug }
         sector { slug name } } } } }`,
      `{ search(text: "solar", first: 10) { kind rank node { __typename ... on Node { id }
         ... on Project { slug } ... on Claim { slug value } ... on Region { slug } } } }`,
      '{ node(id: "not an id") { id } region(slug: "no-such-region") { slug } }',
    ];
    for (const query of queries) {
      const { reference, planned } = await both(
        ostanSchema,
        parse(query),
        undefined,
        requestContext,
      );
      expect(wire(planned), query.slice(0, 60)).toEqual(wire(reference));
    }
  });
});
