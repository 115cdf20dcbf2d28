// `npm run deploy:staging|production`: copies GraphiQL's files, applies the D1 migrations to the
// environment's remote database, then deploys the worker to that environment. Migrations go
// first: a new worker must never run against an older schema. `--migrate-only` stops after the
// migrations (the `predeploy` of `npm run deploy`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quietEnv } from './wrangler.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const envIndex = args.indexOf('--env');
const environment = envIndex >= 0 ? args[envIndex + 1] : undefined;
if (envIndex >= 0 && !['staging', 'production'].includes(environment ?? '')) {
  console.error('deploy: --env must be staging or production');
  process.exit(2);
}
const envArgs = environment ? ['--env', environment] : [];

function step(label, script, stepArgs) {
  console.log(`deploy: ${label}`);
  const result = spawnSync(process.execPath, [path.join(here, script), ...stepArgs], {
    cwd: root,
    stdio: 'inherit',
    env: quietEnv,
  });
  if (result.status !== 0) {
    console.error(`deploy: ${label} failed (exit ${result.status}); stopping.`);
    process.exit(result.status ?? 1);
  }
}

step('copying GraphiQL assets', 'copy-graphiql.mjs', []);
step('applying migrations to the remote database', 'wrangler.mjs', [
  'd1',
  'migrations',
  'apply',
  'DB',
  '--remote',
  ...envArgs,
]);
// D1's advice after creating indexes (best-practices/use-indexes): fresh statistics, so the
// planner does not take a new index without statistics over one it has them for
step('refreshing the query planner statistics (PRAGMA optimize)', 'wrangler.mjs', [
  'd1',
  'execute',
  'DB',
  '--remote',
  '--command',
  'PRAGMA optimize',
  ...envArgs,
]);
if (!args.includes('--migrate-only')) {
  step(`deploying${environment ? ` to ${environment}` : ''}`, 'wrangler.mjs', [
    'deploy',
    ...envArgs,
  ]);
}
