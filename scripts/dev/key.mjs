// Issues, lists and revokes Ostan API keys in the D1 database (local by default, --remote for
// the deployed one). Only the SHA-256 of a key is stored; the key is printed once, on creation.
//
//   npm run key -- create --name "Qom statistics office" --scope write:projects --scope write:claims --region qom
//   npm run key -- list
//   npm run key -- revoke --id 3
//   npm run key -- create ... --remote      (the same against the deployed database)

import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { quietEnv } from './wrangler.mjs';

const SCOPES = ['write:projects', 'write:energy', 'write:claims', 'write:plans', 'admin'];
const bin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    scope: { type: 'string', multiple: true, default: [] },
    region: { type: 'string', multiple: true, default: [] },
    id: { type: 'string' },
    remote: { type: 'boolean', default: false },
    env: { type: 'string' },
  },
});
if (values.env !== undefined && !['staging', 'production'].includes(values.env)) {
  console.error('key: --env must be staging or production');
  process.exit(2);
}

function fail(message) {
  console.error(`key: ${message}`);
  process.exit(1);
}

/** SQL text literal: the values here are checked names, slugs and hex, but quote them anyway. */
const text = (value) => `'${String(value).replaceAll("'", "''")}'`;

function d1(sql) {
  const result = spawnSync(
    process.execPath,
    [
      bin,
      'd1',
      'execute',
      'DB',
      values.remote ? '--remote' : '--local',
      ...(values.env ? ['--env', values.env] : []),
      '--json',
      '--command',
      sql,
    ],
    { env: quietEnv, encoding: 'utf8' },
  );
  if (result.status !== 0) fail(`wrangler failed:\n${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout).flatMap((r) => r.results ?? []);
}

const [command] = positionals;
if (command === 'create') {
  const name = values.name?.trim();
  if (!name || name.length > 100) fail('--name is required (1–100 characters)');
  const scopes = [...new Set(values.scope)];
  const unknown = scopes.filter((s) => !SCOPES.includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    fail(
      `give one or more --scope from: ${SCOPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  }
  const regions = [...new Set(values.region)];
  if (regions.length === 0 || regions.some((r) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r))) {
    fail('give one or more --region slugs (the key may write there and below, e.g. --region qom)');
  }
  const found = d1(`SELECT slug FROM regions WHERE slug IN (${regions.map(text).join(', ')})`);
  const missing = regions.filter((r) => !found.some((row) => row.slug === r));
  if (missing.length > 0) fail(`no region has the slug ${missing.join(', ')}`);

  const key = `ostan_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(key).digest('hex');
  const [row] = d1(
    `INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES (${text(name)}, ${text(key.slice(0, 12))}, ${text(hash)}, ${text(JSON.stringify(scopes))}) RETURNING id;
     INSERT INTO api_key_regions (key_id, region_id) SELECT (SELECT max(id) FROM api_keys), id FROM regions WHERE slug IN (${regions.map(text).join(', ')});`,
  );
  console.log(
    `Created key ${row?.id ?? ''} "${name}" (${scopes.join(' ')}; regions ${regions.join(', ')}).`,
  );
  console.log('The key is shown only this once; store it now:\n');
  console.log(`  ${key}\n`);
  console.log('Send it as: Authorization: Bearer <key>');
} else if (command === 'list') {
  const rows = d1(
    `SELECT k.id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.revoked_at,
       (SELECT group_concat(r.slug, ' ') FROM api_key_regions kr JOIN regions r ON r.id = kr.region_id WHERE kr.key_id = k.id) AS regions
     FROM api_keys k ORDER BY k.id`,
  );
  console.table(rows);
} else if (command === 'revoke') {
  if (!/^[1-9][0-9]*$/.test(values.id ?? ''))
    fail('--id <key id> is required (see `npm run key -- list`)');
  const rows = d1(
    `UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ${Number(values.id)} AND revoked_at IS NULL RETURNING id, name`,
  );
  if (rows.length === 0) fail(`no unrevoked key has the id ${values.id}`);
  console.log(`Revoked key ${rows[0].id} "${rows[0].name}".`);
} else {
  fail(
    'usage: npm run key -- create --name <name> --scope <scope>... --region <slug>... [--remote] [--env staging|production]\n       npm run key -- list [--remote] [--env ...]\n       npm run key -- revoke --id <id> [--remote] [--env ...]',
  );
}
