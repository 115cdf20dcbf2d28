// `npm run load`: a load run against `wrangler dev` (local D1 under a temporary directory, so it
// leaves the developer's .wrangler/state alone): 60 s of autocannon with mixed reads (persisted
// GETs served from the edge cache, ad-hoc POSTs) and the attack corpus, from many client
// addresses plus one abusive address that hits the rate limit. Prints status counts, latencies
// and the memory (RSS) of the wrangler/workerd process group sampled through the run.
//
// wrangler dev runs in its own process group (setsid: detached) and the whole group is killed at
// the end, whatever happens, so no workerd is left holding the port.
//   node scripts/bench/load.mjs [--duration 60] [--connections 20] [--port 8799]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parse } from 'graphql';
import { quietEnv, wrangler } from '../dev/wrangler.mjs';
import { canonicalText, sha256Hex } from '../schema/documents.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const duration = arg('duration', 60);
const connections = arg('connections', 20);
const port = arg('port', 8799);
const base = `http://127.0.0.1:${port}`;
const state = mkdtempSync(path.join(os.tmpdir(), 'ostan-load-'));

function exitCode(child) {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

// 1. A migrated local D1 of its own.
const migrated = await exitCode(
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...quietEnv, CI: 'true' },
  }),
);
if (migrated !== 0) {
  console.error('load: migrations failed');
  process.exit(1);
}

// 2. wrangler dev in its own process group.
const inspectorPort = port + 1000;
const dev = wrangler(
  [
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    state,
    '--inspector-port',
    String(inspectorPort),
  ],
  {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
function killGroup(signal) {
  try {
    process.kill(-dev.pid, signal);
  } catch {
    // gone already
  }
}
process.on('exit', () => {
  killGroup('SIGKILL');
  rmSync(state, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('wrangler dev did not answer /health within 60 s');
}
await waitForHealth();

/** RSS (kB) of every process in wrangler's group, by command name (node: wrangler, workerd). */
function groupRssKb() {
  const byName = {};
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgid !== dev.pid) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const name = status.match(/^Name:\s+(\S+)/m)?.[1] ?? '?';
      byName[name] = (byName[name] ?? 0) + Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // the process ended
    }
  }
  return byName;
}

// 3. The traffic.
const opFile = (name) =>
  readFileSync(path.join(root, 'schema', 'operations', `${name}.graphql`), 'utf8');
const persisted = (name, variables) => {
  const hash = sha256Hex(canonicalText(parse(opFile(name))));
  const params = new URLSearchParams({
    documentId: `sha256:${hash}`,
    variables: JSON.stringify(variables),
  });
  return { method: 'GET', path: `/graphql?${params}`, label: `persisted ${name}` };
};
const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
const postQuery = (label, query, variables = {}) => ({
  method: 'POST',
  path: '/graphql',
  headers: json,
  body: JSON.stringify({ query, variables }),
  label,
});
const requests = [
  persisted('SolarCapacityClaims', { region: 'qom', lang: 'EN' }),
  persisted('ProjectsList', { filter: { region: 'qom' }, first: 10, lang: 'EN' }),
  persisted('ProvinceOverview', { slug: 'qom', lang: 'EN' }),
  postQuery(
    'ad-hoc read',
    '{ projects(first: 20) { totalCount nodes { slug nameEn region { slug } } } }',
  ),
  persisted('PlanTargetsWithProgress', { slug: 'qom-four-year-plan', lang: 'EN' }),
  postQuery(
    'attack: aliases',
    `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: region(slug: "qom") { slug }`).join(' ')} }`,
  ),
  postQuery(
    'attack: depth',
    `{ region(slug: "iran") { ${'children { nodes { '.repeat(8)}slug${' } }'.repeat(8)} } }`,
  ),
  postQuery('attack: syntax error', `{ region(slug: "qom") { slug } ${'x'.repeat(5_000)}`),
  postQuery(
    'attack: introspection',
    '{ __schema { types { fields { type { fields { name } } } } } }',
  ),
  postQuery(
    'attack: cost',
    '{ projects(first: 100) { nodes { claims(first: 100) { nodes { slug } } } } }',
  ),
  {
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: `{"query": "${'x'.repeat(40_000)}"}`,
    label: 'attack: huge body',
  },
  {
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: '{"query": ',
    label: 'attack: malformed JSON',
  },
  {
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: '[{"query":"{__typename}"},{"query":"{__typename}"}]',
    label: 'attack: batch',
  },
  {
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('mutation { __typename }')}`,
    label: 'attack: GET mutation',
  },
  {
    method: 'GET',
    path: `/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }))}`,
    label: 'attack: unknown hash',
  },
];

