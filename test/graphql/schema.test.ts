// schema/schema.graphql is the contract clients build against: it must be what the code builds.
import { introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import committed from '../../schema/schema.graphql?raw';
import { schema } from '../../src/graphql/index';

it('matches the committed SDL (run `npm run schema` after changing the schema)', () => {
  expect(committed).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
});

// src/graphql/sort-schema.ts sorts in place what lexicographicSortSchema would rebuild: the served
// schema must already be in that order, down to introspection's lists (types, fields, arguments,
// enum values, interfaces, possible types, directives)
it('is served in lexicographic order, as lexicographicSortSchema orders it', () => {
  expect(printSchema(schema)).toBe(committed.slice(0, -1));
  expect(JSON.stringify(introspectionFromSchema(schema))).toBe(
    JSON.stringify(introspectionFromSchema(lexicographicSortSchema(schema))),
  );
});
