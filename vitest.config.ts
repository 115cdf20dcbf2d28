import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts'],
      setupFiles: ['./test/setup.ts'],
      // Each test runs in workerd against a local D1 that beforeEach resets and migrates again; on
      // a two-core machine a test paging a nested list through every route took past vitest's
      // 5-second default once in CI. A test's time is never what it asserts (BENCHMARKS.md holds
      // the measurements), so the limit only catches a hang.
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
