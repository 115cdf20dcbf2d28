/**
 * Every required field of every write input, enumerated from the schema (GraphQL's `!`, or a
 * NOT NULL column the field sets): null, an empty string and an oversized value each get a
 * ValidationError at that field's path, never a raw D1 message, and D1 stays as it was. Null for
 * a `!` field never reaches a resolver: GraphQL refuses it before execution, naming the field.
 */
import { GraphQLInputObjectType, GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';
import {
  documentOf,
  inputWith,
  isRequired,
  KEY_REGION,
  type Leaf,
  leavesOf,
  writeMutations,
} from './partner-writes-schema';

const WRITE_SCOPES = ['write:projects', 'write:energy', 'write:claims', 'write:plans'] as const;

/**
 * The bad values a field of this type can be sent: enums and booleans only null (GraphQL itself
 * refuses any other value that is not of the type).
 */
function badValues(leaf: Leaf): { name: string; value: unknown }[] {
  const values: { name: string; value: unknown }[] = [{ name: 'null', value: null }];
  if (!(leaf.type instanceof GraphQLScalarType)) return values;
  if (leaf.type.name === 'String' || leaf.type.name === 'ID') {
    values.push({ name: 'empty', value: '' }, { name: 'oversized', value: 'x'.repeat(5000) });
  }
  if (leaf.type.name === 'Float') values.push({ name: 'oversized', value: 1e300 });
  if (leaf.type.name === 'Int') values.push({ name: 'oversized', value: 2_147_483_647 });
  return values;
}

/** A path as GraphQL's variable errors write it: `input.rows[0].slug`. */
const graphqlPath = (path: string[]) => path.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]');

const mutations = writeMutations();

describe('required fields: null, empty and oversized values', () => {
  it('finds the fields the issue names', () => {
    const required = mutations
      .flatMap(leavesOf)
      .filter(isRequired)
      .map((leaf) => `${leaf.mutation.name} ${leaf.path.join('.')}`);
    for (const expected of [
      'updateProject input.changes.status',
      'updateProject input.changes.region',
      'updateProject input.changes.nameFa',
      'updateProject input.changes.slug',
      'createPlanTarget input.targetValue',
      'recordClaim input.subject.slug',
    ]) {
      expect(required).toContain(expected);
    }
  });

  it.each(mutations.map((mutation) => ({ name: mutation.name, mutation })))(
    '$name: a ValidationError at the field, D1 unchanged',
    async ({ mutation }) => {
      const key = await issueKey({ scopes: [...WRITE_SCOPES], regions: [KEY_REGION] });
      const leaves = leavesOf(mutation).filter(
        (leaf) => isRequired(leaf) && !(leaf.type instanceof GraphQLInputObjectType),
      );
      expect(leaves.length).toBeGreaterThan(0);
      const before = await checksums();
      const outcomes: string[] = [];
      for (const leaf of leaves) {
        for (const bad of badValues(leaf)) {
          const input = await inputWith(leaf, bad.value);
          const { status, body } = await gql<Record<string, Record<string, unknown>>>(
            documentOf(mutation),
            { input },
            bearer(key),
          );
          const where = `${leaf.path.join('.')} ${bad.name}`;
          if (bad.value === null && leaf.nonNull) {
            // GraphQL's own refusal, before any resolver: a 400 that names the field
            const message = body.errors?.[0]?.message ?? '';
            outcomes.push(
              `${where}: ${status === 400 && message.includes(graphqlPath(leaf.path)) ? 'refused by GraphQL' : `${status} ${message}`}`,
            );
            continue;
          }
          const result = body.data?.[mutation.name] as
            | { __typename: string; issues?: { path: string[]; code: string }[] }
            | undefined;
          const atField = result?.issues?.some(
            (issue) => issue.path.join('.') === leaf.path.join('.'),
          );
          outcomes.push(
            `${where}: ${result?.__typename === 'ValidationError' && atField ? 'ValidationError at the field' : JSON.stringify(body)}`,
          );
        }
      }
      expect(
        outcomes.filter((o) => !/: (ValidationError at the field|refused by GraphQL)$/.test(o)),
      ).toEqual([]);
      expect(await checksums()).toEqual(before);
    },
  );
});
