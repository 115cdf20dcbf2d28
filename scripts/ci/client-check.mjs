// Trusted documents end to end, as a partner's frontend would use them, in Node against a local
// `wrangler dev`:
//  1. GraphQL Code Generator's client preset (`persistedDocuments: true`, __typename added by its
//     addTypenameSelectionDocumentTransform) builds the example agency's operations
//     (schema/documents/example-agency/*.graphql); its hashes must be the ids the registry gave them.
//  2. In a copy of the repository without that team, its persisted-documents.json is registered
//     as a new team with `npm run manifest:build`, and the copy is served with `wrangler dev`.
//  3. GET ?documentId=sha256:… answers MISS and then an edge-cache HIT; POST { documentId } answers.
//  4. Apollo Client 4 (PersistedQueryLink, hashed queries over GET) runs a registered team document
//     and Ostan's own ProjectsList, and finds the projects and regions normalised in its cache,
//     with fragments readable back from it and no warnings.
// Prints one line per step and `client-check: passed` or `client-check: failed`; exits 1 on failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generate } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { Kind, parse } from 'graphql';
import { operationName, root } from '../schema/documents.mjs';
import { startDevServer } from './dev-server.mjs';

const PORT = 8792;
const TEAM = 'example-agency';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ostan-client-check-'));
const failures = [];

function step(name, ok, detail = '') {
  console.log(`client-check: ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures.push(name);
  return ok;
}

/** 1. The client preset's persisted documents for the team's operations: { "sha256:<hex>": text }. */
async function buildWithClientPreset() {
  const out = path.join(work, 'codegen');
  await generate(
    {
      schema: path.join(root, 'schema', 'schema.graphql'),
      documents: [path.join(root, 'schema', 'documents', TEAM, '*.graphql')],
      silent: true,
      generates: {
        [`${out}/`]: {
          preset: 'client',
          presetConfig: { persistedDocuments: true, fragmentMasking: false },
          documentTransforms: [addTypenameSelectionDocumentTransform],
        },
      },
    },
    true,
  );
  return JSON.parse(fs.readFileSync(path.join(out, 'persisted-documents.json'), 'utf8'));
}

/** 2. A copy of the repository (node_modules linked) without the team, which then registers it. */
function registerInCopy(persisted) {
  const copy = path.join(work, 'repo');
  fs.mkdirSync(copy);
  for (const entry of ['src', 'schema', 'scripts', 'migrations', 'public', 'data']) {
    if (fs.existsSync(path.join(root, entry))) {
      fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
    }
  }
  for (const file of ['package.json', 'wrangler.toml', 'tsconfig.json']) {
    fs.copyFileSync(path.join(root, file), path.join(copy, file));
  }
  fs.mkdirSync(path.join(copy, 'public'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  fs.rmSync(path.join(copy, 'schema', 'documents', TEAM), { recursive: true });
  const team = path.join(copy, 'schema', 'documents', 'client-check');
  fs.mkdirSync(team, { recursive: true });
  fs.writeFileSync(path.join(team, 'persisted-documents.json'), JSON.stringify(persisted, null, 2));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '-s', 'manifest:build'], { cwd: copy, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`.trim();
  step('npm run manifest:build registers the client-preset documents', result.status === 0, output);
  return copy;
}

async function getById(base, documentId, variables) {
  const params = new URLSearchParams({ documentId, variables: JSON.stringify(variables) });
  const response = await fetch(`${base}/graphql?${params}`, {
    headers: { accept: 'application/graphql-response+json' },
  });
  return {
    cache: response.headers.get('x-cache'),
    status: response.status,
    body: await response.json(),
  };
}

/** 3. documentId over GET (MISS, then HIT) and POST. */
async function checkDocumentId(base, persisted) {
  const [hash] = Object.entries(persisted).find(
    ([, text]) => operationName(text) === 'PartnerProjects',
  );
  const variables = { region: 'qom', first: 5 };
  const miss = await getById(base, hash, variables);
  const total = miss.body.data?.projects?.totalCount ?? 0;
  step(
    'GET ?documentId= answers with data (MISS)',
    miss.status === 200 && miss.cache === 'MISS' && total > 0,
    `${miss.status} ${miss.cache} totalCount ${total}`,
  );
  let hit = miss;
  for (let i = 0; i < 20 && hit.cache !== 'HIT'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    hit = await getById(base, hash, variables);
  }
  step(
    'the same GET again is an edge-cache HIT with the same data and no D1',
    hit.cache === 'HIT' &&
      JSON.stringify(hit.body.data) === JSON.stringify(miss.body.data) &&
      hit.body.extensions?.cost?.d1Queries === 0,
    `${hit.cache}, d1Queries ${hit.body.extensions?.cost?.d1Queries}`,
  );
  const [searchHash] = Object.entries(persisted).find(
    ([, text]) => operationName(text) === 'PartnerSearch',
  );
  const posted = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ documentId: searchHash, variables: { text: 'خورشیدی' } }),
  });
  const body = await posted.json();
  step(
    'POST { documentId, variables } answers with data',
    posted.status === 200 && body.data?.searchConnection?.totalCount > 0,
    `${posted.status}`,
  );
}

