import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'test/fixtures/**'],
    // Stops at once, in one line, when the run includes the browser tests and there is no Chromium.
    globalSetup: ['test/support/require-chromium.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores here: integration suites start servers and databases; keep them from starving each other.
    maxWorkers: 2,
  },
});
