// Serves Ostan and the floor (the outputs of `wrangler deploy --dry-run --outdir`) under one
// Miniflare, in one workerd, on loopback, over a persisted local D1 state, for scripts/bench/bench.mjs.
// Not `wrangler dev`: no inspector unless asked (it distorts CPU), no bundling, no file watching.
//
//   node scripts/bench/serve.mjs --ostan DIR/index.js --floor DIR/index.js --state DIR --port N
//                                [--inspector PORT]
//
// One workerd for both because a local D1 database is one SQLite file owned by one Durable Object:
// two workerd processes on the same file fail with SQLITE_BUSY. Both workers bind the same
// database id, so they share that object (and the same page cache); the bench measures them one
// after the other, never at once, so the process's CPU time during a run is that run's.
// Each worker has its own socket (Ostan on N, the floor on N+1), without Miniflare's entry worker
// in front, so neither pays for a proxy hop.
//
// bench.mjs starts it in its own process group (detached) and kills the group, so the
// workerd child Miniflare starts goes with it. Prints one JSON line {"ready": true} when listening.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const state = resolve(opt('state'));
const port = Number(opt('port'));
const inspectorPort = opt('inspector') ? Number(opt('inspector')) : undefined;
const root = resolve(import.meta.dirname, '..', '..');

/** The top-level [vars] and [[ratelimits]] of the root wrangler.toml (flat keys only). */
function rootConfig() {
  const vars = {};
  const ratelimits = {};
  let section = null;
  let limit = null;
  for (const raw of readFileSync(join(root, 'wrangler.toml'), 'utf8').split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line.startsWith('[')) {
      section = line;
      limit = line === '[[ratelimits]]' ? {} : null;
      continue;
    }
    const str = line.match(/^([A-Za-z_]+)\s*=\s*"([^"]*)"$/);
    if (section === '[vars]' && str) vars[str[1]] = str[2];
    if (limit && str?.[1] === 'name') limit.name = str[2];
    const simple = line.match(/^simple\s*=\s*\{\s*limit\s*=\s*(\d+)\s*,\s*period\s*=\s*(\d+)/);
    if (limit && simple) limit.simple = { limit: Number(simple[1]), period: Number(simple[2]) };
    if (limit?.name && limit.simple) ratelimits[limit.name] = { simple: limit.simple };
  }
  return { vars, ratelimits };
}

const D1_ID = '00000000-0000-0000-0000-000000000000';

function worker(name, script, socketPort, extra) {
  const path = resolve(script);
  return {
    name,
    modules: true,
    scriptPath: path,
    modulesRoot: dirname(path),
    compatibilityDate: '2026-04-26',
    d1Databases: { DB: D1_ID },
    unsafeDirectSockets: [{ host: '127.0.0.1', port: socketPort }],
    ...extra,
  };
}

const { vars, ratelimits } = rootConfig();
// Metering stays on (every request calls the rate-limit binding and charges the cost-budget
// Durable Object, as in production), with the limits raised so that the bench is never refused.
for (const limit of Object.values(ratelimits)) limit.simple.limit = 1_000_000_000;
vars.BUDGET_ANONYMOUS = '1000000000000';
vars.BUDGET_PARTNER = '1000000000000';
const mf = new Miniflare({
  host: '127.0.0.1',
  port: 0,
  log: new Log(LogLevel.WARN),
  // no request.cf from the network (offline): Miniflare's placeholder
  cf: false,
  d1Persist: join(state, 'v3', 'd1'),
  // Durable Objects and the Cache API in memory: a fresh data version and an empty cache per run
  durableObjectsPersist: false,
  cachePersist: false,
  ...(inspectorPort ? { inspectorPort } : {}),
  workers: [
    worker('ostan', opt('ostan'), port, {
      bindings: vars,
      ratelimits,
      durableObjects: { QUERY_BUDGET: 'QueryBudget', DATA_VERSION: 'DataVersion' },
    }),
    worker('floor', opt('floor'), port + 1, {
      durableObjects: { DATA_VERSION: 'DataVersion' },
    }),
  ],
});
await mf.ready;
console.log(JSON.stringify({ ready: true }));
const stop = async () => {
  await mf.dispose().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
