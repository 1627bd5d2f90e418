import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['@gatehouse/db/testing/global-setup'],
    hookTimeout: 60_000,
  },
});
