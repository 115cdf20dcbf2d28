/** Accepted partner writes: projects, claims, imports, idempotency replays, the audit log. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';
import {
  CREATE_PROJECT,
  IMPORT_PROJECTS,
  newProject,
  projectsKey,
  REPORT_PROGRESS,
  RESULT,
  type Row,
  seedProject,
  UPDATE_PROJECT,
} from './partner-writes-helpers';

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
    const found = await gqlData<{ searchConnection: { nodes: { node: { slug?: string } }[] } }>(
      '{ searchConnection(text: "Renamed plant") { nodes { node { ... on Project { slug } } } } }',
    );
    expect(found.searchConnection.nodes.map((hit) => hit.node.slug)).toContain('qom-test-plant');
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
