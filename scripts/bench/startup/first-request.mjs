// The whole Worker's start and its first /graphql requests, as deployed: the output of
// `wrangler deploy --dry-run --outdir DIR` (minified) under Miniflare with the root wrangler.toml's
// vars, rate limits and Durable Objects (an empty in-memory D1: the requests below read none).
// For each of N fresh workerd processes: the Worker's module start (wall); workerd's CPU time until
// it is ready, less the same for an empty Worker (what loading this one costs, compiling and module
// start); then the wall and workerd CPU time of the first and of the second POST /graphql.
// Prints medians and samples.
//
//   node scripts/dev/wrangler.mjs deploy --dry-run --outdir /tmp/dry-startup
//   setsid node scripts/bench/startup/first-request.mjs /tmp/dry-startup/index.js [starts]
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ostanBindings, rootConfig, singleWorker, workerdCpuMs } from '../miniflare.mjs';

const script = resolve(process.argv[2]);
const starts = Number(process.argv[3] ?? 7);

const { vars, ratelimits } = rootConfig();
// VARS='{"GRAPHIQL":"false"}' overrides vars, e.g. to start as production does
Object.assign(vars, JSON.parse(process.env.VARS ?? '{}'));
const empty = join(dirname(script), 'empty-worker.mjs');
writeFileSync(empty, 'export default { fetch: () => new Response("{}") };');
// The Worker behind a module that reads Date.now() before and after it evaluates (Date.now()
// advances during module evaluation in local workerd): its module start in wall milliseconds.
const timed = join(dirname(script), 'timed-worker.mjs');
writeFileSync(join(dirname(script), 't0.mjs'), 'globalThis.__t0 = Date.now();');
writeFileSync(
  timed,
  [
    "import './t0.mjs';",
    `import worker from './${script.split('/').pop()}';`,
    `export * from './${script.split('/').pop()}';`,
    'const moduleMs = Date.now() - globalThis.__t0;',
    'export default {',
    '  fetch: (request, env, ctx) =>',
    "    new URL(request.url).pathname === '/__module-ms' ? Response.json(moduleMs) : worker.fetch(request, env, ctx),",
    '};',
  ].join('\n'),
);

function miniflare(scriptPath, extra) {
  return singleWorker(scriptPath, {
    // wrangler's output is an ES module named .js
    modulesRules: [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }],
    ...extra,
  });
}

const graphql = (mf) =>
  mf.dispatchFetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

const rows = { moduleMs: [], loadCpu: [], firstMs: [], firstCpu: [], secondMs: [], secondCpu: [] };
for (let i = 0; i < starts; i++) {
  const base = miniflare(empty, {});
  await base.ready;
  const emptyCpu = workerdCpuMs();
  await base.dispose();

  const mf = miniflare(timed, ostanBindings({ vars, ratelimits }));
  // workerd evaluates the Worker's modules before it is ready
  await mf.ready;
  const loaded = workerdCpuMs();
  rows.loadCpu.push(loaded - emptyCpu);
  rows.moduleMs.push(await (await mf.dispatchFetch('http://localhost/__module-ms')).json());
  for (const which of ['first', 'second']) {
    const cpu = workerdCpuMs();
    const t = performance.now();
    const response = await graphql(mf);
    const body = await response.text();
    rows[`${which}Ms`].push(performance.now() - t);
    rows[`${which}Cpu`].push(workerdCpuMs() - cpu);
    if (response.status !== 200) throw new Error(`${response.status} ${body}`);
  }
  await mf.dispose();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const out = Object.fromEntries(
  Object.entries(rows).map(([k, xs]) => [
    k,
    { median: Math.round(median(xs)), samples: xs.map(Math.round) },
  ]),
);
console.log(JSON.stringify(out));
