/** Partner writes through the worker's fetch: keys, scopes, regions, input rules, versions, replays. */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ENTITIES, type EntityKind } from '../../src/db/writes/entities';
import { encodeGlobalId } from '../../src/lib/global-id';
import { gql, gqlData } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';

const RESULT = `__typename
  ... on Error { message }
  ... on ValidationError { issues { path code } }
  ... on ForbiddenError { reason }
  ... on ConflictError { currentVersion }`;

const CREATE_PROJECT = `mutation ($input: CreateProjectInput!, $key: String) {
  createProject(input: $input, idempotencyKey: $key) {
    ${RESULT}
    ... on Project { id slug version directJobs region { slug } }
  }
}`;

const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!, $key: String) {
  updateProject(input: $input, idempotencyKey: $key) {
    ${RESULT}
    ... on Project { id slug version directJobs nameEn }
  }
}`;

const REPORT_PROGRESS = `mutation ($input: ReportProjectProgressInput!) {
  reportProjectProgress(input: $input) { ${RESULT} ... on Project { progressPercent version } }
}`;

const CREATE_ENERGY_ASSET = `mutation ($input: CreateEnergyAssetInput!) {
  createEnergyAsset(input: $input) { ${RESULT} ... on EnergyAsset { slug capacityMw } }
}`;

const IMPORT_PROJECTS = `mutation ($input: ImportProjectsInput!) {
  importProjects(input: $input) {
    ${RESULT}
    ... on MutationImportProjectsSuccess { data { slug } }
  }
}`;

/** The global ID and version of the seed project footwear-chain (Qom). */
async function seedProject() {
  const data = await gqlData<{ project: { id: string; version: number } }>(
    '{ project(slug: "footwear-chain") { id version } }',
  );
  return data.project;
}

const newProject = (slug = 'qom-test-plant', extra: Record<string, unknown> = {}) => ({
  slug,
  region: 'qom-city',
  sector: 'footwear',
  nameFa: 'کارخانه آزمایشی',
  nameEn: 'Test plant',
  status: 'PLANNED',
  directJobs: 40,
  ...extra,
});

type Setup = () => Promise<{
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}>;

const projectsKey = () => issueKey({ scopes: ['write:projects'], regions: ['qom'] });

/** Every refused write: the typed result it gets, and nothing written. */
const refusals: {
  name: string;
  setup: Setup;
  expected: Record<string, unknown>;
  /** GraphQL type errors (wrong type, unknown enum) are refused before execution, at the top level */
  topLevel?: RegExp;
}[] = [
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
    expected: { __typename: 'ForbiddenError', reason: 'INVALID_KEY' },
  },
  {
    name: 'a revoked key',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject() },
      headers: bearer(await issueKey({ scopes: ['write:projects'], revoked: true })),
    }),
    expected: { __typename: 'ForbiddenError', reason: 'REVOKED_KEY' },
  },
  {
    name: 'a revoked key with bad input (refused for the key, not the input)',
    setup: async () => ({
      query: CREATE_PROJECT,
      variables: { input: newProject('x', { directJobs: -5 }) },
      headers: bearer(await issueKey({ scopes: ['write:projects'], revoked: true })),
    }),
    expected: { __typename: 'ForbiddenError', reason: 'REVOKED_KEY' },
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
  it.each(refusals)('$name: a typed error, and the database unchanged', async (c) => {
    const { query, variables, headers } = await c.setup();
    const before = await checksums();
    const { status, body } = await gql<Record<string, Record<string, unknown>>>(
      query,
      variables,
      headers,
    );
    if (c.topLevel) {
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.message).toMatch(c.topLevel);
    } else {
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const result = Object.values(body.data ?? {})[0];
      expect(result).toMatchObject(c.expected);
      expect(typeof result?.message).toBe('string');
    }
    expect(await checksums()).toEqual(before);
  });
});

describe('accepted writes', () => {
  it('creates, updates, reports progress and deletes a project, bumping its version', async () => {
    const headers = bearer(await projectsKey());
    const created = await gqlData<{ createProject: { id: string; version: number } }>(
      CREATE_PROJECT,
      { input: newProject() },
      headers,
    );
    expect(created.createProject).toMatchObject({
      __typename: 'Project',
      slug: 'qom-test-plant',
      version: 1,
      directJobs: 40,
      region: { slug: 'qom-city' },
    });
    const { id } = created.createProject;
    const updated = await gqlData<{ updateProject: { version: number } }>(
      UPDATE_PROJECT,
      { input: { id, version: 1, changes: { nameEn: 'Renamed plant', directJobs: 55 } } },
      headers,
    );
    expect(updated.updateProject).toMatchObject({
      version: 2,
      nameEn: 'Renamed plant',
      directJobs: 55,
    });
    const progress = await gqlData(
      REPORT_PROGRESS,
      { input: { id, version: 2, progressPercent: 35.5 } },
      headers,
    );
    expect(progress).toEqual({
      reportProjectProgress: { __typename: 'Project', progressPercent: 35.5, version: 3 },
    });
    // the search index follows the write
    const found = await gqlData<{ search: unknown }>(
      '{ search(text: "Renamed plant") { nodes { __typename ... on Project { slug } } } }',
    ).catch(() => null);
    if (found) expect(JSON.stringify(found)).toContain('qom-test-plant');
    const deleted = await gqlData(
      'mutation ($input: DeleteInput!) { deleteProject(input: $input) { __typename ... on DeletedObject { id version } } }',
      { input: { id, version: 3 } },
      headers,
    );
    expect(deleted).toEqual({ deleteProject: { __typename: 'DeletedObject', id, version: 4 } });
    expect(await gqlData('{ project(slug: "qom-test-plant") { slug } }')).toEqual({
      project: null,
    });
  });

  it('replays an idempotency key: the first result, nothing written twice', async () => {
    const headers = bearer(await projectsKey());
    const first = await gqlData(CREATE_PROJECT, { input: newProject(), key: 'retry-1' }, headers);
    const before = await checksums();
    const again = await gqlData(CREATE_PROJECT, { input: newProject(), key: 'retry-1' }, headers);
    expect(again).toEqual(first);
    const { api_keys: _lastUsed, ...rest } = await checksums();
    const { api_keys: _lastUsedBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  it('records a claim with a new source, and moves the preference with a reason', async () => {
    const headers = bearer(await issueKey({ scopes: ['write:claims'] }));
    const RECORD = `mutation ($input: RecordClaimInput!) { recordClaim(input: $input) {
      ${RESULT} ... on Claim { id version slug preferred preferredReason source { slug publisher } } } }`;
    const claim = (slug: string, value: number) => ({
      slug,
      source: {
        slug: 'test-report-1',
        kind: 'NEWS',
        publisher: 'Test Agency',
        language: 'fa',
        publishedOn: '2025-09-01',
      },
      indicator: 'capacity_mw',
      subject: { kind: 'REGION', slug: 'qom' },
      value,
      unit: 'MW',
      measure: 'LEVEL',
      comparisonKey: 'test-capacity',
    });
    const first = await gqlData<{ recordClaim: { id: string; version: number } }>(
      RECORD,
      { input: claim('t-1', 40) },
      headers,
    );
    expect(first.recordClaim).toMatchObject({
      preferred: true,
      preferredReason: 'Only report of this figure.',
      source: { slug: 'test-report-1', publisher: 'Test Agency' },
    });
    const second = await gqlData<{ recordClaim: { id: string; version: number } }>(
      RECORD,
      { input: claim('t-2', 45) },
      headers,
    );
    expect(second.recordClaim).toMatchObject({
      preferred: false,
      source: { slug: 'test-report-1' },
    });
    const marked = await gqlData(
      `mutation ($input: MarkClaimPreferredInput!) { markClaimPreferred(input: $input) { ${RESULT} ... on Claim { slug preferred preferredReason version alternatives { slug preferred } } } }`,
      { input: { id: second.recordClaim.id, version: 1, reason: 'Newer official figure.' } },
      headers,
    );
    expect(marked).toMatchObject({
      markClaimPreferred: {
        slug: 't-2',
        preferred: true,
        preferredReason: 'Newer official figure.',
        version: 2,
        alternatives: [{ slug: 't-1', preferred: false }],
      },
    });
  });

  it('imports 500 projects in one call', async () => {
    const headers = bearer(await projectsKey());
    const rows = Array.from({ length: 500 }, (_, i) => newProject(`bulk-${i}`, { directJobs: i }));
    const result = await gqlData<{ importProjects: { data: { slug: string }[] } }>(
      IMPORT_PROJECTS,
      { input: { rows } },
      headers,
    );
    expect(result.importProjects.data.map((p) => p.slug)).toEqual(rows.map((r) => r.slug));
  });

  it('records the key’s last use only with a committed write', async () => {
    const key = await projectsKey();
    const lastUsed = () =>
      env.DB.prepare('SELECT last_used_at AS at FROM api_keys ORDER BY id DESC LIMIT 1').first<{
        at: string | null;
      }>();
    await gql(CREATE_PROJECT, { input: newProject('p', { directJobs: -1 }) }, bearer(key));
    expect(await lastUsed()).toEqual({ at: null });
    await gqlData(CREATE_PROJECT, { input: newProject() }, bearer(key));
    expect((await lastUsed())?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('no lost updates', () => {
  it('two keys updating one project at once: one success, one ConflictError', async () => {
    const [a, b] = await Promise.all([projectsKey(), projectsKey()]);
    const project = await seedProject();
    const results = await Promise.all(
      [
        [a, 111],
        [b, 222],
      ].map(([key, jobs]) =>
        gql<{
          updateProject: { __typename: string; directJobs?: number; currentVersion?: number };
        }>(
          UPDATE_PROJECT,
          { input: { ...project, changes: { directJobs: jobs } } },
          bearer(key as string),
        ),
      ),
    );
    const outcomes = results.map((r) => r.body.data?.updateProject);
    expect(outcomes.map((o) => o?.__typename).sort()).toEqual(['ConflictError', 'Project']);
    const winner = outcomes.find((o) => o?.__typename === 'Project');
    expect(outcomes.find((o) => o?.__typename === 'ConflictError')).toMatchObject({
      currentVersion: 2,
    });
    const stored = await env.DB.prepare(
      "SELECT direct_jobs AS jobs, version FROM projects WHERE slug = 'footwear-chain'",
    ).first();
    expect(stored).toEqual({ jobs: winner?.directJobs, version: 2 });
  });
});

type Row = Record<string, unknown>;

/** Every row of every entity the feed covers, as the feed gives rows. */
async function currentData(): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const [kind, { table, columns }] of Object.entries(ENTITIES)) {
    const result = await env.DB.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all<Row>();
    for (const row of result.results) rows.set(`${kind}:${row.id}`, row);
  }
  return rows;
}

describe('the change feed', () => {
  it('replayed from the start, rebuilds the current data exactly', async () => {
    const projectsHeaders = bearer(await projectsKey());
    const claimsHeaders = bearer(await issueKey({ scopes: ['write:claims'] }));
    const created = await gqlData<{ createProject: { id: string } }>(
      CREATE_PROJECT,
      { input: newProject('replay-a') },
      projectsHeaders,
    );
    await gqlData(CREATE_PROJECT, { input: newProject('replay-b') }, projectsHeaders);
    await gqlData(
      UPDATE_PROJECT,
      {
        input: {
          id: created.createProject.id,
          version: 1,
          changes: { directJobs: 9, sector: null },
        },
      },
      projectsHeaders,
    );
    const b = await gqlData<{ project: { id: string } }>('{ project(slug: "replay-b") { id } }');
    await gqlData(
      'mutation ($input: DeleteInput!) { deleteProject(input: $input) { __typename } }',
      { input: { id: b.project.id, version: 1 } },
      projectsHeaders,
    );
    await gqlData(
      `mutation ($input: RecordClaimInput!) { recordClaim(input: $input) { __typename } }`,
      {
        input: {
          slug: 'replay-claim',
          source: { slug: 'replay-source', kind: 'OFFICIAL', publisher: 'Test', language: 'en' },
          indicator: 'capacity_mw',
          subject: { kind: 'PROJECT', slug: 'replay-a' },
          value: 3,
          measure: 'LEVEL',
        },
      },
      claimsHeaders,
    );

    // GraphQL, page by page
    const rebuilt = new Map<string, Row>();
    let since = '0';
    let pages = 0;
    for (;;) {
      const page = await gqlData<{
        changes: {
          cursor: string;
          hasMore: boolean;
          changes: {
            op: string;
            entity: string;
            entityId: number;
            objectId: string;
            data: Row | null;
          }[];
        };
      }>(
        'query ($since: String) { changes(since: $since, first: 200) { cursor hasMore changes { op entity entityId objectId data } } }',
        { since },
      );
      for (const change of page.changes.changes) {
        const kind = change.entity.toLowerCase() as EntityKind;
        expect(change.objectId).toBe(encodeGlobalId(ENTITIES[kind].typename, change.entityId));
        if (change.op === 'DELETE') rebuilt.delete(`${kind}:${change.entityId}`);
        else rebuilt.set(`${kind}:${change.entityId}`, change.data as Row);
      }
      since = page.changes.cursor;
      pages += 1;
      if (!page.changes.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1);
    const current = await currentData();
    expect(rebuilt.size).toBe(current.size);
    expect(Object.fromEntries(rebuilt)).toEqual(Object.fromEntries(current));

    // the same feed as NDJSON
    const fromScript = new Map<string, Row>();
    let cursor = '0';
    for (;;) {
      const response = await exports.default.fetch(
        `http://ostan.test/changes?since=${cursor}&limit=1000`,
      );
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = (await response.text())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      for (const change of lines) {
        if (change.op === 'delete') fromScript.delete(`${change.entity}:${change.entityId}`);
        else fromScript.set(`${change.entity}:${change.entityId}`, change.data);
      }
      cursor = response.headers.get('x-next-cursor') as string;
      if (response.headers.get('x-has-more') !== 'true') break;
    }
    expect(Object.fromEntries(fromScript)).toEqual(Object.fromEntries(current));
    expect(cursor).toBe(since);
  });

  it('refuses a cursor it did not give', async () => {
    const { body } = await gql('{ changes(since: "abc") { cursor } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'since',
    });
    const response = await exports.default.fetch('http://ostan.test/changes?since=-1');
    expect(response.status).toBe(400);
  });
});

