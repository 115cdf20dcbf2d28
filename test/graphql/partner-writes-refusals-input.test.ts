/** Partner writes refused for their input: field rules, stale versions, reused idempotency keys. */
import { describe, it } from 'vitest';
import { gqlData } from '../helpers';
import { bearer, issueKey } from '../partner-keys';
import {
  CREATE_PROJECT,
  expectRefused,
  IMPORT_PROJECTS,
  newProject,
  projectsKey,
  REPORT_PROGRESS,
  RESULT,
  type Refusal,
  seedProject,
  UPDATE_PROJECT,
} from './partner-writes-helpers';

const CREATE_ENERGY_ASSET = `mutation ($input: CreateEnergyAssetInput!) {
  createEnergyAsset(input: $input) { ${RESULT} ... on EnergyAsset { slug capacityMw } }
}`;

/** Every write refused for its input or its version: the typed result it gets, and nothing written. */
const refusals: Refusal[] = [
  {
    name: 'a wrong type (text for jobs)',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { directJobs: 'many' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {},
    topLevel: /directJobs.*Int cannot represent/,
  },
  {
    name: 'an unknown enum value',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { status: 'BUILDING' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {},
    topLevel: /status.*"BUILDING"/,
  },
  {
    name: 'negative jobs',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { directJobs: -3 }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'directJobs'], code: 'too_small' }],
    },
  },
  {
    name: 'progress over 100',
    setup: async () => ({
      query: REPORT_PROGRESS,
      variables: { input: { ...(await seedProject()), progressPercent: 101 } },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'progressPercent'], code: 'too_big' }],
    },
  },
  ...[0, -20].map((capacityMw) => ({
    name: `capacity ${capacityMw} MW`,
    setup: async () => ({
      query: CREATE_ENERGY_ASSET,
      variables: {
        input: {
          slug: 'test-solar',
          region: 'qom',
          nameFa: 'نیروگاه',
          nameEn: 'Plant',
          technology: 'SOLAR_PV',
          status: 'PLANNED',
          capacityMw,
        },
      },
      headers: bearer(await issueKey({ scopes: ['write:energy'] })),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'capacityMw'], code: 'too_small' }],
    },
  })),
  {
    name: 'an unknown region',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { region: 'atlantis' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'region'], code: 'unknown_reference' }],
    },
  },
  {
    name: 'an unknown sector',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { sector: 'alchemy' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'sector'], code: 'unknown_reference' }],
    },
  },
  {
    name: 'a date out of range',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { startedOn: '1850-03-01' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'startedOn'], code: 'date_out_of_range' }],
    },
  },
  {
    name: 'a Jalali date where ISO is expected',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { openedOn: '1404-06-01' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'openedOn'], code: 'jalali_date' }],
    },
  },
  {
    name: 'a string over its limit',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { nameEn: 'x'.repeat(201) }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'nameEn'], code: 'too_big' }],
    },
  },
  {
    name: 'an empty name',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('p', { nameFa: '   ' }) },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'nameFa'], code: 'too_small' }],
    },
  },
  {
    name: 'a duplicate slug',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('footwear-chain') },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'slug'], code: 'duplicate' }],
    },
  },
  {
    name: 'a stale version',
    setup: async () => {
      const key = await projectsKey();
      const project = await seedProject();
      await gqlData(
        UPDATE_PROJECT,
        { input: { ...project, changes: { directJobs: 7 } } },
        bearer(key),
      );
      return {
        query: UPDATE_PROJECT,
        variables: { input: { ...project, changes: { directJobs: 9 } } },
        headers: bearer(key),
      };
    },
    expected: { __typename: 'ConflictError', currentVersion: 2 },
  },
  {
    name: 'an idempotency key replayed with a different body',
    setup: async () => {
      const key = await projectsKey();
      await gqlData(CREATE_PROJECT, { input: newProject('first'), key: 'k-1' }, bearer(key));
      return {
        query: CREATE_PROJECT,
        variables: { input: newProject('second'), key: 'k-1' },
        headers: bearer(key),
      };
    },
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['idempotencyKey'], code: 'idempotency_key_reused' }],
    },
  },
  // requests with a key may send up to MAX_KEYED_BODY_BYTES, so the full 500 rows go over HTTP
  {
    name: 'a bulk import with one bad row among 499 good ones',
    setup: async () => ({
      query: IMPORT_PROJECTS,
      variables: {
        input: {
          rows: Array.from({ length: 500 }, (_, i) =>
            newProject(`bulk-${i}`, i === 377 ? { directJobs: -1 } : {}),
          ),
        },
      },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'rows', '377', 'directJobs'], code: 'too_small' }],
    },
  },
  {
    name: 'a bulk import with an unknown region and a repeated slug among good rows',
    setup: async () => ({
      query: IMPORT_PROJECTS,
      variables: {
        input: {
          rows: Array.from({ length: 100 }, (_, i) =>
            newProject(`bulk-${i === 60 ? 59 : i}`, i === 42 ? { region: 'atlantis' } : {}),
          ),
        },
      },
      headers: bearer(await projectsKey()),
    }),
    expected: {
      __typename: 'ValidationError',
      issues: [
        { path: ['input', 'rows', '42', 'region'], code: 'unknown_reference' },
        { path: ['input', 'rows', '60', 'slug'], code: 'duplicate' },
      ],
    },
  },
];

describe('refused writes', () => {
  it.each(refusals)('$name: a typed error, and the database unchanged', expectRefused);
});
