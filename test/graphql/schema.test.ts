// schema/schema.graphql is the contract clients build against: it must be what the code builds.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import committed from '../../schema/schema.graphql?raw';
import { schema } from '../../src/graphql/index';

it('matches the committed SDL (run `npm run schema` after changing the schema)', () => {
  expect(committed).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
});
