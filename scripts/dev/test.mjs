// `npm test`: vitest run (arguments passed on), with workerd's benign teardown messages left out of
// its output. @cloudflare/vitest-pool-workers 0.15 does not filter "WebSocket peer disconnected"
// (workers-sdk PR #13833 added it to the pool's ignore list in a later version), and the D1/Durable
// Object reset between tests reports the requests it aborts. Only these exact lines are dropped.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

const BENIGN = [
  /^exception = workerd\/api\/web-socket\.c\+\+:\d+: disconnected: WebSocket peer disconnected$/,
  /^\[mf:error\] Error: Application called deleteAllDurableObjects\(\)\.$/,
  /^uncaught exception; source = Uncaught \(in promise\); stack = Error: Application called deleteAllDurableObjects\(\)\.$/,
];

const require = createRequire(import.meta.url);
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'pipe'],
  env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
});
let dropped = 0;
for (const [from, to] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    if (BENIGN.some((pattern) => pattern.test(stripVTControlCharacters(line).trim()))) dropped += 1;
    else to.write(`${line}\n`);
  });
}
child.on('close', (code, signal) => {
  if (dropped > 0) console.log(`(${dropped} benign workerd teardown line(s) left out)`);
  process.exit(signal ? 1 : (code ?? 1));
});