/** 4. Apollo Client over GET, by hash, with a normalising cache. */
async function checkApollo(base, idByName) {
  const warnings = [];
  const methods = new Set();
  const original = { warn: console.warn, error: console.error };
  console.warn = (...args) => warnings.push(args.join(' '));
  console.error = (...args) => warnings.push(args.join(' '));
  try {
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink({
        generateHash: (document) => idByName.get(nameOf(document)),
        useGETForHashedQueries: true,
        // trusted documents: never fall back to sending the text
        retry: () => false,
      }).concat(
        new HttpLink({
          uri: `${base}/graphql`,
          fetch: (url, init) => {
            methods.add(init?.method ?? 'GET');
            return fetch(url, init);
          },
        }),
      ),
    });
    const team = fs.readFileSync(
      path.join(root, 'schema', 'documents', TEAM, 'PartnerProjects.graphql'),
      'utf8',
    );
    const fragments = fs.readFileSync(
      path.join(root, 'schema', 'documents', TEAM, 'fragments.graphql'),
      'utf8',
    );
    const partner = await client.query({
      query: parse(`${team}\n${fragments}`),
      variables: { region: 'qom', first: 5, lang: 'EN' },
    });
    const ownSource = fs.readFileSync(
      path.join(root, 'schema', 'operations', 'ProjectsList.graphql'),
      'utf8',
    );
    const own = await client.query({
      query: parse(ownSource),
      variables: { filter: { region: 'qom' }, first: 5, lang: 'EN' },
    });
    const cache = client.cache.extract();
    const projectKeys = Object.keys(cache).filter((key) => key.startsWith('Project:'));
    const regionKeys = Object.keys(cache).filter((key) => key.startsWith('Region:'));
    const first = partner.data?.projects?.nodes?.[0];
    const row =
      first &&
      client.readFragment({
        id: client.cache.identify(first),
        fragment: parse(fragments),
        variables: { lang: 'EN' },
      });
    const ownFirst = own.data?.projects?.edges?.[0]?.node;
    const ownRow =
      ownFirst &&
      client.readFragment({
        id: client.cache.identify(ownFirst),
        fragment: {
          kind: Kind.DOCUMENT,
          definitions: parse(ownSource).definitions.filter(
            (definition) => definition.kind === Kind.FRAGMENT_DEFINITION,
          ),
        },
        fragmentName: 'ProjectListRow',
      });
    step(
      'Apollo Client sent its hashed queries over GET',
      methods.size === 1 && methods.has('GET'),
      [...methods].join(','),
    );
    step(
      'Apollo Client normalised the projects and regions in its cache',
      projectKeys.length >= 5 && regionKeys.length >= 1 && cache.ROOT_QUERY !== undefined,
      `${projectKeys.length} Project, ${regionKeys.length} Region entries`,
    );
    step(
      "fragments read back from Apollo's cache (the team's PartnerProjectRow, Ostan's ProjectListRow)",
      row?.slug === first?.slug &&
        row?.region?.__typename === 'Region' &&
        ownRow?.slug === ownFirst?.slug,
    );
    step(
      'Apollo Client printed no warnings',
      warnings.length === 0,
      warnings.join(' | ').slice(0, 500),
    );
    client.stop();
  } finally {
    Object.assign(console, original);
  }
}

/** The name of a document's operation. */
function nameOf(document) {
  return document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
}

let server;
try {
  const persisted = await buildWithClientPreset();
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, 'schema', 'persisted-operations.json'), 'utf8'),
  );
  const presetIds = Object.keys(persisted);
  step(
    "the client preset's hashes are `sha256:` + the ids the registry gave the team's .graphql files",
    presetIds.length === 2 &&
      presetIds.every((id) => id.startsWith('sha256:') && Object.hasOwn(manifest, id.slice(7))),
    presetIds.join(', '),
  );
  const copy = registerInCopy(persisted);
  server = await startDevServer({ cwd: copy, port: PORT });
  await checkDocumentId(server.base, persisted);
  const idByName = new Map(Object.entries(manifest).map(([id, text]) => [operationName(text), id]));
  await checkApollo(server.base, idByName);
} catch (error) {
  step('client-check ran to the end', false, error.stack ?? String(error));
} finally {
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`client-check: ${failures.length === 0 ? 'passed' : 'failed'}`);
process.exit(failures.length === 0 ? 0 : 1);
