// Builds schema/persisted-operations.json, the operations our own frontend may send by hash: for
// every schema/operations/*.graphql, sha256(printed document) -> printed document (the format of
// GraphQL Code Generator's client preset `persistedDocuments`). The worker serves these over GET
// and caches them at the edge. `--check` exits non-zero when the committed manifest is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print } from 'graphql';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'schema', 'operations');
const out = path.join(root, 'schema', 'persisted-operations.json');

const manifest = {};
for (const file of readdirSync(dir)
  .filter((name) => name.endsWith('.graphql'))
  .sort()) {
  const document = print(parse(readFileSync(path.join(dir, file), 'utf8')));
  const hash = createHash('sha256').update(document).digest('hex');
  manifest[hash] = document;
}
const text = `${JSON.stringify(manifest, null, 2)}\n`;

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
  console.log(`persisted operations ok: ${Object.keys(manifest).length} operations.`);
} else {
  writeFileSync(out, text);
  console.log(
    `wrote ${Object.keys(manifest).length} persisted operations to ${path.relative(root, out)}`,
  );
}
