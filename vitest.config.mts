// Tests run against real services: a Temporal dev server and PostgreSQL started or reached by
// test/support/globalSetup.ts. Forks pool: the threads pool crashes with several Temporal workers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 3,
  },
});
