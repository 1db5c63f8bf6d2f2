import {existsSync, readdirSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {blackHoleCluster, realHelms, type BlackHole} from '../helpers/helm-tools.js';
import {processesOf, waitUntil} from '../helpers/procs.js';
import type {HelmBinary} from '../../src/adapters/helm/binary.js';
import {appliedFilesFor, writeAppliedFiles} from '../../src/adapters/applied-files.js';
import {releaseStatus, runHelmChange} from '../../src/adapters/helm/release.js';
import {applyArgs} from '../../src/core/helm/command.js';
import {scratchDir} from '../helpers/scratch.js';

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

describe.each([0, 1])('runHelmChange with the real helm (#%i)', (index) => {
  it('keeps secrets out of argv, runs on private files that stay, and leaves no helm behind when aborted', async () => {
    const helm = helms[index] as HelmBinary;
    const controller = new AbortController();
    const lines: string[] = [];
    const state = scratchDir('buntime-state-');
    const applied = appliedFilesFor(
      {BUNTIME_DEPLOY_STATE_DIR: state},
      {context: 'ctx', namespace: 'test', release: 'tiny'},
      true,
    );
    await writeAppliedFiles(applied, {values: 'greeting: hi\n', secrets: `rootKey: ${SECRET}\n`});
    const args = applyArgs({
      helmMajor: helm.major,
      release: 'tiny',
      namespace: 'test',
      chart: CHART,
      valueFiles: [applied.values, applied.secrets as string],
      timeout: '5m',
    });
    const run = runHelmChange({
      helm,
      args,
      env: hole.env,
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
    expect(readdirSync(dir).sort()).toEqual(['values.secrets.yaml', 'values.yaml']);

    controller.abort();
    const result = await run;
    expect(result.cancelled).toBe(true);
    expect(result.ok).toBe(false);
    expect(processesOf(helm.path)).toEqual([]);
    // The files stay, so the printed command can be run again by hand; only their owner reads them.
    expect(existsSync(applied.values)).toBe(true);
    expect(result.argv).toEqual([helm.path, ...args]);
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
