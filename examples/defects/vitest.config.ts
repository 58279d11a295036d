import { defineConfig } from 'vitest/config';

// This example's own tests; the root `npm test` runs them too (examples/*/test).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
  },
});
