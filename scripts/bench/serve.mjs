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
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { D1_ID, ostanBindings, quiet, rootConfig, workerOptions } from './miniflare.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const state = resolve(opt('state'));
const port = Number(opt('port'));
const inspectorPort = opt('inspector') ? Number(opt('inspector')) : undefined;

function worker(name, script, socketPort, extra) {
  return {
    name,
    ...workerOptions(script),
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
vars.ROWS_BUDGET_ANONYMOUS = '1000000000000';
vars.ROWS_BUDGET_PARTNER = '1000000000000';
const mf = new Miniflare({
  host: '127.0.0.1',
  port: 0,
  // offline (Miniflare's placeholder request.cf), warnings only
  ...quiet(),
  d1Persist: join(state, 'v3', 'd1'),
  // Durable Objects and the Cache API in memory: a fresh data version and an empty cache per run
  durableObjectsPersist: false,
  cachePersist: false,
  ...(inspectorPort ? { inspectorPort } : {}),
  workers: [
    worker('ostan', opt('ostan'), port, ostanBindings({ vars, ratelimits })),
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