// Well-behaved traffic rotates over a fixed pool of 100 client addresses (each stays under the
// limit, and the number of budget Durable Objects stays bounded, so memory can level off); a second
// run of 4 connections sends everything from one abusive address, which must meet the rate limit
// (300 a minute). Headers are static per request entry: autocannon does not reliably apply headers
// returned by setupRequest.
const POOL = 100;
const ABUSIVE = 4;
const statusByLabel = new Map();
const count = (label, status) => {
  const counts = statusByLabel.get(label) ?? {};
  counts[status] = (counts[status] ?? 0) + 1;
  statusByLabel.set(label, counts);
};
const entries = (address, prefix = '') =>
  requests.map(({ label, ...request }) => ({
    ...request,
    headers: { ...request.headers, 'cf-connecting-ip': address },
    onResponse: (status) => count(`${prefix}${label}`, status),
  }));
const rss = [];
const sampler = setInterval(() => rss.push(groupRssKb()), 2_000);
rss.push(groupRssKb());

// The worker isolate's own JS heap, through the dev inspector (Chrome DevTools protocol): a full
// GC, then the heap in use, every 10 s. Process RSS also holds workerd's and the emulated D1's
// caches; the heap after GC is what would grow if the worker leaked.
const heap = [];
const inspector = await openInspector(inspectorPort).catch((error) => {
  console.error(`load: no inspector (${error.message}); heap not sampled`);
  return null;
});
const sampleHeap = async () => {
  if (!inspector) return;
  try {
    await inspector.send('HeapProfiler.collectGarbage');
    const { usedSize } = await inspector.send('Runtime.getHeapUsage');
    heap.push(Math.round((usedSize / 1024 / 1024) * 10) / 10);
  } catch {
    // the isolate may be restarting; skip this sample
  }
};
await sampleHeap();
const heapSampler = setInterval(sampleHeap, 10_000);

const instance = autocannon({
  url: base,
  connections: connections - ABUSIVE,
  duration,
  requests: Array.from({ length: POOL }, (_, i) => entries(`10.0.0.${i + 1}`)).flat(),
});
const abusive = autocannon({
  url: base,
  connections: ABUSIVE,
  duration,
  requests: entries('203.0.113.1', 'abusive: '),
});
autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
const [result, abuse] = await Promise.all([instance, abusive]);
clearInterval(sampler);
clearInterval(heapSampler);
rss.push(groupRssKb());
await sampleHeap();
inspector?.close();

const byStatus = {};
for (const counts of statusByLabel.values()) {
  for (const [status, n] of Object.entries(counts)) byStatus[status] = (byStatus[status] ?? 0) + n;
}
const fiveXx = Object.entries(byStatus)
  .filter(([status]) => status.startsWith('5'))
  .reduce((sum, [, n]) => sum + n, 0);
const mb = (kb) => Math.round((kb ?? 0) / 1024);
/** RSS of one process kind at the start, after 10 s of warm-up, at its peak and at the end. */
const memory = (name) => {
  const series = rss.map((sample) => sample[name] ?? 0);
  return {
    start: mb(series[0]),
    afterWarmUp: mb(series[Math.min(5, series.length - 1)]),
    peak: mb(Math.max(...series)),
    end: mb(series[series.length - 1]),
  };
};
const summary = {
  duration,
  connections,
  requests: result.requests.total + abuse.requests.total,
  requestsPerSecond: result.requests.average + abuse.requests.average,
  latencyMs: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  errors: result.errors + abuse.errors,
  timeouts: result.timeouts + abuse.timeouts,
  byStatus,
  fiveXx,
  byRequest: Object.fromEntries(statusByLabel),
  rssMb: Object.fromEntries(Object.keys(rss[0]).map((name) => [name, memory(name)])),
  // MB in use after a full GC, every 10 s from before the load to after it
  isolateHeapMbAfterGc: heap,
  rssSeriesMb: rss.map((sample) =>
    Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, mb(v)])),
  ),
};
console.log(JSON.stringify(summary, null, 2));
killGroup('SIGINT');
await new Promise((resolve) => setTimeout(resolve, 1_000));
process.exit(fiveXx === 0 && result.errors + abuse.errors === 0 ? 0 : 1);

/** A minimal CDP client for the dev inspector: the worker's target, request/response by id. */
async function openInspector(portNumber) {
  const { WebSocket } = await import('ws');
  const targets = await (await fetch(`http://127.0.0.1:${portNumber}/json`)).json();
  const target = targets.find((t) => t.webSocketDebuggerUrl) ?? targets[0];
  if (!target?.webSocketDebuggerUrl) throw new Error('no inspector target');
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let next = 1;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      const id = next++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        setTimeout(() => {
          if (pending.delete(id)) reject(new Error(`${method} timed out`));
        }, 5_000);
      });
    },
    close: () => socket.close(),
  };
}
