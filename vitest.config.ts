// Test layers: unit tests sit beside the code; integration tests start a real hub on a random port;
// end-to-end tests drive real Chromium and run one file at a time.
//
// Unit and integration files run two at a time. Vitest's default is one worker fewer than the cores, so one on a
// two-core machine, while an integration file spends much of its time waiting on something other than its own
// thread: a hub process it started (crash safety), scrypt and upload checks on their threads, fsync. Measured on 8
// integration files: 434 s with one worker, 250 s with two. Timeouts are generous because a busy two-core machine
// running two files and Chromium elsewhere takes seconds for one production-cost password hash; they bound a hang,
// not speed.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'hub/**/*.test.ts', 'display/**/*.test.ts', 'config/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          // Unit and integration files run in one group, which takes a single number of workers.
          maxWorkers: 2,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
