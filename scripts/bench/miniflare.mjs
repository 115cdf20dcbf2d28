// The Miniflare set-up the bench scripts share (serve.mjs, startup/first-request.mjs,
// startup/breakdown.mjs, startup/run.mjs): a worker's module options, an offline and quiet
// Miniflare, Ostan's bindings as the root wrangler.toml declares them, and workerd's CPU time.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';

const root = resolve(import.meta.dirname, '..', '..');

/** The compatibility date every bench worker runs at. */
export const COMPATIBILITY_DATE = '2026-04-26';

/** The local D1 database every bench worker binds as DB. */
export const D1_ID = '00000000-0000-0000-0000-000000000000';

/** A worker's own options: the ES module at `script`, its directory the modules root. */
export function workerOptions(script) {
  const scriptPath = resolve(script);
  return {
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: COMPATIBILITY_DATE,
  };
}

/** Miniflare options for a run offline (no request.cf from the network) that logs warnings only. */
export function quiet() {
  return { cf: false, log: new Log(LogLevel.WARN) };
}

/** A Miniflare running the one worker at `script`, offline and quiet, with `extra` options. */
export function singleWorker(script, extra = {}) {
  return new Miniflare({ ...workerOptions(script), ...quiet(), ...extra });
}

/** The top-level [vars] and [[ratelimits]] of the root wrangler.toml (flat keys only). */
export function rootConfig() {
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

/** Ostan's bindings: `vars` and `ratelimits` (rootConfig's), the D1 database, its Durable Objects. */
export function ostanBindings({ vars, ratelimits }) {
  return {
    bindings: vars,
    ratelimits,
    d1Databases: { DB: D1_ID },
    durableObjects: { QUERY_BUDGET: 'QueryBudget', DATA_VERSION: 'DataVersion' },
  };
}

/** CPU time (ms) of this process's workerd children so far, from every thread's schedstat. */
export function workerdCpuMs() {
  let ns = 0;
  for (const task of readdirSync('/proc/self/task')) {
    const children = readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim();
    for (const pid of children ? children.split(' ') : []) {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('workerd')) continue;
      for (const thread of readdirSync(`/proc/${pid}/task`)) {
        ns += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
      }
    }
  }
  return ns / 1e6;
}
