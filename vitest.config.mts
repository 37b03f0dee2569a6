import { defineConfig } from 'vitest/config';

// Node-side tests: pure shared rules, the Dexie layer on fake-indexeddb, and end-to-end tests
// that drive real Chromium against wrangler dev. Worker tests have their own config
// (vitest.workers.config.mts) because they run inside workerd.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/shared/**/*.test.ts', 'tests/extension/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
