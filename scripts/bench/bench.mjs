// `npm run bench`: Ostan against its floor (floor/: the same SQL, no GraphQL), both built with
// `wrangler deploy --dry-run` and run under Miniflare on loopback over the same generated data set.
//
//   node scripts/bench/bench.mjs [--projects 1000|100000|1000000] [--duration S] [--connections C]
//                                [--rounds R] [--only op,op] [--profile op] [--profile-seconds S]
//                                [--alloc]  (with --profile: bytes allocated, not CPU time)
//                                [--survivors]  (with --profile: bytes that outlived a scavenge)
//                                [--rows-only]  (D1 rows of every operation and abusive request, no timing)
//                                [--replay]  (D1 answered from memory after each statement's first run)
//
// Steps: (1) generate the synthetic data set into .bench/state-<projects> (energy assets 20% and
// claims 2x the projects; reused when complete); (2) build Ostan and the floor; (3) start both under
// Miniflare, each in its own process group (serve.mjs); (4) for each operation, autocannon at
// fixed concurrency against Ostan, then the floor, alternating, reading the workerd process's CPU
// time (/proc/<pid>/stat utime+stime) before and after each run; (5) print a table and write
// .bench/results-<projects>.json. With --profile, a CPU profile of Ostan on that operation through
// the inspector (Chrome DevTools protocol), then of the floor on the same operation, summarised by
// where the time goes and set side by side, with the GC's pauses (--alloc: bytes allocated).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { quietEnv } from '../dev/wrangler.mjs';
import { runAbuse } from './abuse.mjs';
import { operations } from './operations.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const wranglerBin = require.resolve('wrangler/bin/wrangler.js');

// ---------------------------------------------------------------------------------------------
// Flags

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
};
const projects = Number(flag('projects', 100_000));
if (![1000, 100_000, 1_000_000].includes(projects)) {
  console.error('bench: --projects must be 1000, 100000 or 1000000');
  process.exit(2);
}
const duration = Number(flag('duration', 10));
const connections = Number(flag('connections', 10));
const rounds = Number(flag('rounds', 1));
const only = flag('only', null)?.split(',');
const profileOp = flag('profile', null);
const profileSeconds = Number(flag('profile-seconds', 10));
// with --profile: a sampling heap profile (bytes allocated a request) in place of the CPU profile
const allocations = argv.includes('--alloc') || argv.includes('--survivors');
// with --profile: only the bytes that outlived a scavenge (the young generation's survivors)
const survivors = argv.includes('--survivors');
const basePort = Number(flag('port', 8931));
// rows only: the D1 work of each operation and abusive request, no throughput runs
const rowsOnly = argv.includes('--rows-only');
// replay: both workers built with their D1 binding answered from memory after each statement's
// first run (scripts/bench/replay/), so that the CPU read is the Workers' own, without SQLite and
// its Durable Object, which run in this workerd process locally and outside the Worker in production
const replay = argv.includes('--replay');
const replayEntry = (name) => join(import.meta.dirname, 'replay', `${name}.ts`);

const energy = projects / 5;
const claims = projects * 2;
const benchDir = join(root, '.bench');
const state = join(benchDir, `state-${projects}`);
const buildDir = join(benchDir, 'build');
mkdirSync(benchDir, { recursive: true });

const log = (...parts) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// ---------------------------------------------------------------------------------------------
// 1. The data set

