// `npm run dev`: copies GraphiQL's files into public/graphiql/, applies the D1 migrations to the
// local database (.wrangler/state), then runs `wrangler dev --port 8787` (local only).
// Extra arguments go to `wrangler dev`: `npm run dev -- --port 9000 --ip 0.0.0.0`.
//
// wrangler dev starts workerd as a child; killing only wrangler can leave workerd running (and
// holding the port). So wrangler runs in its own process group and Ctrl-C, SIGTERM, SIGHUP or
// this script's exit ends the whole group.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quietEnv, wrangler } from './wrangler.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);

function waitFor(child) {
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`dev: could not start wrangler: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

// 1. GraphiQL's JS/CSS. Without them the API still works, only the IDE at /graphql does not.
const copy = spawnSync(process.execPath, [path.join(root, 'scripts', 'dev', 'copy-graphiql.mjs')], {
  stdio: 'inherit',
});
if (copy.status !== 0) {
  console.warn('dev: GraphiQL files were not copied; /graphql in a browser will not work.');
  fs.mkdirSync(path.join(root, 'public'), { recursive: true }); // wrangler requires [assets].directory
}

// 2. Local migrations. wrangler's "continue?" prompt takes its fallback (yes) when stdin or stdout
// is not a TTY or when CI is set; both are arranged here, so it never waits for an answer.
console.log('dev: applying D1 migrations to the local database');
const migrated = await waitFor(
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...quietEnv, CI: 'true' },
  }),
);
if (migrated !== 0) {
  console.error(`dev: migrations failed (exit ${migrated}); not starting wrangler dev.`);
  process.exit(migrated);
}

// 3. wrangler dev in its own process group (detached: setsid), so its workerd can be killed with it.
const args = process.argv.slice(2);
const devArgs = ['dev', ...(args.some((a) => /^--port(=|$)/.test(a)) ? [] : ['--port', '8787'])];
const dev = wrangler([...devArgs, ...args], { detached: true });

let stopping = false;
function killGroup(signal) {
  try {
    process.kill(-dev.pid, signal);
  } catch {
    // the group is already gone
  }
}
function groupAlive() {
  try {
    process.kill(-dev.pid, 0);
    return true;
  } catch {
    return false;
  }
}
// SIGINT, as Ctrl-C would send: wrangler and workerd both shut down on it. (workerd left behind by a
// dead wrangler ignores SIGTERM, so SIGTERM is not used.) SIGKILL whatever is left after 5 s.
async function stopGroup() {
  killGroup('SIGINT');
  for (let waited = 0; groupAlive() && waited < 5000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  killGroup('SIGKILL');
}
async function stop() {
  if (stopping) {
    killGroup('SIGKILL'); // a second Ctrl-C: no more waiting
    return;
  }
  stopping = true;
  await stopGroup();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
process.on('exit', () => killGroup('SIGKILL')); // whatever happens, leave no workerd behind

const code = await waitFor(dev);
if (!stopping) {
  // wrangler ended by itself (its own Ctrl-C/x hotkey, or a crash): make sure its workerd did too
  await stopGroup();
  process.exit(code);
}
