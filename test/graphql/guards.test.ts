/**
 * The guards around resolvers (src/graphql/guards.ts), for every field the schema has, so a field
 * or rule added later is covered without editing this file:
 * - every field that needs a scope, and every mutation, refuses a request without a key and a key
 *   without its scope as a typed ForbiddenError, before its input is checked or its resolver runs;
 * - every input rule of every mutation input refuses a value it rejects, at that field's path, as
 *   a typed ValidationError;
 * - the idempotency key's rule, on every mutation.
 * Nothing is written by any of them.
 */
import { type GraphQLInputField, isIntrospectionType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { builder } from '../../src/graphql/builder';
import { schema } from '../../src/graphql/index';
import type { Rule } from '../../src/graphql/zod';
import { SCOPES, type Scope } from '../../src/lib/api-keys';
import { gql } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';
import {
  documentOf,
  inputOf,
  inputWith,
  type Leaf,
  leavesOf,
  type WriteMutation,
  writeMutations,
} from './partner-writes-schema';

const optionsOf = (field: { extensions?: { pothosOptions?: unknown } | null }) =>
  (field.extensions?.pothosOptions ?? {}) as { authScopes?: { scope: Scope }; validate?: Rule };

/** Every field of every object type that needs a scope, with its type's name and the scope. */
const scoped = Object.values(schema.getTypeMap()).flatMap((type) =>
  isObjectType(type) && !isIntrospectionType(type)
    ? Object.values(type.getFields()).flatMap((field) => {
        const scope = optionsOf(field).authScopes?.scope;
        return scope ? [{ type: type.name, field, scope }] : [];
      })
    : [],
);

const mutations = writeMutations();
const scopeOf = (mutation: WriteMutation): Scope => {
  const entry = scoped.find((s) => s.type === 'Mutation' && s.field.name === mutation.name);
  if (!entry) throw new Error(`${mutation.name} needs no scope`);
  return entry.scope;
};

/** The document of `mutation` with the idempotency key as a variable. */
const withKeyArg = (mutation: WriteMutation) =>
  documentOf(mutation)
    .replace('($input:', '($idempotencyKey: String, $input:')
    .replace('(input: $input)', '(input: $input, idempotencyKey: $idempotencyKey)');

async function send(
  mutation: WriteMutation,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const { body } = await gql(withKeyArg(mutation), variables, headers);
  expect(body.errors).toBeUndefined();
  return (body.data as Record<string, Record<string, unknown>>)[mutation.name] ?? {};
}

describe('builder plugins', () => {
  it('are relay and dataloader: scopes, rules and typed refusals are src/graphql/guards.ts', () => {
    expect(builder.options.plugins).toEqual(['relay', 'dataloader']);
  });
});

describe('every field that needs a scope', () => {
  it('includes every mutation, and the audit log', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(19);
    for (const mutation of mutations) expect(SCOPES).toContain(scopeOf(mutation));
    expect(scoped.map((s) => `${s.type}.${s.field.name}`)).toContain('Query.auditLog');
  });

  it.each(mutations.map((m) => [m.name, m] as const))(
    '%s: no key is NO_KEY and a key without its scope is SCOPE, even with bad input',
    async (_name, mutation) => {
      const input = await inputOf(mutation, mutation.inputType, ['input']);
      const scope = scopeOf(mutation);
      const others = SCOPES.filter((s) => s !== scope && s !== 'admin');
      const wrongKey = bearer(await issueKey({ scopes: others }));
      const before = await checksums();
      for (const [headers, reason] of [
        [{}, 'NO_KEY'],
        [wrongKey, 'SCOPE'],
      ] as const) {
        for (const idempotencyKey of [null, 'not a valid key!']) {
          expect(await send(mutation, { input, idempotencyKey }, headers)).toMatchObject({
            __typename: 'ForbiddenError',
            reason,
          });
        }
      }
      expect(await checksums()).toEqual(before);
    },
  );
});

/** Values to try against a rule, by GraphQL type: each ruled field must refuse one of them. */
const CANDIDATES: Record<string, unknown[]> = {
  String: ['', '   ', 'Not A Slug!', '2025-13-45', '1404-05-01', 'x'.repeat(5000)],
  ID: [''],
  Int: [-1, 0, 2_000_000_000],
  Float: [-1, 101, 1e19],
};