/** Where miniflare keeps the local D1 file for database_id (as scripts/data/generate-synthetic.mjs). */
function sqliteFile(persistTo) {
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

const marker = join(state, 'complete.json');
const wanted = {
  projects,
  energy,
  claims,
  seed: 'ostan',
  migrations: readdirSync(join(root, 'migrations')),
};
function complete() {
  if (!existsSync(marker) || !existsSync(sqliteFile(state))) return false;
  const got = JSON.parse(readFileSync(marker, 'utf8'));
  return (
    JSON.stringify({ ...got, seconds: undefined, upgradedWith: undefined }) ===
    JSON.stringify({ ...wanted, seconds: undefined })
  );
}

/**
 * A data set generated before the newest migrations: the same sizes and seed, and its migrations
 * the first of the wanted ones. It is brought up to date as a deployed database is (`wrangler d1
 * migrations apply`), instead of being generated again (an hour at 1M).
 */
function upgradable() {
  if (!existsSync(marker) || !existsSync(sqliteFile(state))) return false;
  const got = JSON.parse(readFileSync(marker, 'utf8'));
  const same = ['projects', 'energy', 'claims', 'seed'].every((key) => got[key] === wanted[key]);
  return (
    same &&
    got.migrations.length < wanted.migrations.length &&
    got.migrations.every((name, i) => wanted.migrations[i] === name)
  );
}

const started = performance.now();
if (upgradable()) {
  const got = JSON.parse(readFileSync(marker, 'utf8'));
  const added = wanted.migrations.slice(got.migrations.length);
  log(`data set ${state}: applying ${added.join(', ')} (wrangler d1 migrations apply)`);
  const r = spawnSync(
    process.execPath,
    [wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state],
    { cwd: root, env: quietEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) {
    console.error('bench: applying the new migrations to the data set failed');
    process.exit(1);
  }
  // the planner's statistics for the new indexes, as an operator refreshes them after a migration
  // (README, "Deploy"): the generator ran ANALYZE, and an index without statistics beside
  // indexes with them can be chosen wrongly (migration 0019's county name index was taken for a
  // county's page by id: deep read 88,022 rows at 1M instead of 639)
  log(`data set ${state}: ANALYZE`);
  const a = spawnSync(
    process.execPath,
    [wranglerBin, 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--command', 'ANALYZE'],
    { cwd: root, env: quietEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (a.status !== 0) {
    console.error('bench: ANALYZE on the data set failed');
    process.exit(1);
  }
  writeFileSync(
    marker,
    JSON.stringify({ ...got, migrations: wanted.migrations, upgradedWith: added }),
  );
}
if (complete()) {
  log(`data set ${state} (reused)`);
} else {
  log(`generating ${projects} projects, ${energy} energy assets, ${claims} claims into ${state}`);
  rmSync(state, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'scripts', 'data', 'generate-synthetic.mjs'),
      '--projects',
      String(projects),
      '--energy',
      String(energy),
      '--claims',
      String(claims),
      '--persist-to',
      state,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: quietEnv },
  );
  if (r.status !== 0) {
    console.error('bench: generating the data set failed');
    process.exit(1);
  }
  writeFileSync(marker, JSON.stringify({ ...wanted, seconds: (performance.now() - t0) / 1000 }));
}

// ---------------------------------------------------------------------------------------------
// 2. Builds

function dryRun(config, outdir, extra = []) {
  rmSync(outdir, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [wranglerBin, 'deploy', '--dry-run', '--config', config, '--outdir', outdir, ...extra],
    { cwd: root, env: quietEnv, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`wrangler deploy --dry-run failed for ${config}`);
  }
  // named after the entry: index.js, or ostan.js / floor.js for --replay's entries
  const script = readdirSync(outdir).find((file) => file.endsWith('.js'));
  return join(outdir, script ?? 'index.js');
}

log('building Ostan and the floor (wrangler deploy --dry-run)');
// profiled unminified: scripts/bench/profile.mjs attributes samples by the bundle's `// module`
// comments, which minify (wrangler.toml) strips
const ostanScript = dryRun(join(root, 'wrangler.toml'), join(buildDir, 'ostan'), [
  ...(profileOp ? ['--minify=false'] : []),
  ...(replay ? [replayEntry('ostan')] : []),
]);
const floorScript = dryRun(
  join(import.meta.dirname, 'floor', 'wrangler.toml'),
  join(buildDir, 'floor'),
  replay ? [replayEntry('floor')] : [],
);
// the build as deployed (wrangler.toml minifies): the size reported, whatever the bench runs
const minScript = dryRun(join(root, 'wrangler.toml'), join(buildDir, 'ostan-min'), ['--minify']);
// what the bench runs, when it is not that build
const benchedBuild = [
  ...(profileOp ? ['unminified for the profile'] : []),
  ...(replay ? ['with the replay wrapper'] : []),
].join(', ');
const sizeOf = (file) => {
  const raw = readFileSync(file);
  return { bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};
const bundle = {
  ostan: sizeOf(ostanScript),
  ostanMinified: sizeOf(minScript),
  floor: sizeOf(floorScript),
};
log(
  `bundle: Ostan ${kb(bundle.ostanMinified.gzip)} gzipped as deployed (${kb(bundle.ostanMinified.bytes)} raw)${benchedBuild ? `; benchmarked build (${benchedBuild}) ${kb(bundle.ostan.gzip)} gzipped` : ''}`,
);
function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

// Start-up inside workerd: the schema modules (Pothos types + toSchema) time themselves with
// Date.now(), which advances during module evaluation locally (performance.now() does not).
async function startupProbe() {
  const outfile = join(buildDir, 'probe', 'index.js');
  const esbuild = spawnSync(
    join(root, 'node_modules', '.bin', 'esbuild'),
    [
      join(import.meta.dirname, 'startup', 'probe.ts'),
      '--bundle',
      '--format=esm',
      '--platform=neutral',
      '--main-fields=module,main',
      '--conditions=workerd,worker,import',
      '--external:cloudflare:*',
      `--outfile=${outfile}`,
      '--log-level=error',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (esbuild.status !== 0) return { error: esbuild.stderr };
  // its own process group, killed as a group afterwards, like the servers
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'startup', 'run.mjs'), outfile, '5'],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  await new Promise((resolveExit) => child.on('exit', resolveExit));
  clearTimeout(timer);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
  try {
    const { samples } = JSON.parse(stdout.trim().split('\n').pop());
    return {
      schemaModulesMs: samples,
      medianMs: [...samples].sort((a, b) => a - b)[samples.length >> 1],
    };
  } catch {
    return { error: stderr.slice(0, 500) };
  }
}
const schemaStartup = await startupProbe();
log(
  `start-up: schema modules evaluate in ${schemaStartup.medianMs ?? '?'} ms inside workerd (median of 5)`,
);

// ---------------------------------------------------------------------------------------------
// 3. Setup values from the data set (read before the servers open it)

const Database = (await import('better-sqlite3')).default;
const sqlite = new Database(sqliteFile(state), { readonly: true, fileMustExist: true });
// the synthetic province with the most projects in its subtree (the same one at every size)
const province = sqlite
  .prepare(
    `SELECT r.slug FROM regions r
     WHERE r.kind = 'province' AND r.synthetic = 1
     ORDER BY (SELECT count(*) FROM projects p WHERE p.region_id = r.id
                OR p.region_id IN (SELECT c.id FROM regions c WHERE c.parent_id = r.id)) DESC, r.id
     LIMIT 1`,
  )
  .get().slug;
// the cursor of row 9,980 in NAME EN order (the same ordering and key as projectOrdering's NAME_EN_ASC)
const row = sqlite
  .prepare(
    'SELECT p.name_en AS nameEn, p.id FROM projects p ORDER BY p.name_en ASC, p.id ASC LIMIT 1 OFFSET ?',
  )
  .get(Math.min(9979, projects - 21));
const cursor = Buffer.from(JSON.stringify({ o: 'NAME_EN_ASC', k: [row.nameEn, row.id] })).toString(
  'base64url',
);
const plan = sqlite
  .prepare("SELECT slug FROM plans ORDER BY (slug = 'qom-four-year-plan') DESC, id LIMIT 1")
  .get().slug;
sqlite.close();
// "synthetic project 1": a full page of hits at every size (20 of 111 at 1k, of 111,111 at 1M).
// The text used before ("… ۱۲۳۴") matched nothing at 1k, so the 1k row measured an empty search.
const setup = { province, cursor, plan, search: 'پروژه ساختگی ۱' };
log(
  `setup: province ${province}, plan ${plan}, cursor after row ${Math.min(9980, projects - 20)} (${row.nameEn})`,
);

// ---------------------------------------------------------------------------------------------
// 4. Servers: each Miniflare (and its workerd) in its own process group

const servers = [];
function killAll() {
  for (const server of servers) {
    try {
      process.kill(-server.child.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function statOf(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/** The workerd process of a group. */
function workerdOf(pgid) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = statOf(pid);
      if (Number(fields[2]) !== pgid) continue;
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd') return Number(pid);
    } catch {
      // ended
    }
  }
  return null;
}
/** utime + stime of a process, in seconds. */
function cpuSeconds(pid) {
  const fields = statOf(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function startServers() {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, 'serve.mjs'),
      '--ostan',
      ostanScript,
      '--floor',
      floorScript,
      '--state',
      state,
      '--port',
      String(basePort),
      ...(profileOp ? ['--inspector', String(basePort + 2)] : []),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  servers.push({ child });
  await new Promise((resolveReady, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('"ready"')) resolveReady();
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
  });
  const workerd = workerdOf(child.pid);
  if (!workerd) throw new Error('no workerd process in the server group');
  return { readyMs: performance.now() - t0, workerd, startCpu: cpuSeconds(workerd) };
}

log('starting Ostan and the floor under Miniflare (one workerd)');
const served = await startServers();
const ostan = { name: 'ostan', base: `http://127.0.0.1:${basePort}`, workerd: served.workerd };
const floor = { name: 'floor', base: `http://127.0.0.1:${basePort + 1}`, workerd: served.workerd };

// cf-connecting-ip as Cloudflare sets it: Ostan meters the request (rate limit, cost budget)
const headers = {
  'content-type': 'application/json',
  accept: 'application/json',
  'cf-connecting-ip': '127.0.0.1',
};
/** Without cf-connecting-ip Ostan treats a request as internal: neither rate-limited nor budgeted. */
const unmeteredHeaders = { 'content-type': 'application/json', accept: 'application/json' };
async function once(server, request, unmetered = false) {
  const response = await fetch(server.base + request.path, {
    method: request.method,
    headers: unmetered ? unmeteredHeaders : headers,
    body: request.body,
  });
  return { status: response.status, body: await response.json() };
}

// ---------------------------------------------------------------------------------------------
// 5. Measurements

const ops = operations(setup).filter((op) => !only || only.includes(op.name));

/** Every key path of a JSON value (array elements share `[]`), for comparing answers' shapes. */
function keyPaths(value, prefix = '', paths = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[]`, paths);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      paths.add(`${prefix}.${key}`);
      keyPaths(item, `${prefix}.${key}`, paths);
    }
  }
  return paths;
}
/** Leaves whose values differ. */
function differingLeaves(a, b, prefix = '', out = []) {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      differingLeaves(a[key], b[key], `${prefix}.${key}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(prefix);
  return out;
}

/** The objects in an answer (each a row Ostan returned, or a connection/page around rows). */
function objectCount(value) {
  if (Array.isArray(value)) return value.reduce((n, item) => n + objectCount(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce((n, item) => n + objectCount(item), 0);
}

/**
 * Ostan's answer against the floor's: the same D1 statements and rows read, the same fields and
 * the same values.
 * A difference makes the row invalid: it is still measured, marked in the table, and the bench
 * exits non-zero at the end.
 */
function compareWithFloor(name, ostanBody, floorBody) {
  const invalid = [];
  const same = (cost) => JSON.stringify([cost?.d1Queries, cost?.d1RowsRead]);
  if (same(ostanBody.extensions?.cost) !== same(floorBody.cost)) {
    invalid.push(
      `D1 work differs: Ostan ${same(ostanBody.extensions?.cost)} ≠ floor ${same(floorBody.cost)} (queries, rows read)`,
    );
  }
  const ostanPaths = keyPaths(ostanBody.data);
  const floorPaths = keyPaths(floorBody.data);
  const missing = [...ostanPaths].filter((path) => !floorPaths.has(path));
  const extra = [...floorPaths].filter((path) => !ostanPaths.has(path));
  if (missing.length) invalid.push(`floor lacks ${missing.slice(0, 5).join(', ')}`);
  if (extra.length) invalid.push(`floor has more: ${extra.slice(0, 5).join(', ')}`);
  const differing = differingLeaves(ostanBody.data, floorBody.data);
  // the floor writes the same values (global IDs, enum names, Jalali dates, progress) as Ostan
  if (!missing.length && !extra.length && differing.length)
    invalid.push(`values differ at ${differing.slice(0, 5).join(', ')}`);
  for (const reason of invalid) log(`INVALID ${name}: ${reason}`);
  return {
    invalid,
    answerBytes: {
      ostan: JSON.stringify(ostanBody.data).length,
      floor: JSON.stringify(floorBody.data).length,
    },
    fields: ostanPaths.size,
    objects: objectCount(ostanBody.data),
    differingValues: { count: differing.length, first: differing.slice(0, 5) },
  };
}

const checks = {};
for (const op of ops) {
  const o = await once(ostan, op.ostan, op.unmetered);
  const f = await once(floor, op.floor);
  const refusedForRows = o.body.errors?.every((e) => e.extensions?.code === 'ROWS_LIMIT_EXCEEDED');
  if (o.status !== 200 || (!refusedForRows && (o.body.errors || !o.body.data))) {
    throw new Error(`Ostan ${op.name}: ${o.status} ${JSON.stringify(o.body).slice(0, 500)}`);
  }
  if (refusedForRows)
    log(`${op.name}: refused by Ostan's rows ceiling: ${o.body.errors[0].message}`);
  if (f.status !== 200 || f.body.error)
    throw new Error(`floor ${op.name}: ${JSON.stringify(f.body).slice(0, 500)}`);
  if (op.cached) {
    await new Promise((r) => setTimeout(r, 300)); // let cache.put (waitUntil) finish
    const hit = await once(ostan, op.ostan, op.unmetered);
    const floorHit = await once(floor, op.floor);
    const invalid = [];
    const cost = hit.body.extensions?.cost;
    if (hit.body.extensions?.cache !== 'HIT' || cost?.d1Queries !== 0 || cost?.d1RowsRead !== 0)
      invalid.push(
        `Ostan's second GET is not a hit without D1: ${JSON.stringify(hit.body.extensions)}`,
      );
    for (const reason of invalid) log(`INVALID ${op.name}: ${reason}`);
    checks[op.name] = {
      ostan: cost,
      floor: { d1Queries: 0, d1RowsRead: 0 },
      cache: hit.body.extensions?.cache,
      invalid,
      // both stream the stored body untouched; the floor's is its own province answer
      answerBytes: {
        ostan: JSON.stringify(hit.body).length,
        floor: JSON.stringify(floorHit.body).length,
      },
    };
  } else {
    checks[op.name] = {
      ostan: o.body.extensions?.cost,
      floor: f.body.cost,
      refused: refusedForRows ? o.body.errors[0].message : undefined,
      ...(refusedForRows
        ? { invalid: [] } // the floor has no ceiling: it reads what Ostan refuses
        : compareWithFloor(op.name, o.body, f.body)),
    };
  }
}
const invalidOps = ops.filter((op) => checks[op.name].invalid.length > 0).map((op) => op.name);
/** Ends the bench: non-zero when an operation's floor did not do the same work as Ostan. */
function finish() {
  killAll();
  if (invalidOps.length) {
    console.error(
      `\nbench: INVALID rows (the floor's D1 work or answer differs from Ostan's): ${invalidOps.join(', ')}`,
    );
    process.exit(1);
  }
  process.exit(0);
}

// replayed, the abusive requests' rows would be the recorded ones: they are a plain run's
if (!replay) log('sending the abusive requests (scripts/bench/abuse.mjs)');
else log("replay: D1 answered from memory after each statement's first run; no abusive requests");
const abuse = replay ? [] : await runAbuse(ostan, headers, setup);
const rowsTable = () => {
  console.log(
    `\nD1 rows at ${projects.toLocaleString('en-US')} projects (one anonymous request each)\n`,
  );
  console.log(
    '| request | status | refused with | D1 rows read | D1 rows priced | Ostan / floor queries | Ostan / floor rows | answer bytes Ostan / floor | answer objects | check |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---|');
  for (const op of ops) {
    const c = checks[op.name];
    console.log(
      `| ${op.name} | 200 | ${c.refused ? 'ROWS_LIMIT_EXCEEDED' : ''} | ${c.ostan?.d1RowsRead ?? '–'} | ${c.ostan?.d1RowsEstimated ?? '–'} | ${c.ostan?.d1Queries ?? '–'} / ${c.floor?.d1Queries ?? '–'} | ${c.ostan?.d1RowsRead ?? '–'} / ${c.floor?.d1RowsRead ?? '–'} | ${c.answerBytes ? `${c.answerBytes.ostan} / ${c.answerBytes.floor}` : '–'} | ${c.objects ?? '–'} | ${c.invalid.length ? `INVALID: ${c.invalid.join('; ')}` : c.refused ? 'refused' : 'equal'} |`,
    );
  }
  for (const a of abuse) {
    console.log(
      `| ${a.name} | ${a.status} | ${a.errors.join(', ')} | ${a.d1RowsRead ?? '–'} | ${a.d1RowsEstimated ?? '–'} | | | | | |`,
    );
  }
};
if (rowsOnly) {
  writeFileSync(
    join(benchDir, `rows-${projects}.json`),
    JSON.stringify({ when: new Date().toISOString(), projects, setup, checks, abuse }, null, 2),
  );
  rowsTable();
  console.log(`\nrows: .bench/rows-${projects}.json`);
  finish();
}

/** Waits until the workerd process has stopped working (in-flight requests drained). */
async function settle(pid) {
  let last = cpuSeconds(pid);
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuSeconds(pid);
    if (now - last < 0.02) return;
    last = now;
  }
}

async function measure(server, request, unmetered = false) {
  await settle(server.workerd);
  const before = cpuSeconds(server.workerd);
  const result = await autocannon({
    url: server.base + request.path,
    method: request.method,
    headers: unmetered ? unmeteredHeaders : headers,
    body: request.body,
    connections,
    duration,
  });
  // the requests still in flight when autocannon stops are worked on after it: count their CPU
  // too, and divide by every request sent
  await settle(server.workerd);
  const cpu = cpuSeconds(server.workerd) - before;
  const requests = result.requests.total;
  const sent = result.requests.sent ?? requests;
  return {
    requests,
    sent,
    errors: result.errors + result.timeouts + result.non2xx,
    rps: requests / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: sent > 0 ? (cpu * 1000) / sent : null,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const results = [];
for (const op of ops) {
  const runs = { ostan: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    // alternate which goes first, so drift in the machine's load falls on both
    const order = round % 2 === 0 ? ['ostan', 'floor'] : ['floor', 'ostan'];
    for (const side of order) {
      runs[side].push(await measure(side === 'ostan' ? ostan : floor, op[side], op.unmetered));
    }
  }
  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    cpuMsPerRequest: median(list.map((r) => r.cpuMsPerRequest)),
    errors: list.reduce((sum, r) => sum + r.errors, 0),
  });
  const o = summary(runs.ostan);
  const f = summary(runs.floor);
  const entry = {
    name: op.name,
    label: op.label,
    cost: checks[op.name],
    ostan: o,
    floor: f,
    throughputRatio: o.rps / f.rps,
    cpuRatio: o.cpuMsPerRequest / f.cpuMsPerRequest,
    jsCpuMsPerRequest: o.cpuMsPerRequest - f.cpuMsPerRequest,
    runs,
  };
  results.push(entry);
  log(
    `${op.name}: Ostan ${o.rps.toFixed(0)} req/s, ${o.cpuMsPerRequest.toFixed(3)} ms CPU/req; floor ${f.rps.toFixed(0)} req/s, ${f.cpuMsPerRequest.toFixed(3)} ms CPU/req; ratio ${(entry.throughputRatio * 100).toFixed(0)}%`,
  );
}

// ---------------------------------------------------------------------------------------------
// 6. Profile (optional): Ostan's isolate through the inspector while autocannon runs

let profile = null;
if (profileOp) {
  const op = operations(setup).find((o) => o.name === profileOp);
  if (!op) throw new Error(`--profile: no operation ${profileOp}`);
  const { profileWorker } = await import('./profile.mjs');
  // Ostan's isolate, then the floor's on the same operation: the floor pays the same D1 binding,
  // data layer and JSON, so the difference by category is where Ostan's own time goes
  const run = async (worker, script, target, request, requestHeaders) => {
    log(`profiling ${worker} on ${profileOp} for ${profileSeconds} s`);
    const result = await profileWorker({
      inspectorPort: basePort + 2,
      bundle: script,
      worker,
      allocations,
      survivors,
      load: () =>
        autocannon({
          url: target.base + request.path,
          method: request.method,
          headers: requestHeaders,
          body: request.body,
          connections,
          duration: profileSeconds,
        }),
    });
    writeFileSync(
      join(
        benchDir,
        `profile-${profileOp}-${projects}${worker === 'floor' ? '-floor' : ''}${survivors ? '-survivors' : ''}.${allocations ? 'heapprofile' : 'cpuprofile'}`,
      ),
      JSON.stringify(result.raw),
    );
    return result.summary;
  };
  const ostanSummary = await run(
    'ostan',
    ostanScript,
    ostan,
    op.ostan,
    op.unmetered ? unmeteredHeaders : headers,
  );
  const floorSummary = await run('floor', floorScript, floor, op.floor, headers);
  profile = { summary: ostanSummary, floor: floorSummary };
}

// ---------------------------------------------------------------------------------------------
// 7. Report

const startup = {
  readyMs: served.readyMs,
  workerdCpuAtReadyMs: served.startCpu * 1000,
  schemaStartup,
};
const output = {
  when: new Date().toISOString(),
  projects,
  replay,
  energy,
  claims,
  duration,
  connections,
  rounds,
  setup,
  bundle,
  startup,
  results,
  abuse,
  profile,
  totalSeconds: (performance.now() - started) / 1000,
};
const resultsFile = `results-${projects}${replay ? '-replay' : ''}.json`;
writeFileSync(join(benchDir, resultsFile), JSON.stringify(output, null, 2));

const f2 = (n) => (n == null ? '–' : n.toFixed(2));
const f3 = (n) => (n == null ? '–' : n.toFixed(3));
console.log(
  `\n${projects.toLocaleString('en-US')} projects, ${connections} connections, ${duration} s per run, ${rounds} round(s)${replay ? ', D1 replayed from memory' : ''}\n`,
);
console.log(
  '| operation | Ostan req/s | floor req/s | Ostan/floor | Ostan p50 / p99 ms | floor p50 / p99 ms | D1 queries | D1 rows | Ostan CPU ms/req | floor CPU ms/req | JS CPU ms/req (Ostan − floor) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const cost = r.cost.ostan ?? {};
  console.log(
    `| ${r.name}${r.cost.invalid.length ? ' (INVALID)' : ''}${r.ostan.errors + r.floor.errors ? ` (${r.ostan.errors + r.floor.errors} FAILED: not comparable)` : ''} | ${r.ostan.rps.toFixed(0)} | ${r.floor.rps.toFixed(0)} | ${(r.throughputRatio * 100).toFixed(0)}% | ${f2(r.ostan.p50)} / ${f2(r.ostan.p99)} | ${f2(r.floor.p50)} / ${f2(r.floor.p99)} | ${cost.d1Queries ?? '–'} | ${cost.d1RowsRead ?? '–'} | ${f3(r.ostan.cpuMsPerRequest)} | ${f3(r.floor.cpuMsPerRequest)} | ${f3(r.jsCpuMsPerRequest)} |`,
  );
}
const errors = results.reduce((sum, r) => sum + r.ostan.errors + r.floor.errors, 0);
if (errors)
  console.log(`\n${errors} failed requests (errors, timeouts or non-2xx) during the runs`);
console.log(
  `\nbundle: ${kb(bundle.ostanMinified.gzip)} gzipped as deployed${benchedBuild ? ` (the benchmarked build, ${benchedBuild}: ${kb(bundle.ostan.gzip)})` : ''}; both workers ready in ${startup.readyMs.toFixed(0)} ms (workerd CPU ${startup.workerdCpuAtReadyMs.toFixed(0)} ms); schema modules ${schemaStartup.medianMs ?? '?'} ms in workerd`,
);
rowsTable();
if (profile) {
  console.log('\nprofile:', JSON.stringify(profile.summary, null, 2));
  // by category, a request: Ostan against the floor (ms of sampled JavaScript, or bytes allocated)
  const unit = allocations ? 'bytesPerRequest' : 'msPerRequest';
  const show = (n) => (allocations ? String(Math.round(n)) : n.toFixed(3));
  const names = new Set([
    ...Object.keys(profile.summary.categories),
    ...Object.keys(profile.floor.categories),
  ]);
  const of = (summary, name) => summary.categories[name]?.[unit] ?? 0;
  console.log(
    `\nprofile of ${profileOp}, ${survivors ? 'bytes that outlived a scavenge' : allocations ? 'bytes allocated' : 'ms of sampled JavaScript'} a request\n`,
  );
  console.log('| category | Ostan | floor | Ostan − floor |\n|---|---:|---:|---:|');
  const rows = [...names].map((name) => [name, of(profile.summary, name), of(profile.floor, name)]);
  rows.sort((a, b) => b[1] - b[2] - (a[1] - a[2]));
  for (const [name, o, f] of rows)
    console.log(`| ${name} | ${show(o)} | ${show(f)} | ${show(o - f)} |`);
  const total = (summary) =>
    allocations ? summary.bytesPerRequest : summary.sampledJsMsPerRequest;
  const [o, f] = [total(profile.summary), total(profile.floor)];
  console.log(`| in all | ${show(o)} | ${show(f)} | ${show(o - f)} |`);
  if (!allocations) {
    console.log('\nGC pauses (Ostan / floor):');
    for (const key of Object.keys(profile.summary.gcPauses))
      console.log(`  ${key}: ${profile.summary.gcPauses[key]} / ${profile.floor.gcPauses[key]}`);
  }
}
console.log(`\nresults: .bench/${resultsFile}; ${output.totalSeconds.toFixed(0)} s in all`);
finish();
