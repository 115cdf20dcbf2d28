// Registers the trusted documents (scripts/schema/documents.mjs: schema/operations/*.graphql and
// schema/documents/<team>/): validates each against schema/schema.graphql and writes
// schema/persisted-operations.json, sha256 hex → document, which the worker serves by `documentId`
// or APQ hash over GET (edge-cached) and POST. `--check` exits non-zero when the committed manifest
// is stale or a document no longer validates.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentProblems, registeredDocuments, root } from './documents.mjs';

const out = path.join(root, 'schema', 'persisted-operations.json');

let documents;
try {
  documents = registeredDocuments();
} catch (error) {
  console.error(`cannot register documents: ${error.message}`);
  process.exit(1);
}
const problems = documentProblems(
  documents,
  readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8'),
);
if (problems.length > 0) {
  console.error(`registered documents that do not validate against schema/schema.graphql:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}

const manifest = {};
for (const document of documents) manifest[document.id] = document.text;
const text = `${JSON.stringify(manifest, null, 2)}\n`;
const teams = [...new Set(documents.map((document) => document.team))];
const summary = `${Object.keys(manifest).length} documents of ${teams.length} team(s): ${teams.join(', ')}`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(out, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== text) {
    console.error('schema/persisted-operations.json is stale: run `npm run manifest:build`.');
    process.exit(1);
  }
  console.log(`persisted operations ok: ${summary}.`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${summary} to ${path.relative(root, out)}`);
}
