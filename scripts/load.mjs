// `npm run load`: a load run against `wrangler dev` (local D1 under a temporary directory, so it
// leaves the developer's .wrangler/state alone): 60 s of autocannon with mixed reads (persisted
// GETs served from the edge cache, ad-hoc POSTs) and the attack corpus, from many client
// addresses plus one abusive address that hits the rate limit. Prints status counts, latencies
// and the memory (RSS) of the wrangler/workerd process group sampled through the run.
//
// wrangler dev runs in its own process group (setsid: detached) and the whole group is killed at
// the end, whatever happens, so no workerd is left holding the port.
//   node scripts/load.mjs [--duration 60] [--connections 20] [--port 8799]
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parse, print } from 'graphql';
import { quietEnv, wrangler } from './wrangler.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
const dev = wrangler(['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state], {
  detached: true,
  stdio: ['ignore', 'ignore', 'inherit'],
});
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

/** RSS (kB) of every process in wrangler's group: wrangler itself and workerd. */
function groupRssKb() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgid !== dev.pid) continue;
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
      total += Number(rss?.[1] ?? 0);
    } catch {
      // the process ended
    }
  }
  return total;
}

// 3. The traffic.
const opFile = (name) =>
  readFileSync(path.join(root, 'schema', 'operations', `${name}.graphql`), 'utf8');
const persisted = (name, variables) => {
  const hash = createHash('sha256')
    .update(print(parse(opFile(name))))
    .digest('hex');
  const params = new URLSearchParams({
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
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
    body: `{"query": "${'x'.repeat(20_000)}"}`,
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

// Each connection is a client address of its own, except connection 0: one abusive address that
// sends at full speed and must meet the rate limit (300 a minute).
let nextClient = 0;
const statusByLabel = new Map();
const rss = [];
const sampler = setInterval(() => rss.push(groupRssKb()), 2_000);
rss.push(groupRssKb());

const instance = autocannon({
  url: base,
  connections,
  duration,
  requests: requests.map(({ label, ...request }) => ({
    ...request,
    setupRequest: (req, context) => {
      if (context.client === undefined) context.client = nextClient++;
      // a fresh address every 50 requests, so well-behaved clients stay under the limit
      context.sent = (context.sent ?? 0) + 1;
      const address =
        context.client === 0
          ? '203.0.113.1'
          : `10.${context.client}.${Math.floor(context.sent / 50) % 256}.${Math.floor(context.sent / 12800) % 256}`;
      context.label = label;
      return { ...req, headers: { ...req.headers, 'cf-connecting-ip': address } };
    },
    onResponse: (status, _body, context) => {
      const counts = statusByLabel.get(context.label) ?? {};
      counts[status] = (counts[status] ?? 0) + 1;
      statusByLabel.set(context.label, counts);
    },
  })),
});
autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
const result = await instance;
clearInterval(sampler);
rss.push(groupRssKb());

const byStatus = {};
for (const counts of statusByLabel.values()) {
  for (const [status, n] of Object.entries(counts)) byStatus[status] = (byStatus[status] ?? 0) + n;
}
const fiveXx = Object.entries(byStatus)
  .filter(([status]) => status.startsWith('5'))
  .reduce((sum, [, n]) => sum + n, 0);
const warm = rss.slice(Math.min(5, rss.length - 1));
const summary = {
  duration,
  connections,
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  latencyMs: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  errors: result.errors,
  timeouts: result.timeouts,
  byStatus,
  fiveXx,
  byRequest: Object.fromEntries(statusByLabel),
  rssMb: {
    start: Math.round(rss[0] / 1024),
    afterWarmUp: Math.round(warm[0] / 1024),
    peak: Math.round(Math.max(...rss) / 1024),
    end: Math.round(rss[rss.length - 1] / 1024),
  },
};
console.log(JSON.stringify(summary, null, 2));
killGroup('SIGINT');
await new Promise((resolve) => setTimeout(resolve, 1_000));
process.exit(fiveXx === 0 && result.errors === 0 ? 0 : 1);
