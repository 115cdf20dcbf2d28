/** Shared setup for the partner-writes-*.test.ts files: operations, inputs, keys, refusals. */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { ENTITIES } from '../../src/db/entities';
import type { EntityKind } from '../../src/db/entity';
import { TYPENAMES } from '../../src/graphql/typenames';
import { encodeGlobalId } from '../../src/lib/global-id';
import { gql, gqlData } from '../helpers';
import { checksums, issueKey } from '../partner-keys';

export const RESULT = `__typename
  ... on Error { message }
  ... on ValidationError { issues { path code } }
  ... on ForbiddenError { reason }
  ... on ConflictError { currentVersion }`;

export const CREATE_PROJECT = `mutation ($input: CreateProjectInput!, $key: String) {
  createProject(input: $input, idempotencyKey: $key) {
    ${RESULT}
    ... on Project { id slug version directJobs region { slug } }
  }
}`;

export const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!, $key: String) {
  updateProject(input: $input, idempotencyKey: $key) {
    ${RESULT}
    ... on Project { id slug version directJobs nameEn }
  }
}`;

export const REPORT_PROGRESS = `mutation ($input: ReportProjectProgressInput!) {
  reportProjectProgress(input: $input) { ${RESULT} ... on Project { progressPercent version } }
}`;

export const IMPORT_PROJECTS = `mutation ($input: ImportProjectsInput!) {
  importProjects(input: $input) {
    ${RESULT}
    ... on MutationImportProjectsSuccess { data { slug } }
  }
}`;

/** The global ID and version of the seed project footwear-chain (Qom). */
export async function seedProject() {
  const data = await gqlData<{ project: { id: string; version: number } }>(
    '{ project(slug: "footwear-chain") { id version } }',
  );
  return data.project;
}

export const newProject = (slug = 'qom-test-plant', extra: Record<string, unknown> = {}) => ({
  slug,
  region: 'qom-city',
  sector: 'footwear',
  nameFa: 'کارخانه آزمایشی',
  nameEn: 'Test plant',
  status: 'PLANNED',
  directJobs: 40,
  ...extra,
});

export const projectsKey = () => issueKey({ scopes: ['write:projects'], regions: ['qom'] });

export type Row = Record<string, unknown>;

type Setup = () => Promise<{
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}>;

/** A refused write: the typed result it gets, and nothing written. */
export interface Refusal {
  name: string;
  setup: Setup;
  /** the typed result of the mutation */
  expected?: Record<string, unknown>;
  /** GraphQL type errors (wrong type, unknown enum) are refused before execution, at the top level */
  topLevel?: RegExp;
  /** refused at the HTTP layer before GraphQL runs: the status and the error's code */
  http?: { status: number; code: string };
}

/** Each refusal row's test: sends the write, checks the typed error and that nothing changed. */
export async function expectRefused(c: Refusal) {
  const { query, variables, headers } = await c.setup();
  const before = await checksums();
  const { status, body } = await gql<Record<string, Record<string, unknown>>>(
    query,
    variables,
    headers,
  );
  if (c.http) {
    expect(status).toBe(c.http.status);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe(c.http.code);
  } else if (c.topLevel) {
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(c.topLevel);
  } else {
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const result = Object.values(body.data ?? {})[0];
    expect(result).toMatchObject(c.expected ?? {});
    expect(typeof result?.message).toBe('string');
  }
  expect(await checksums()).toEqual(before);
}

/** Every row of every entity the feed covers, as the feed gives rows. */
export async function currentData(): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const [kind, { table, columns }] of Object.entries(ENTITIES)) {
    const result = await env.DB.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all<Row>();
    for (const row of result.results) rows.set(`${kind}:${row.id}`, row);
  }
  return rows;
}

/** The data rebuilt by replaying the GraphQL change feed from the start, page by page. */
export async function replayFeed(): Promise<{
  rebuilt: Map<string, Row>;
  pages: number;
  cursor: string;
}> {
  const rebuilt = new Map<string, Row>();
  let cursor = '0';
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
      { since: cursor },
    );
    for (const change of page.changes.changes) {
      const kind = change.entity.toLowerCase() as EntityKind;
      expect(change.objectId).toBe(encodeGlobalId(TYPENAMES[kind], change.entityId));
      if (change.op === 'DELETE') rebuilt.delete(`${kind}:${change.entityId}`);
      else rebuilt.set(`${kind}:${change.entityId}`, change.data as Row);
    }
    cursor = page.changes.cursor;
    pages += 1;
    if (!page.changes.hasMore) break;
  }
  return { rebuilt, pages, cursor };
}
