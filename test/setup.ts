// Every test starts from the real migrations (schema and the Qom data) on an empty local D1:
// Vitest 4 does not isolate storage between tests, so reset and re-apply before each one.
import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach } from 'vitest';

beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});
