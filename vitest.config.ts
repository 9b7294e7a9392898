import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'tests/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    // The summary reporter prints the last line: "N passed, N failed, N skipped".
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
