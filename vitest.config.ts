import {defineConfig} from 'vitest/config';

// Five projects, all run by `npm test`:
//  unit — pure core, components (ink-testing-library), prompts (@inquirer/testing), adapters that
//         need nothing but the local machine (filesystem, a local HTTP server, helm template);
//  helm — the chart rendered and linted by the real helm 3 and helm 4 (no cluster; needs only helm);
//  integration — real tools without a cluster (helm template, MinIO); built or reused by its setup;
//  tty  — the built CLI driven in tmux (needs `npm run build` first, which `npm test` does);
//  e2e  — the real local cluster (API server, controllers, kwok, helm 3 and 4, MinIO), brought up
//         once by the global setup and torn down at the end.
const env = {FORCE_COLOR: '0', NO_COLOR: '', CI: ''};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.{ts,tsx}',
            'test/unit/**/*.test.{ts,tsx}',
            'test/turso-double/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          environment: 'node',
          env,
          clearMocks: true,
          restoreMocks: true,
          testTimeout: 20_000,
        },
      },
      {
        // The chart rendered by the real helm 3 and helm 4 binaries (built from Go modules once and
        // cached by test/cluster/build.sh; the global setup makes sure they exist).
        test: {
          name: 'helm',
          include: ['test/helm/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['test/helm/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 1_800_000,
        },
      },
      {
        test: {
          name: 'tty',
          include: ['test/tty/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['test/cluster/global-setup.ts'],
          setupFiles: ['test/cluster/setup-file.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
