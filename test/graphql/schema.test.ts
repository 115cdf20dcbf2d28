// schema/schema.graphql is the contract clients build against: it must be what the code builds.
import {
  executeSync,
  getIntrospectionQuery,
  lexicographicSortSchema,
  parse,
  printSchema,
} from 'graphql';
import { expect, it } from 'vitest';
import committed from '../../schema/schema.graphql?raw';
import { schema } from '../../src/graphql/index';
import { gql } from '../helpers';

it('matches the committed SDL (run `npm run schema` after changing the schema)', () => {
  expect(committed).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
});

// src/graphql/sort-schema.ts sorts in place, before the first introspection, what
// lexicographicSortSchema would rebuild: what introspection answers must be in that order, down to
// its lists (types, fields, arguments, enum values, interfaces, possible types, directives)
it('is introspected in lexicographic order, as lexicographicSortSchema orders it', async () => {
  const query = getIntrospectionQuery({
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  });
  const { body } = await gql(query);
  expect(body.errors).toBeUndefined();
  const sorted = executeSync({ schema: lexicographicSortSchema(schema), document: parse(query) });
  expect(JSON.stringify(body.data)).toBe(JSON.stringify(sorted.data));
  // and the served schema, once sorted, prints as the committed SDL
  expect(printSchema(schema)).toBe(committed.slice(0, -1));
});
