import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'test/fixtures/**'],
    // Stops at once, in one line, when the run includes the browser tests and there is no Chromium.
    globalSetup: ['test/support/require-chromium.ts'],
    // Hang guards, not speed goals (those live in bench/): on the 2 shared cores a clean-clone run at a
    // load average of 25 took a property test to 33 s, a demo-dataset test to 39 s and an engine
    // suite's start past 120 s, each a pass on a quiet machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores here: integration suites start servers and databases; keep them from starving each other.
    maxWorkers: 2,
  },
});
