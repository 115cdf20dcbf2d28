// `npm run dev`: copies GraphiQL's files into public/graphiql/, applies the D1 migrations to the
// local database (.wrangler/state), then runs `wrangler dev` on port 8787 (local only).
// Another port: `PORT=8914 npm run dev` or `npm run dev -- --port 8914`; other extra arguments go
// to `wrangler dev` too (`npm run dev -- --ip 0.0.0.0`). A port already in use (say, by another
// `npm run dev`) stops it before anything starts, with a message that says what to do.
//
// wrangler dev starts workerd as a child; killing only wrangler can leave workerd running (and
// holding the port). So wrangler runs in its own process group and Ctrl-C, SIGTERM, SIGHUP or
// this script's exit ends the whole group.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
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

// 0. The port: --port, else PORT, else 8787; refused early when something already listens on it
// (wrangler would otherwise fail later with a workerd stack trace).
const args = process.argv.slice(2);
const portArg = args.findIndex((a) => /^--port(=|$)/.test(a));
const portText =
  portArg < 0
    ? (process.env.PORT ?? '8787')
    : args[portArg].includes('=')
      ? args[portArg].split('=')[1]
      : args[portArg + 1];
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`dev: "${portText}" is not a port; use a number from 1 to 65535.`);
  process.exit(2);
}
const inUse = (host) =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
if ((await inUse('127.0.0.1')) || (await inUse('::1'))) {
  console.error(
    `dev: port ${port} is already in use (another \`npm run dev\`?). Stop that one, or pick another port: PORT=${port + 1} npm run dev (or npm run dev -- --port ${port + 1}).`,
  );
  process.exit(1);
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
// is not a TTY or when CI is set; both are arranged here, so it never waits for an answer. Its
// tables (one row per migration, ~150 lines) are shown only when it fails.
const migration = spawnSync(
  process.execPath,
  [path.join(root, 'scripts', 'dev', 'wrangler.mjs'), 'd1', 'migrations', 'apply', 'DB', '--local'],
  { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...quietEnv, CI: 'true' } },
);
if (migration.status !== 0) {
  process.stderr.write(`${migration.stdout ?? ''}${migration.stderr ?? ''}`);
  console.error(`dev: migrations failed (exit ${migration.status}); not starting wrangler dev.`);
  process.exit(migration.status ?? 1);
}
// wrangler reprints its table after each migration: count the names, once each
const applied = new Set(migration.stdout.match(/\d{4}_\S+\.sql(?=\s+│ ✅)/gu) ?? []).size;
console.log(
  applied > 0
    ? `dev: applied ${applied} D1 migration(s) to the local database (.wrangler/state)`
    : 'dev: the local database is up to date with migrations/',
);

// 3. wrangler dev in its own process group (detached: setsid), so its workerd can be killed with it.
const devArgs = ['dev', ...(portArg < 0 ? ['--port', String(port)] : [])];
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
