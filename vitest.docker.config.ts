import { defineConfig } from 'vitest/config';

// `npm run test:docker`: the tests that need a Docker engine (root, the proxylab/* images, the gcc base image):
// compose, --image and --sandbox docker. They start containers and grade for real, so they run one file at a
// time; `npm test` leaves them out (see vitest.config.ts).
export default defineConfig({
  test: {
    include: ['*/test/**/*.docker.test.ts'],
    fileParallelism: false,
    retry: 0,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
