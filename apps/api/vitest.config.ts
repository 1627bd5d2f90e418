import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['@gatehouse/db/testing/global-setup'],
    hookTimeout: 60_000,
    // Under CI's shared two cores a flow of several HTTP calls and an SMTP round trip can take a few seconds.
    testTimeout: 20_000,
  },
});
