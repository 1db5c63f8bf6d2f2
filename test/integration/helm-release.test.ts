import {existsSync, readdirSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {blackHoleCluster, realHelms, type BlackHole} from '../helpers/helm-tools.js';
import {processesOf, waitUntil} from '../helpers/procs.js';
import type {HelmBinary} from '../../src/adapters/helm/binary.js';
import {releaseStatus, upgradeArgs, upgradeInstall} from '../../src/adapters/helm/release.js';

const CHART = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/tiny-chart');
const SECRET = 'root-key-that-must-never-be-in-argv-0123456789';

let helms: HelmBinary[] = [];
let hole: BlackHole;

beforeAll(async () => {
  helms = await realHelms();
  hole = await blackHoleCluster();
});
afterAll(async () => {
  await hole?.close();
});

describe('upgradeArgs', () => {
  it.each([
    [3, '--atomic'],
    [4, '--rollback-on-failure'],
  ] as const)('helm %i rolls back with %s and reads values only from files', (major, flag) => {
    const helm = {path: 'helm', version: `v${major}.0.0`, major};
    const args = upgradeArgs({helm, release: 'r', namespace: 'ns', chart: './c', timeout: '10m', kubeContext: 'ctx'}, [
      '/t/values.yaml',
      '/t/secrets.yaml',
    ]);
    expect(args).toEqual([
      'upgrade',
      '--install',
      'r',
      './c',
      '--namespace',
      'ns',
      '--kube-context',
      'ctx',
      '--create-namespace',
      '--reset-values',
      '--values',
      '/t/values.yaml',
      '--values',
      '/t/secrets.yaml',
      '--wait',
      '--timeout',
      '10m',
      flag,
    ]);
    expect(args.some((arg) => arg.startsWith('--set'))).toBe(false);
  });
  it('a dry run is server-side and never rolls back', () => {
    const args = upgradeArgs(
      {
        helm: {path: 'helm', version: 'v4.0.0', major: 4},
        release: 'r',
        namespace: 'ns',
        chart: 'c',
        timeout: '1m',
        dryRun: true,
      },
      [],
    );
    expect(args).toContain('--dry-run=server');
    expect(args).not.toContain('--rollback-on-failure');
  });
});

describe.each([0, 1])('upgradeInstall with the real helm (#%i)', (index) => {
  it('keeps secrets out of argv, writes private files, and leaves no helm behind when aborted', async () => {
    const helm = helms[index] as HelmBinary;
    const controller = new AbortController();
    const lines: string[] = [];
    const run = upgradeInstall({
      helm,
      env: hole.env,
      release: 'tiny',
      namespace: 'test',
      chart: CHART,
      values: {greeting: 'hi'},
      secretValues: {rootKey: SECRET},
      timeout: '5m',
      signal: controller.signal,
      killGraceMs: 2000,
      onLine: (line) => lines.push(line),
    });
    // While helm waits on the silent API server: inspect its argv and the files it was given.
    const proc = await waitUntil(() => processesOf(helm.path)[0], 10_000, 'helm to start');
    expect(proc.argv.join(' ')).not.toContain(SECRET);
    const files = proc.argv.filter((_, i) => proc.argv[i - 1] === '--values');
    expect(files).toHaveLength(2);
    const dir = dirname(files[0] as string);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['secrets.yaml', 'values.yaml']);

    controller.abort();
    const result = await run;
    expect(result.cancelled).toBe(true);
    expect(result.ok).toBe(false);
    expect(processesOf(helm.path)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(result.command).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('an unanswered status call is an error, never "no release"', async () => {
    const helm = helms[index] as HelmBinary;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    await expect(
      releaseStatus({helm, env: hole.env, release: 'tiny', namespace: 'test'}, controller.signal),
    ).rejects.toThrow(/helm status was stopped/);
  });
});
