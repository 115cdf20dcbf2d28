/// <reference types="vite/client" />
// Trusted documents: every registered document (Ostan's own and the teams' under schema/documents/)
// is in the manifest under the SHA-256 of its text, selects __typename everywhere, and is served by
// GraphQL-over-HTTP `documentId` over GET (edge-cached, ETag, data-version invalidation) and POST.
import { env, exports } from 'cloudflare:workers';
import { Kind, type OperationDefinitionNode, parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import manifest from '../../schema/persisted-operations.json';
import { advanceDataVersion } from '../../src/http/data-version';
import { registeredDocumentId } from '../helpers';

const URL_ = 'http://ostan.test/graphql';
const documents = Object.entries(manifest as Record<string, string>);

const sources = import.meta.glob<string>(
  ['../../schema/operations/*.graphql', '../../schema/documents/**/*.graphql'],
  { query: '?raw', import: 'default', eager: true },
);
const sourceOperations = Object.values(sources).flatMap((source) =>
  parse(source)
    .definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    )
    .map((operation) => operation.name?.value ?? ''),
);

async function sha256(text: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown> & { cost?: { d1Queries: number } };
}

const getById = (documentId: string, variables: object, headers: Record<string, string> = {}) =>
  exports.default.fetch(
    `${URL_}?${new URLSearchParams({ documentId, variables: JSON.stringify(variables) })}`,
    { headers: { accept: 'application/graphql-response+json', ...headers } },
  );

/** GETs until the entry written in waitUntil answers. */
async function getHit(documentId: string, variables: object) {
  let response = await getById(documentId, variables);
  for (let i = 0; i < 10 && response.headers.get('x-cache') !== 'HIT'; i++) {
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
    response = await getById(documentId, variables);
  }
  return response;
}

describe('the registry', () => {
  it('registers every operation of schema/operations and schema/documents', () => {
    expect(sourceOperations.length).toBeGreaterThanOrEqual(9);
    for (const name of sourceOperations)
      expect(registeredDocumentId(name)).toMatch(/^[0-9a-f]{64}$/);
    expect(documents).toHaveLength(sourceOperations.length);
  });

  it.each(documents)('%s is the SHA-256 of its text', async (id, text) => {
    expect(await sha256(text)).toBe(id);
  });

  it.each(documents)('%s selects __typename in every selection set', (_id, text) => {
    const missing: string[] = [];
    visit(parse(text), {
      SelectionSet(node, _key, parent) {
        const has = node.selections.some(
          (selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename',
        );
        if (!has) missing.push((parent as { kind?: string })?.kind ?? '?');
      },
    });
    expect(missing).toEqual([]);
  });
});

describe('documentId', () => {
  const id = registeredDocumentId('PartnerProjects');
  const variables = { region: 'qom', first: 5 };

  it("serves a team's document over GET from the edge cache: MISS, HIT without D1, ETag and 304", async () => {
    await advanceDataVersion(env); // a fresh version: no other test's entry can answer
    const miss = await getById(`sha256:${id}`, variables);
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const first = (await miss.json()) as Body;
    expect(first.errors).toBeUndefined();
    const projects = first.data?.projects as {
      totalCount: number;
      nodes: { __typename: string; region: { __typename: string } }[];
    };
    expect(projects.totalCount).toBeGreaterThan(0);
    expect(projects.nodes[0]).toMatchObject({
      __typename: 'Project',
      region: { __typename: 'Region' },
    });

    const hit = await getHit(`sha256:${id}`, variables);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const second = (await hit.json()) as Body;
    expect(second.data).toEqual(first.data);
    expect(second.extensions?.cost).toEqual({ d1Queries: 0, d1RowsRead: 0 });
    const etag = hit.headers.get('etag') ?? '';
    expect(etag).toBe(miss.headers.get('etag'));

    // the bare hex names the same document, and so the same entry
    const bare = await getById(id, variables, { 'if-none-match': etag });
    expect(bare.status).toBe(304);
    expect(bare.headers.get('x-cache')).toBe('HIT');

    // a write moves the data version on: the next read runs again
    await advanceDataVersion(env);
    const after = await getById(`sha256:${id}`, variables);
    expect(after.headers.get('x-cache')).toBe('MISS');
    await after.arrayBuffer();
  });

  it('serves POST { documentId, variables } (not cached: the Cache API keys GETs)', async () => {
    const response = await exports.default.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        documentId: `sha256:${registeredDocumentId('PartnerSearch')}`,
        variables: { text: 'خورشیدی' },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBeNull();
    const body = (await response.json()) as Body;
    expect(body.errors).toBeUndefined();
    const page = body.data?.searchConnection as { totalCount: number; nodes: unknown[] };
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.nodes.length).toBeGreaterThan(0);
  });

  it("serves Ostan's own operations by documentId too", async () => {
    const response = await getById(`sha256:${registeredDocumentId('ProvinceOverview')}`, {
      slug: 'qom',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    expect(body.errors).toBeUndefined();
    expect(body.data?.region).toMatchObject({ __typename: 'Region', slug: 'qom' });
  });
});
