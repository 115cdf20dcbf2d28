/** Partner writes racing and replayed: two keys on one project, the change feed rebuilding data. */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';
import { bearer, issueKey } from '../partner-keys';
import {
  CREATE_PROJECT,
  currentData,
  newProject,
  projectsKey,
  type Row,
  replayFeed,
  seedProject,
  UPDATE_PROJECT,
} from './partner-writes-helpers';

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
    const { rebuilt, pages, cursor: since } = await replayFeed();
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
