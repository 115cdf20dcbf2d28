// Runs the start-up probe (startup/probe.ts, bundled by scripts/bench/bench.mjs) under Miniflare
// N times and prints the module-evaluation times as JSON. Started by bench.mjs in its own
// process group.
import { dirname, resolve } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';

const script = resolve(process.argv[2]);
const times = Number(process.argv[3] ?? 5);
const samples = [];
for (let i = 0; i < times; i++) {
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    compatibilityDate: '2026-04-26',
    cf: false,
    log: new Log(LogLevel.WARN),
  });
  const response = await mf.dispatchFetch('http://probe/');
  samples.push((await response.json()).modulesMs);
  await mf.dispose();
}
console.log(JSON.stringify({ samples }));
