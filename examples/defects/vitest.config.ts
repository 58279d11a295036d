import { defineConfig } from 'vitest/config';

// This example's own tests (the root config lists packages/, tests/ and bench/ only).
// Run from the repository root: `npx vitest run --root examples/defects`, or `npm test -w examples/defects`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
  },
});