const ruleOf = (field: GraphQLInputField) => optionsOf(field).validate;

/** Each leaf of a mutation input with a rule, with a value that rule refuses. */
function ruledLeaves(mutation: WriteMutation) {
  return leavesOf(mutation).flatMap((leaf) => {
    const rule = ruleOf(leaf.field);
    if (!rule) return [];
    const listed = leaf.path.at(-1) === '0' && leaf.field.type.toString().includes('[');
    const candidates = listed ? [[]] : (CANDIDATES[String(leaf.type)] ?? []);
    const bad = candidates.find((value) => !rule.safeParse(value).success);
    // a listed field's rule is over the list: the issue is at the field, not its first item
    return [{ leaf, bad, path: listed ? leaf.path.slice(0, -1) : leaf.path }];
  });
}

describe('every input rule of every mutation', () => {
  it('is found, and refuses one of the values tried', () => {
    const all = mutations.flatMap(ruledLeaves);
    expect(all.length).toBeGreaterThan(100);
    const untried = all.filter((r) => r.bad === undefined);
    expect(untried.map((r) => `${r.leaf.mutation.name}: ${r.path.join('.')}`)).toEqual([]);
  });

  it.each(mutations.map((m) => [m.name, m] as const))(
    '%s: each refuses its bad value at its path, and a bad idempotency key',
    async (_name, mutation) => {
      const key = bearer(await issueKey({ scopes: ['admin'] }));
      const cases = [];
      for (const { leaf, bad, path } of ruledLeaves(mutation)) {
        cases.push({ path, input: await inputWith({ ...leaf, path } as Leaf, bad) });
      }
      const valid = await inputOf(mutation, mutation.inputType, ['input']);
      const before = await checksums();
      for (const { path, input } of cases) {
        const result = await send(mutation, { input }, key);
        expect(result.__typename, path.join('.')).toBe('ValidationError');
        expect(
          (result.issues as { path: string[] }[]).map((issue) => issue.path.join('.')),
          path.join('.'),
        ).toContain(path.join('.'));
      }
      expect(
        await send(mutation, { input: valid, idempotencyKey: 'not a valid key!' }, key),
      ).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['idempotencyKey'] }] });
      expect(await checksums()).toEqual(before);
    },
  );
});

describe('a broken rule on a field whose result does not hold ValidationError', () => {
  it('is a top-level BAD_USER_INPUT with its issues, as auditLog(first: 0) shows', async () => {
    const key = await issueKey({ scopes: ['admin'] });
    const { body } = await gql('{ auditLog(first: 0) { __typename } }', {}, bearer(key));
    expect(body.data).toBeNull();
    expect(body.errors).toMatchObject([
      {
        message: expect.stringContaining('first'),
        path: ['auditLog'],
        extensions: { code: 'BAD_USER_INPUT', issues: [{ path: ['first'], code: 'too_small' }] },
      },
    ]);
  });
});

describe('the order of the guards', () => {
  it('checks the scope before the resolver runs', async () => {
    const key = await issueKey({ scopes: ['write:energy'] });
    const { body } = await gql(
      `mutation { deleteProject(input: { id: "UHJvamVjdDo5OTk5", version: 1 }) {
        __typename ... on ForbiddenError { reason } ... on NotFoundError { path } } }`,
      {},
      bearer(key),
    );
    // a resolver run first would have answered NotFoundError for this missing project
    expect(body).toMatchObject({
      data: { deleteProject: { __typename: 'ForbiddenError', reason: 'SCOPE' } },
    });
  });

  it('refuses an ID of the wrong type as a typed ValidationError', async () => {
    const key = await issueKey({ scopes: ['write:projects'] });
    const { body } = await gql(
      `mutation { deleteProject(input: { id: "U291cmNlOjE", version: 1 }) {
        __typename ... on ValidationError { issues { path code } } } }`,
      {},
      bearer(key),
    );
    expect(body.data).toEqual({
      deleteProject: {
        __typename: 'ValidationError',
        issues: [{ path: ['input', 'id'], code: 'invalid_id' }],
      },
    });
  });
});
