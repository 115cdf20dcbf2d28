// Runs the start-up probe (startup/probe.ts, bundled by scripts/bench/bench.mjs) under Miniflare
// N times and prints the module-evaluation times as JSON. Started by bench.mjs in its own
// process group.
import { resolve } from 'node:path';
import { singleWorker } from '../miniflare.mjs';

const script = resolve(process.argv[2]);
const times = Number(process.argv[3] ?? 5);
const samples = [];
for (let i = 0; i < times; i++) {
  const mf = singleWorker(script);
  const response = await mf.dispatchFetch('http://probe/');
  samples.push((await response.json()).modulesMs);
  await mf.dispose();
}
console.log(JSON.stringify({ samples }));
