/** The Pothos plugin order PLATFORM.md asks for, and what it guarantees to partners. */
import { describe, expect, it } from 'vitest';
import { builder } from '../../src/graphql/builder';
import { gql } from '../helpers';
import { bearer, issueKey } from '../partner-keys';

describe('builder plugins', () => {
  it('are relay, scope-auth, errors, validation, dataloader, in that order', () => {
    expect(builder.options.plugins).toEqual([
      'relay',
      'scopeAuth',
      'errors',
      'validation',
      'dataloader',
    ]);
  });

  it('give a scope refusal as a typed result, and check the scope before the resolver runs', async () => {
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

  it('let relay decode global IDs before the write, and refuse an ID of the wrong type', async () => {
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
