// Checks that the projects table agrees with data/money-units.json: the investment_unit CHECK
// lists the same units in the same order, and the generated investment_rial column multiplies by
// the same factors (IRR units) and gives NULL for the rest. The newest migration that defines the
// column is the one read. Migrations are never edited, so a change of factor is a new migration
// and a change of this file together; this check fails until both agree.
//
//   node scripts/data/check-money-units.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const units = JSON.parse(readFileSync(join(root, 'data', 'money-units.json'), 'utf8')).units;

const COLUMN =
  /investment_rial\s+REAL\s+GENERATED\s+ALWAYS\s+AS\s*\(\s*CASE\s+investment_unit\s+([\s\S]*?)\bEND\b/i;
const ALLOWED = /investment_unit\s+TEXT\s+CHECK\s*\(\s*investment_unit\s+IN\s*\(([^)]*)\)/i;
const WHEN = /^WHEN\s+'([a-z_]+)'\s+THEN\s+investment_amount(?:\s*\*\s*([0-9.]+(?:e[0-9]+)?))?$/i;

/** The newest migration whose text matches `pattern`: [file name, match]. */
function newest(pattern) {
  const files = readdirSync(join(root, 'migrations'))
    .filter((name) => /^\d{4}_.+\.sql$/.test(name))
    .sort()
    .reverse();
  for (const name of files) {
    const match = pattern.exec(readFileSync(join(root, 'migrations', name), 'utf8'));
    if (match) return [name, match];
  }
  fail(`no migration matches ${pattern}`);
}

function fail(message) {
  console.error(`check-money-units: ${message}`);
  process.exit(1);
}

const problems = [];

const [allowedFile, allowedMatch] = newest(ALLOWED);
const allowed = [...allowedMatch[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
if (allowed.join() !== Object.keys(units).join()) {
  problems.push(
    `${allowedFile}: investment_unit IN (${allowed.join(', ')}), data/money-units.json has ` +
      `${Object.keys(units).join(', ')}`,
  );
}

const [columnFile, columnMatch] = newest(COLUMN);
const inSql = new Map();
for (const line of columnMatch[1]
  .split('\n')
  .map((text) => text.trim())
  .filter(Boolean)) {
  const when = WHEN.exec(line);
  if (!when) {
    problems.push(`${columnFile}: cannot read "${line}" in investment_rial's CASE`);
    continue;
  }
  inSql.set(when[1], when[2] === undefined ? 1 : Number(when[2]));
}
for (const [name, unit] of Object.entries(units)) {
  const want = unit.currency === 'IRR' ? unit.factor : undefined;
  const got = inSql.get(name);
  if (got !== want) {
    problems.push(
      `${columnFile}: investment_rial for '${name}' is ${got === undefined ? 'NULL' : `× ${got}`}, ` +
        `data/money-units.json says ${want === undefined ? 'NULL' : `× ${want}`}`,
    );
  }
}
for (const name of inSql.keys()) {
  if (!(name in units)) problems.push(`${columnFile}: investment_rial has unknown unit '${name}'`);
}

if (problems.length > 0)
  fail(`migrations disagree with data/money-units.json:\n  ${problems.join('\n  ')}`);
console.log(
  `money units ok: ${columnFile} and data/money-units.json agree on ${Object.keys(units).length} units.`,
);
