// A throw-away `wrangler dev` for the Node-side checks (browser-check.mjs, client-check.mjs): the
// migrations applied to a fresh local D1 in a temporary directory, wrangler in its own process group
// (so its workerd stops with it), and a wait until /health answers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { quietEnv, wrangler } from '../dev/wrangler.mjs';

/**
 * Starts `wrangler dev` for the project in `cwd` on 127.0.0.1:`port`; resolves to `{ base, stop }`
 * once it answers. `stop()` ends the process group and removes the database.
 */
export async function startDevServer({ cwd, port }) {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ostan-dev-'));
  const migrate = spawnSync(
    process.execPath,
    [
      path.join(cwd, 'scripts', 'dev', 'wrangler.mjs'),
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      '--persist-to',
      state,
    ],
    { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...quietEnv, CI: 'true' } },
  );
  if (migrate.status !== 0) throw new Error('applying the migrations failed');

  const dev = wrangler(
    ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state],
    {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  dev.stdout.on('data', keep);
  dev.stderr.on('data', keep);
  const signalGroup = (signal) => {
    try {
      process.kill(-dev.pid, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  process.on('exit', () => signalGroup('SIGKILL'));
  const stop = async () => {
    signalGroup('SIGINT');
    for (let i = 0; i < 50 && signalGroup(0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    signalGroup('SIGKILL');
    fs.rmSync(state, { recursive: true, force: true });
  };

  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { base, stop };
    } catch {
      // not listening yet
    }
    if (i > 120 || dev.exitCode !== null) {
      await stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
