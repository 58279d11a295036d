import { defineConfig } from 'vitest/config';

// One run over every package's unit tests and the cross-package end-to-end tests.
// Cross-package imports (@novae/*) resolve to the built dist/, so `npm test` builds first (pretest).
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tests/**/*.test.ts', 'bench/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
