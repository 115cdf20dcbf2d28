// Copies GraphiQL's prebuilt browser bundle from node_modules/@graphql-yoga/graphiql/dist into
// public/graphiql/, where Workers Static Assets serves it, so /graphql's IDE needs no CDN.
// public/graphiql/ is generated (git-ignored): this script owns it and removes stale files there.
// Idempotent: nothing is rewritten when VERSION matches and every file's size and mtime match
// (npm gives all packed files the same mtime, hence the VERSION check).
//
// The page that loads these files is src/graphiql.ts; keep the two in step.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = '@graphql-yoga/graphiql';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'public', 'graphiql');

// dist path -> name under public/graphiql/. The ES build (yoga-graphiql.es.js, 7 MB) is not needed:
// the UMD build is self-contained (React, GraphiQL, Monaco, its own graphql) and sets window.YogaGraphiQL.
// The graphql worker's double dot is upstream's real file name; the copy gets a clean one.
const FILES = {
  'dist/yoga-graphiql.umd.js': 'yoga-graphiql.umd.js',
  'dist/graphiql.css': 'graphiql.css',
  'dist/monacoeditorwork/editor.worker.bundle.js': 'editor.worker.js',
  'dist/monacoeditorwork/json.worker.bundle.js': 'json.worker.js',
  'dist/monacoeditorwork/graphql.worker..bundle.js': 'graphql.worker.js',
  LICENSE: 'LICENSE.txt',
};

function resolvePackageDir() {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    return path.dirname(require.resolve(`${PKG}/package.json`));
  } catch {
    console.error(
      `copy-graphiql: ${PKG} is not installed (it should be a devDependency). Run \`npm install\`.`,
    );
    process.exit(1);
  }
}

const pkgDir = resolvePackageDir();
const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
fs.mkdirSync(outDir, { recursive: true });

const stamp = `${PKG}@${version}\n`;
const versionFile = path.join(outDir, 'VERSION');
const sameVersion = fs.existsSync(versionFile) && fs.readFileSync(versionFile, 'utf8') === stamp;
const wanted = new Set([...Object.values(FILES), 'VERSION']);
let copied = 0;
let total = 0;
for (const [from, to] of Object.entries(FILES)) {
  const src = path.join(pkgDir, from);
  const dest = path.join(outDir, to);
  const s = fs.statSync(src); // throws with the path if upstream renamed a file
  total += s.size;
  const d = fs.statSync(dest, { throwIfNoEntry: false });
  if (sameVersion && d && d.size === s.size && Math.abs(d.mtimeMs - s.mtimeMs) < 2) {
    continue;
  }
  fs.copyFileSync(src, dest);
  fs.utimesSync(dest, s.atime, s.mtime);
  copied++;
  console.log(`copy-graphiql: ${path.relative(root, src)} -> ${path.relative(root, dest)}`);
}

if (!sameVersion) fs.writeFileSync(versionFile, stamp); // last, so an interrupted copy is redone

for (const name of fs.readdirSync(outDir)) {
  if (wanted.has(name)) continue;
  fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
  console.log(`copy-graphiql: removed stale public/graphiql/${name}`);
}

const mb = (total / 1024 / 1024).toFixed(1);
console.log(
  copied
    ? `copy-graphiql: ${PKG}@${version}: copied ${copied} file(s), public/graphiql is ${mb} MB`
    : `copy-graphiql: ${PKG}@${version}: public/graphiql is up to date (${mb} MB)`,
);
