// Runs the project's wrangler with telemetry, update checks and the banner off,
// so that dev, migrations and dry-run deploys make no outside connections.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const bin = require.resolve('wrangler/bin/wrangler.js');

export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

export function wrangler(args, options = {}) {
  return spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env: quietEnv, ...options });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const child = wrangler(process.argv.slice(2));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}
