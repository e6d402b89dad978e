import { defineConfig } from 'vitest/config';

// Two projects: ordinary tests run in parallel; timing-sensitive ones (load, grading runs) run one file at a
// time so they never compete for the two cores. Neither is ever retried: a retry would hide a flaky check.
export default defineConfig({
  test: {
    retry: 0,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['*/src/**/*.test.ts', '*/test/**/*.test.ts'],
          exclude: ['**/*.serial.test.ts', '**/node_modules/**', '**/*.docker.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: ['*/src/**/*.serial.test.ts', '*/test/**/*.serial.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
        },
      },
    ],
  },
});
