/**
 * EXPLAIN QUERY PLAN and rows visited for the exact statements of the paged benchmark operations,
 * built by Ostan's own functions and run on a generated data set with better-sqlite3 (read-only).
 *
 *   npx tsx scripts/bench/explain.ts .bench/state-100000 [province-slug] [cursor]
 *
 * Stop `npm run bench` first: workerd holds the database file while it runs.
 */
/// <reference path="./better-sqlite3.d.ts" />
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fetchChildPages } from '../../src/db/child-pages';
import type { Db, SqlValue } from '../../src/db/client';
import { fetchPage } from '../../src/db/pagination';
import {
  type ProjectFilter,
  projectConditions,
  projectOrdering,
  projects,
} from '../../src/db/projects';

const [stateDir = '.bench/state-100000', province = 'syn-province-01', cursor] =
  process.argv.slice(2);

function sqliteFile(persistTo: string) {
  const uniqueKey = 'miniflare-D1DatabaseObject';
  const key = createHash('sha256').update(uniqueKey).digest();
  const nameHmac = createHmac('sha256', key)
    .update('00000000-0000-0000-0000-000000000000')
    .digest()
    .subarray(0, 16);
  const hmac = createHmac('sha256', key).update(nameHmac).digest().subarray(0, 16);
  return join(
    persistTo,
    'v3',
    'd1',
    uniqueKey,
    `${Buffer.concat([nameHmac, hmac]).toString('hex')}.sqlite`,
  );
}

const sqlite = new Database(sqliteFile(stateDir), { readonly: true, fileMustExist: true });
const recorded: { label: string; sql: string; params: SqlValue[] }[] = [];
let label = '';

/** A Db over better-sqlite3 that records every statement it runs. */
async function all(sql: string, params: SqlValue[] = []): Promise<unknown[]> {
  recorded.push({ label, sql, params });
  return sqlite.prepare(sql).all(...params);
}
const db = {
  stats: { queries: 0, rowsRead: 0 },
  // no ceiling here: the statements are only explained
  reserve() {},
  all,
  async first(sql: string, params: SqlValue[] = []) {
    return (await all(sql, params))[0] ?? null;
  },
  async batch(statements: { sql: string; params: SqlValue[] }[]) {
    return Promise.all(statements.map(({ sql, params }) => all(sql, params)));
  },
} as unknown as Db;

// the statements Ostan's list resolvers build (src/db/pagination.ts listPage / childListPages over
// projectList): projectConditions(db, filter) and projectOrdering(order, lang, filter)
label = 'filtered';
const filter: ProjectFilter = {
  region: province,
  status: ['under_construction', 'operational'],
  progressPercent: { min: 20, max: 80 },
};
const order = { field: 'PROGRESS', direction: 'desc' };
const conditions = await projectConditions(db, filter);
await fetchPage(
  db,
  projects.list(conditions.where, conditions.params),
  projectOrdering(order, 'fa', filter),
  { first: 20 },
  true,
);

if (cursor) {
  label = 'page500';
  await fetchPage(
    db,
    projects.list(),
    projectOrdering({ field: 'NAME', lang: 'en', direction: 'asc' }, 'fa'),
    { first: 20, after: cursor },
    false,
  );
}

label = 'deep (projects of 25 counties)';
const counties = sqlite
  .prepare("SELECT id FROM regions WHERE kind = 'county' AND synthetic = 1 ORDER BY id LIMIT 25")
  .all()
  .map((row) => (row as { id: number }).id);
await fetchChildPages(
  db,
  projects.list(),
  { tree: 'regions', column: 'p.region_id' },
  counties,
  projectOrdering(undefined, 'fa'),
  { first: 5 },
  false,
);

for (const { label: name, sql, params } of recorded) {
  if (/json_each\(\?\)\)$/.test(sql.trim()) && !/ORDER BY|count\(/.test(sql)) continue; // loaders by id
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  // rows visited, as SQLite counts them (the D1 `rows_read` analogue): the VM step counter
  const t0 = performance.now();
  sqlite.prepare(sql).all(...params);
  const ms = performance.now() - t0;
  console.log(
    `\n## ${name} (${ms.toFixed(1)} ms in better-sqlite3)\n${sql}\n-- params ${JSON.stringify(params)}`,
  );
  for (const row of plan) console.log(`   ${row.detail}`);
}