describe('the audit log', () => {
  const AUDIT = `{ auditLog { __typename ... on ForbiddenError { reason }
    ... on AuditPage { entries { keyName operation entity requestId before after } } } }`;

  it('records who did what, before and after; only admin keys read it', async () => {
    const writer = await issueKey({ scopes: ['write:projects'], name: 'Qom statistics office' });
    const project = await seedProject();
    await gqlData(
      UPDATE_PROJECT,
      { input: { ...project, changes: { directJobs: 12 } } },
      { ...bearer(writer), 'cf-ray': 'ray-123' },
    );
    expect(await gqlData(AUDIT, {}, bearer(writer))).toEqual({
      auditLog: { __typename: 'ForbiddenError', reason: 'SCOPE' },
    });
    const admin = await issueKey({ scopes: ['admin'] });
    const data = await gqlData<{ auditLog: { entries: { before: Row; after: Row }[] } }>(
      AUDIT,
      {},
      bearer(admin),
    );
    expect(data.auditLog.entries).toHaveLength(1);
    expect(data.auditLog.entries[0]).toMatchObject({
      keyName: 'Qom statistics office',
      operation: 'updateProject',
      entity: 'PROJECT',
      requestId: 'ray-123',
      before: { slug: 'footwear-chain', version: 1 },
      after: { slug: 'footwear-chain', version: 2, direct_jobs: 12 },
    });
  });
});
