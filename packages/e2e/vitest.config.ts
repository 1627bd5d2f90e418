import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.e2e.test.ts'],
    globalSetup: ['@gatehouse/db/testing/global-setup'],
    hookTimeout: 60_000,
    testTimeout: 60_000,
    // One browser at a time: two cores are shared with PostgreSQL and the api.
    fileParallelism: false,
  },
});
