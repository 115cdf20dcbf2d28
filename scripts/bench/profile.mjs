// A CPU profile of the worker's isolate through workerd's inspector (Miniflare `inspectorPort`),
// over the Chrome DevTools protocol: Profiler.start, the load, Profiler.stop. Self time is then
// attributed to the bundled module each sampled function comes from (esbuild marks every module
// in the bundle with a `// path` comment), and grouped into what the request spends it on.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

/** Line (0-based) → module path, from the bundle's `// node_modules/...` and `// src/...` markers. */
function moduleMap(bundlePath) {
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  const starts = [];
  lines.forEach((line, i) => {
    const m = line.match(/^\/\/ ((?:node_modules|src|\.\.)\/\S+|\S+\.(?:ts|js|mjs|json))$/);
    // the floor's bundle names Ostan's modules from its own directory (../../../src/db/...)
    if (m) starts.push([i, m[1].replace(/^(\.\.\/)+/, '')]);
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** What a module is for, in the request's life. */
function category(module, fn, url) {
  if (!url) {
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(idle)' || fn === '(program)' || fn === '(root)') return `${fn}`;
    return 'native (JSON, crypto, D1 binding, streams)';
  }
  // workerd's own JavaScript modules: their line numbers are not the bundle's
  if (url === 'cloudflare-internal:d1-api')
    return 'workerd D1 binding JS (the floor pays the same)';
  if (url.startsWith('cloudflare-internal:') || url.startsWith('node:'))
    return 'workerd internal JS (rate limit, streams)';
  if (fn === '__name') return 'esbuild keepNames (`__name` on every closure made)';
  if (!module || module === '(bundle prelude)') return 'other bundle code';
  if (module === 'index.ts') return "the floor's own code (scripts/bench/floor/index.ts)";
  if (/graphql\/language/.test(module)) return 'parse (graphql/language)';
  if (/graphql\/validation|graphql-armor|introspection/.test(module))
    return 'validate (graphql/validation, armor limits)';
  if (/graphql\/execution|@graphql-tools\/executor|^src\/graphql\/execute\.ts/.test(module))
    return 'execute (the planned executor, graphql-js)';
  if (/graphql\/(type|utilities|jsutils|error)/.test(module))
    return 'graphql-js utilities (types, values, errors)';
  if (/@pothos/.test(module)) return 'Pothos plugin wrappers (relay, dataloader)';
  if (/dataloader/.test(module)) return 'DataLoader';
  if (
    /graphql-yoga|@envelop|@whatwg-node|@graphql-yoga|lru-cache|cross-inspect|@graphql-tools\/utils/.test(
      module,
    )
  )
    return 'Yoga + envelop (HTTP, plugins, result)';
  if (/hono/.test(module)) return 'Hono';
  if (/^src\/http\/(cost|metering|budget)/.test(module)) return 'Ostan cost + metering';
  if (/^src\/db/.test(module)) return 'Ostan data layer (src/db)';
  if (/^src\//.test(module)) return `Ostan other (src/)`;
  if (/zod/.test(module)) return 'zod';
  return `other (${module})`;
}

// workerd runs every isolate of the process (here also the D1 and Durable Object emulation) on one
// thread, and its sampler is sparse: a sample that follows a long gap stands for time the thread
// spent elsewhere, so only samples within GAP_LIMIT of the previous one are counted.
const INTERVAL_US = 200;
const GAP_LIMIT_US = 4 * INTERVAL_US;

/**
 * A CPU profile (or with `allocations`, a sampling heap profile; with `survivors` too, of what
 * outlived a scavenge) of the isolate of `worker` (serve.mjs's names: ostan, floor) while `load`
 * runs.
 */
export async function profileWorker({
  inspectorPort,
  bundle,
  load,
  worker = 'ostan',
  allocations = false,
  survivors = false,
}) {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = targets.find((t) => (t.title ?? t.id ?? '').endsWith(`core:user:${worker}`));
  if (!target) {
    const titles = targets.map((t) => t.title).join(', ');
    throw new Error(`no inspector target for the worker ${worker} (targets: ${titles})`);
  }
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.id && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      id += 1;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  if (allocations) {
    // V8's sampling heap profiler: an allocation sampled every 16 KiB on average, with its stack,
    // kept whether or not a GC has since collected it (what a request allocates, not what stays);
    // with `survivors`, what a scavenge collected is left out: what lived through one, and was
    // copied and promoted to the old generation for a mark-compact to collect
    await send('HeapProfiler.enable');
    await send('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !survivors,
    });
    const loadResult = await load();
    const stopped = await send('HeapProfiler.stopSampling');
    ws.close();
    const profile = stopped.result.profile;
    return {
      summary: summariseAllocations(profile, bundle, loadResult.requests.total),
      raw: profile,
    };
  }
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  await send('Profiler.start');
  const loadResult = await load();
  const stopped = await send('Profiler.stop');
  ws.close();
  const profile = stopped.result.profile;
  return { summary: summarise(profile, bundle, loadResult.requests.total), raw: profile };
}

/**
 * The GC's pauses: runs of consecutive `(garbage collector)` samples, each one pause. Their
 * lengths tell scavenges (a young generation's survivors copied: well under a millisecond here)
 * from mark-compacts (the whole heap marked: milliseconds).
 */
function gcPauses(profile, byId, requests) {
  const pauses = [];
  let current = 0;
  profile.samples.forEach((nodeId, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (byId.get(nodeId)?.callFrame.functionName === '(garbage collector)') {
      if (dt <= GAP_LIMIT_US) current += dt;
    } else if (current > 0) {
      pauses.push(current);
      current = 0;
    }
  });
  if (current > 0) pauses.push(current);
  pauses.sort((a, b) => a - b);
  const ms = (us) => Number(((us ?? 0) / 1000).toFixed(2));
  const long = pauses.filter((us) => us >= 2000);
  return {
    perRequest: Number((pauses.length / requests).toFixed(3)),
    medianMs: ms(pauses[Math.floor(pauses.length / 2)]),
    p90Ms: ms(pauses[Math.floor(pauses.length * 0.9)]),
    maxMs: ms(pauses[pauses.length - 1]),
    // pauses of 2 ms or more, and their share of all GC time
    longPerRequest: Number((long.length / requests).toFixed(3)),
    longShare: Number(
      (
        long.reduce((a, b) => a + b, 0) /
        Math.max(
          1,
          pauses.reduce((a, b) => a + b, 0),
        )
      ).toFixed(2),
    ),
  };
}

/** Bytes allocated a request by category and by function, from a sampling heap profile. */
export function summariseAllocations(profile, bundle, requests) {
  const moduleOf = moduleMap(bundle);
  const byCategory = new Map();
  const byFunction = new Map();
  let total = 0;
  const visit = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = functionName || '(anonymous)';
    const module = url && !url.includes(':') ? moduleOf(lineNumber) : null;
    const cat = category(module, fn, url);
    total += node.selfSize;
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + node.selfSize);
    const key = `${fn} (${module ?? 'native'}:${lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const perRequest = (bytes) => Math.round(bytes / requests);
  return {
    requests,
    bytesPerRequest: perRequest(total),
    categories: Object.fromEntries(
      [...byCategory.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => [name, { bytesPerRequest: perRequest(bytes) }]),
    ),
    topFunctions: [...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([name, bytes]) => ({ name, bytesPerRequest: perRequest(bytes) })),
  };
}

/** Self time by category and by function, per request, of a profile of `requests` requests. */
export function summarise(profile, bundle, requests) {
  const moduleOf = moduleMap(bundle);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map();
  for (const sample of profile.samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);
  const deltas = profile.timeDeltas;
  // time per node: the sum of the deltas of its samples (the next delta belongs to this sample)
  const time = new Map();
  let dropped = 0;
  profile.samples.forEach((nodeId, i) => {
    const dt = deltas[i + 1] ?? 0;
    if (dt > GAP_LIMIT_US) {
      dropped += 1;
      return;
    }
    time.set(nodeId, (time.get(nodeId) ?? 0) + dt);
  });
  const byCategory = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const [nodeId, us] of time) {
    const node = byId.get(nodeId);
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = functionName || '(anonymous)';
    // only the Worker's bundle (index.js) is mapped to modules by line
    const module = url && !url.includes(':') ? moduleOf(lineNumber) : null;
    const cat = category(module, fn, url);
    if (cat === '(idle)' || cat === '(program)' || cat === '(root)') {
      byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
      continue;
    }
    busy += us;
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
    const key = `${fn} (${module ?? 'native'})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const perRequest = (us) => Number((us / 1000 / requests).toFixed(4));
  const summary = {
    requests,
    samples: profile.samples.length,
    droppedSamples: dropped,
    sampledJsMsPerRequest: perRequest(busy),
    gcPauses: gcPauses(profile, byId, requests),
    categories: Object.fromEntries(
      [...byCategory.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([name, us]) => [
          name,
          { msPerRequest: perRequest(us), share: busy ? Number((us / busy).toFixed(3)) : null },
        ]),
    ),
    topFunctions: [...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([name, us]) => ({ name, msPerRequest: perRequest(us) })),
  };
  return summary;
}

// `node scripts/bench/profile.mjs <.cpuprofile> <bundle index.js> <requests>`: the summary of a
// saved profile again (e.g. after the categories changed)
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, bundle, requests] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  console.log(JSON.stringify(summarise(profile, bundle, Number(requests)), null, 2));
}
