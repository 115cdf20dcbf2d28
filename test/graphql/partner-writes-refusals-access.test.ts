/**
 * Partner writes refused for the key: none, the wrong scope or region (typed results), malformed
 * or revoked (answered 401 before GraphQL runs; test/http/credentials.test.ts covers every route).
 */
import { describe, it } from 'vitest';
import { bearer, issueKey } from '../partner-keys';
import {
  CREATE_PROJECT,
  expectRefused,
  newProject,
  projectsKey,
  type Refusal,
  seedProject,
  UPDATE_PROJECT,
} from './partner-writes-helpers';

/** Every write refused for its key: the typed result it gets, and nothing written. */
const refusals: Refusal[] = [
  {
    name: 'no key',
    setup: async () => ({ query: CREATE_PROJECT, variables: { input: newProject() }, headers: {} }),
    expected: { __typename: 'ForbiddenError', reason: 'NO_KEY' },
  },
  {
    name: 'a malformed key',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject() },
      headers: bearer('not-a-key'),
    }),
    http: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a revoked key',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject() },
      headers: bearer(await issueKey({ scopes: ['write:projects'], revoked: true })),
    }),
    http: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a revoked key with bad input (refused for the key, not the input)',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('x', { directJobs: -5 }) },
      headers: bearer(await issueKey({ scopes: ['write:projects'], revoked: true })),
    }),
    http: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a key with the wrong scope',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject() },
      headers: bearer(await issueKey({ scopes: ['write:claims', 'write:energy'] })),
    }),
    expected: { __typename: 'ForbiddenError', reason: 'SCOPE' },
  },
  {
    name: 'a key for another region (a Qom key writing at country level)',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('national-plant', { region: 'iran' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: { __typename: 'ForbiddenError', reason: 'REGION' },
  },
  {
    name: 'a key for one city updating a project of the province',
    setup: async () => {
      const project = await seedProject();
      return {
        query: UPDATE_PROJECT,
        variables: { input: { ...project, changes: { directJobs: 1 } } },
        headers: bearer(await issueKey({ scopes: ['write:projects'], regions: ['pardisan'] })),
      };
    },
    expected: { __typename: 'ForbiddenError', reason: 'REGION' },
  },
  {
    name: 'moving a project into a region the key may not write',
    setup: async () => {
      const project = await seedProject();
      return {
        query: UPDATE_PROJECT,
        variables: { input: { ...project, changes: { region: 'iran' } } },
        headers: bearer(await projectsKey()),
      };
    },
    expected: { __typename: 'ForbiddenError', reason: 'REGION' },
  },
];

describe('refused writes', () => {
  it.each(refusals)('$name: refused, and the database unchanged', expectRefused);
});
