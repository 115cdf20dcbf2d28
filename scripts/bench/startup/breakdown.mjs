// Where start-up goes, module by module, inside workerd: bundles an entry as the start-up probe
// does (esbuild, unminified, so each module's code follows a `// path` comment), inserts a
// Date.now() mark before every module's code, runs the bundle under Miniflare N times and prints
// the median milliseconds per package (node_modules) or per source file, and the total; also
// workerd's CPU time until the Worker answered, less the same for an empty Worker (load inflates
// it far less than wall time).
//
//   setsid node scripts/bench/startup/breakdown.mjs [entry] [starts] [--files] [--all] [--stack-first]
//
// --files: a row per source file (else per directory); --all: per file in node_modules too;
// --stack-first: capture one stack trace before any module (workerd re-parses the script for the
// first one taken at module scope), so that cost gets its own row.
// entry: scripts/bench/startup/probe.ts (the schema modules, default) or src/index.ts (the whole
// Worker). A module's time is the top-level code between its mark and the next one, including
// what it calls there (src/graphql/index.ts's time is `builder.toSchema()`); a CommonJS module runs
// inside the module that first requires it. Date.now() ticks in whole milliseconds, so a row is
// the sum of the ticks that fell inside its modules. Started in its own process group (setsid).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { singleWorker, workerdCpuMs } from '../miniflare.mjs';

const root = resolve(import.meta.dirname, '..', '..', '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const byFile = process.argv.includes('--files');
const entry = resolve(root, args[0] ?? 'scripts/bench/startup/probe.ts');
const starts = Number(args[1] ?? 7);
const worker = entry.endsWith(join('src', 'index.ts'));
const dir = join(root, '.bench', 'startup-breakdown');
mkdirSync(dir, { recursive: true });

const bundled = join(dir, 'bundle.mjs');
const esbuild = spawnSync(
  join(root, 'node_modules', '.bin', 'esbuild'),
  [
    entry,
    '--bundle',
    '--format=esm',
    '--platform=neutral',
    // the Worker as wrangler resolves it (browser builds of @whatwg-node); the probe as bench.mjs does
    worker ? '--main-fields=browser,module,main' : '--main-fields=module,main',
    worker ? '--conditions=workerd,worker,browser' : '--conditions=workerd,worker,import',
    '--external:cloudflare:*',
    `--outfile=${bundled}`,
    '--log-level=error',
  ],
  { cwd: root, encoding: 'utf8' },
);
if (esbuild.status !== 0) throw new Error(esbuild.stderr);

const marked = readFileSync(bundled, 'utf8')
  .split('\n')
  .map((line) => {
    const path = /^\/\/ (\S+\.(?:[cm]?[jt]s|json))$/.exec(line)?.[1];
    return path ? `__mark(${JSON.stringify(path)});\n${line}` : line;
  });
writeFileSync(
  bundled,
  [
    'const __marks = (globalThis.__startupMarks = [["(start)", Date.now()]]);',
    'function __mark(path) { __marks.push([path, Date.now()]); }',
    // --stack-first: capture a stack trace before any module, so its cost gets its own row
    process.argv.includes('--stack-first')
      ? '__mark("(first stack trace at module scope)"); Error.captureStackTrace({});'
      : '',
    ...marked,
    '__mark("(end)");',
  ].join('\n'),
);
writeFileSync(
  join(dir, 'index.js'),
  [
    "import './bundle.mjs';",
    'export default { fetch: () => Response.json(globalThis.__startupMarks) };',
    // the Worker's Durable Object classes, when the entry is src/index.ts
    worker ? "export { QueryBudget, DataVersion } from './bundle.mjs';" : '',
  ].join('\n'),
);

/** The row a module counts in: its package, or its source file. */
function group(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm < 0 || process.argv.includes('--all'))
    return byFile ? path : path.replace(/\/[^/]+$/, '/');
  const parts = path.slice(nm + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

writeFileSync(join(dir, 'empty.js'), 'export default { fetch: () => Response.json([]) };');

/** Starts workerd with `script`, sends one request; its JSON and workerd's CPU time until then. */
async function start(script) {
  const mf = singleWorker(join(dir, script));
  const body = await (await mf.dispatchFetch('http://probe/')).json();
  const cpu = workerdCpuMs();
  await mf.dispose();
  return { body, cpu };
}

const runs = [];
for (let i = 0; i < starts; i++) {
  // workerd's CPU with an empty Worker, subtracted: what is left is loading this one
  const empty = await start('empty.js');
  const { body: marks, cpu } = await start('index.js');
  const ms = {};
  for (let j = 0; j + 1 < marks.length; j++) {
    const g = group(marks[j][0]);
    ms[g] = (ms[g] ?? 0) + marks[j + 1][1] - marks[j][1];
  }
  ms['(total)'] = marks.at(-1)[1] - marks[0][1];
  ms['(workerd CPU over an empty Worker)'] = Math.round(cpu - empty.cpu);
  runs.push(ms);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows = [...new Set(runs.flatMap((r) => Object.keys(r)))].map((g) => ({
  group: g,
  median: median(runs.map((r) => r[g] ?? 0)),
  mean: runs.reduce((s, r) => s + (r[g] ?? 0), 0) / runs.length,
}));
rows.sort((a, b) => b.mean - a.mean);
console.log(`${starts} starts of ${entry.slice(root.length + 1)}; ms per start`);
for (const r of rows) {
  if (r.mean < 0.5 && !r.group.startsWith('(')) continue;
  console.log(`${r.median.toString().padStart(5)} ${r.mean.toFixed(1).padStart(6)}  ${r.group}`);
}
