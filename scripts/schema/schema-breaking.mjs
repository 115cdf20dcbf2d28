// Compares schema/schema.graphql with the newest released snapshot (schema/releases/vN.graphql)
// using @graphql-inspector/core, prints every change, and exits 1 on any BREAKING change whose path
// is not announced in schema/releases/announced-breaks.json ([{ path, reason, announced, release? }])
// for the coming release, and on any registered document (scripts/schema/documents.mjs: Ostan's and
// every team's) that does not validate against the new schema: a team's operation breaks before
// its fields may go. Registered documents that use deprecated fields are listed.
//
//   node scripts/schema/schema-breaking.mjs [--base <old.graphql>] [--schema <new.graphql>]
//                                           [--announced <announced-breaks.json>]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, NoDeprecatedCustomRule, parse, validate } from 'graphql';
import { documentProblems, operationName, registeredDocuments } from './documents.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const releases = path.join(root, 'schema', 'releases');

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    schema: { type: 'string', default: path.join(root, 'schema', 'schema.graphql') },
    announced: { type: 'string', default: path.join(releases, 'announced-breaks.json') },
  },
});

/** The newest snapshot: the highest N among schema/releases/vN.graphql. */
function latestRelease() {
  const snapshots = readdirSync(releases)
    .map((file) => /^v(\d+)\.graphql$/.exec(file))
    .filter((match) => match !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  if (snapshots.length === 0) fail(`no schema/releases/vN.graphql snapshot to compare with`);
  return path.join(releases, snapshots[0][0]);
}

/** N of a `vN` release name (or of a vN.graphql file), else null. */
const releaseNumber = (name) => {
  const match = /^v(\d+)(?:\.graphql)?$/.exec(name);
  return match ? Number(match[1]) : null;
};

function fail(message) {
  console.error(message);
  process.exit(1);
}

function load(file) {
  try {
    return buildSchema(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot build a schema from ${path.relative(root, file)}: ${error.message}`);
  }
}

/** The announced breaks, checked: each needs a path, a reason and an ISO announcement date. */
function loadAnnounced(file) {
  if (!existsSync(file)) return [];
  let entries;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${path.relative(root, file)} is not JSON: ${error.message}`);
  }
  if (!Array.isArray(entries)) fail(`${path.relative(root, file)} must hold an array`);
  entries.forEach((entry, i) => {
    const ok =
      entry &&
      typeof entry.path === 'string' &&
      entry.path !== '' &&
      typeof entry.reason === 'string' &&
      entry.reason.trim() !== '' &&
      typeof entry.announced === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(entry.announced) &&
      (entry.release === undefined || releaseNumber(entry.release) !== null);
    if (!ok) {
      fail(
        `${path.relative(root, file)}[${i}] needs { "path": string, "reason": string, "announced": "YYYY-MM-DD", "release"?: "vN" }`,
      );
    }
  });
  return entries;
}

const basePath = args.base ? path.resolve(args.base) : latestRelease();
const newPath = path.resolve(args.schema);
const announced = loadAnnounced(path.resolve(args.announced));
const announcedByPath = new Map(announced.map((entry) => [entry.path, entry]));
// the release being prepared: the one after the baseline snapshot
const baseNumber = releaseNumber(path.basename(basePath));
const coming = baseNumber === null ? null : baseNumber + 1;
/** An announcement scheduled for a later release does not allow its break yet. */
const due = (entry) =>
  entry.release === undefined || coming === null || releaseNumber(entry.release) <= coming;

const changes = await diff(load(basePath), load(newPath));
console.log(
  `${path.relative(root, basePath)} → ${path.relative(root, newPath)}: ${changes.length} change(s)`,
);

const unannounced = [];
const usedAnnouncements = new Set();
for (const change of changes) {
  const level = change.criticality.level;
  const where = change.path ?? '(schema)';
  let tag = level;
  if (level === CriticalityLevel.Breaking) {
    const entry = announcedByPath.get(where);
    if (entry && due(entry)) {
      usedAnnouncements.add(where);
      tag = `BREAKING (announced ${entry.announced}: ${entry.reason})`;
    } else {
      unannounced.push(change);
    }
  }
  console.log(`  ${tag.padEnd(12)} ${where}: ${change.message}`);
  if (level !== CriticalityLevel.NonBreaking && change.criticality.reason) {
    console.log(`               ${change.criticality.reason}`);
  }
}

for (const entry of announced) {
  if (!due(entry)) {
    console.log(
      `note: ${entry.path} is announced for removal in ${entry.release}: ${entry.reason}`,
    );
  } else if (!usedAnnouncements.has(entry.path)) {
    console.log(
      `note: announced break ${entry.path} matches no breaking change (shipped? remove it)`,
    );
  }
}

// Registered documents against the new schema: a break that a team's operation still uses fails
// here even when announced; the team registers a new version of the operation first.
let documents;
try {
  documents = registeredDocuments();
} catch (error) {
  fail(`cannot read the registered documents: ${error.message}`);
}
const newSdl = readFileSync(newPath, 'utf8');
const broken = documentProblems(documents, newSdl);
const newSchema = buildSchema(newSdl);
for (const document of documents) {
  for (const error of validate(newSchema, parse(document.text), [NoDeprecatedCustomRule])) {
    console.log(
      `note: ${document.team}'s ${operationName(document.text)} (${document.source}) uses a deprecated field: ${error.message}`,
    );
  }
}
console.log(
  `${documents.length} registered document(s) checked against ${path.relative(root, newPath)}.`,
);
if (broken.length > 0) {
  console.error('\nregistered documents that the new schema breaks:');
  for (const problem of broken) console.error(`  ${problem}`);
}

if (unannounced.length > 0) {
  console.error(
    `\n${unannounced.length} unannounced breaking change(s): ${unannounced.map((c) => c.path ?? c.type).join(', ')}.` +
      `\nRestore them, or announce each in ${path.relative(root, path.resolve(args.announced))} ({ "path", "reason", "announced" }).`,
  );
  process.exit(1);
}
if (broken.length > 0) process.exit(1);
console.log('no unannounced breaking changes; every registered document validates.');
