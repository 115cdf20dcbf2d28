// The cost model of src/cost.ts, on documents whose cost can be worked out by hand.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/index';
import { operationCost } from '../../src/http/cost';

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  operationCost(schema, parse(query), variables);

describe('operationCost', () => {
  it.each([
    ['a scalar root field', '{ __typename }', 1],
    ['one object, scalars free', '{ region(slug: "qom") { slug nameEn } }', 1],
    [
      'a connection: itself, then its page',
      '{ projects(first: 10) { totalCount nodes { slug } } }',
      11,
    ],
    ['edges and their nodes both count', '{ projects(first: 10) { edges { node { slug } } } }', 21],
    [
      'nested connections multiply',
      '{ projects(first: 50) { nodes { claims(first: 10) { nodes { slug } } } } }',
      601,
    ],
    ['the default page is 20', '{ projects { nodes { slug } } }', 21],
    ['nodes(ids:) costs one per id', '{ nodes(ids: ["a", "b", "c"]) { id } }', 3],
    [
      'fragments count where they are spread',
      '{ region(slug: "qom") { ...R } } fragment R on Region { parent { slug } }',
      2,
    ],
  ])('%s', (_, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('prices one parsed document again for other variables or another operation', () => {
    // Yoga hands the same document object for a repeated text: its costs are remembered by
    // variables and operation name, never one for another
    const document = parse(`
      query A($n: Int = 5) { projects(first: $n) { nodes { slug } } }
      query B { region(slug: "qom") { slug } }`);
    for (let round = 0; round < 2; round += 1) {
      expect(operationCost(schema, document, {}, 'A')).toBe(6);
      expect(operationCost(schema, document, { n: 40 }, 'A')).toBe(41);
      expect(operationCost(schema, document, { n: 7 }, 'A')).toBe(8);
      expect(operationCost(schema, document, { n: 40 }, 'B')).toBe(1);
    }
    // variables too long to remember are priced each time, the same way
    const long = { n: 12, note: 'x'.repeat(2_000) };
    expect(operationCost(schema, document, long, 'A')).toBe(13);
  });

  it('reads first from variables and from their defaults', () => {
    const query = 'query ($n: Int = 5) { projects(first: $n) { nodes { slug } } }';
    expect(cost(query)).toBe(6);
    expect(cost(query, { n: 40 })).toBe(41);
  });

  it('is unbounded for a document whose fragments explode', () => {
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Region { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `{ region(slug: "qom") { ...F0 } } ${fragments.join(' ')} fragment F20 on Region { parent { slug } }`;
    expect(cost(query)).toBe(Number.POSITIVE_INFINITY);
  });
});
