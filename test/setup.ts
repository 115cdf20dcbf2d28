// Every test that touches D1 starts from the real migrations (schema and the Qom data) on an empty
// local D1: Vitest 4 does not isolate storage between tests, so reset and re-apply before each one.
// Pure unit tests (test/lib) skip it.
import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, expect } from 'vitest';

beforeEach(async () => {
  if (expect.getState().testPath?.includes('/test/lib/')) return;
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});
