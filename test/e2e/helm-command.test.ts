/**
 * The helm command the product prints is exactly the one it runs (issue: one path from flags to
 * helm). A logging wrapper stands in front of the real helm 3 / helm 4 binary and records every
 * argv it is started with; install, upgrade and render then print a command that must equal what
 * the wrapper saw, name files that still exist afterwards, and — run again by hand with bash — give
 * the same release (same manifest, same values).
 */
import {execFile} from 'node:child_process';
import {chmod, readFile, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {main} from '../../src/cli.js';
import {createNamespace, getCluster, helm} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';

const run = promisify(execFile);

interface Report {
  readonly ok: boolean;
  readonly helm: {argv: string[]; command: string; files: {values: string; secrets?: string}; chart: string};
  readonly executed?: string[];
}

describe.each([3, 4] as const)('printed helm command = executed argv, helm %i', (major) => {
  let dir: string;
  let wrapper: string;
  let log: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = scratchDir(`bd-helmcmd-${major}-`);
    log = join(dir, 'helm-argv.log');
    wrapper = join(dir, 'helm');
    const real = major === 3 ? getCluster().helm3 : getCluster().helm4;
    // One line per run: the argv, NUL-separated (version probes included; the test picks the apply).
    await writeFile(
      wrapper,
      `#!/usr/bin/env bash\nprintf '%s\\0' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${real}' "$@"\n`,
    );
    await chmod(wrapper, 0o755);
    env = {
      KUBECONFIG: getCluster().kubeconfig,
      HOME: dir,
      BUNTIME_DEPLOY_HELM: wrapper,
      PATH: process.env['PATH'] ?? '',
    };
  });

  async function cli(argv: string[]): Promise<{code: number; out: string; err: string}> {
    const io = captureIo({cwd: dir, env: {...env, BUNTIME_DEPLOY_STATE_DIR: join(dir, 'state')}});
    const code = await main(argv, io);
    return {code, out: io.out(), err: io.err()};
  }

  /** Every recorded helm run whose first argument is `verb`. */
  async function runsOf(verb: string): Promise<string[][]> {
    const text = existsSync(log) ? await readFile(log, 'utf8') : '';
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\0').slice(0, -1))
      .filter((argv) => argv[0] === verb);
  }

  async function releaseState(namespace: string, release = 'buntime'): Promise<{manifest: string; values: unknown}> {
    const manifest = await helm(major, ['get', 'manifest', release, '-n', namespace]);
    const values = JSON.parse(await helm(major, ['get', 'values', release, '-n', namespace, '-o', 'json']));
    return {manifest, values};
  }

  async function byHand(command: string): Promise<void> {
    await run('bash', ['-c', command], {cwd: dir, env: {...process.env, ...env}});
  }

  it('install and upgrade: the printed command is the executed one, and re-running it by hand changes nothing', async () => {
    const namespace = await createNamespace(`helmcmd-${major}`);
    await writeFile(join(dir, 'answers.yaml'), stringify({service: {type: 'ClusterIP'}}));
    const install = await cli(['install', '-n', namespace, '-f', 'answers.yaml', '--yes', '--json', '--timeout', '2m']);
    expect(install.code, install.err).toBe(0);
    const installed = JSON.parse(install.out) as Report;
    const [applied] = (await runsOf('upgrade')).slice(-1);
    expect(applied).toEqual(installed.helm.argv);
    expect(installed.executed).toEqual([wrapper, ...installed.helm.argv]);
    expect(installed.helm.command.startsWith(`${wrapper} upgrade --install buntime `)).toBe(true);
    expect(installed.helm.argv).toContain(major === 3 ? '--atomic' : '--rollback-on-failure');
    expect(existsSync(installed.helm.files.values)).toBe(true);
    expect(installed.helm.files.secrets).toBeUndefined();

    const afterInstall = await releaseState(namespace);
    await byHand(installed.helm.command);
    expect(await releaseState(namespace)).toEqual(afterInstall);

    await writeFile(join(dir, 'answers.yaml'), stringify({service: {type: 'ClusterIP'}, buntime: {logLevel: 'debug'}}));
    const upgrade = await cli(['upgrade', '-n', namespace, '-f', 'answers.yaml', '--yes', '--json', '--timeout', '2m']);
    expect(upgrade.code, upgrade.err).toBe(0);
    const upgraded = JSON.parse(upgrade.out) as Report;
    expect((await runsOf('upgrade')).slice(-1)[0]).toEqual(upgraded.helm.argv);
    expect(upgraded.executed).toEqual([wrapper, ...upgraded.helm.argv]);
    const afterUpgrade = await releaseState(namespace);
    expect(afterUpgrade.manifest).toContain('RUNTIME_LOG_LEVEL: "debug"');
    await byHand(upgraded.helm.command);
    expect(await releaseState(namespace)).toEqual(afterUpgrade);
  });

  it('render: the printed command names the files it wrote and installs the same values by hand', async () => {
    const namespace = await createNamespace(`helmcmd-render-${major}`);
    await writeFile(
      join(dir, 'render-secrets.yaml'),
      stringify({buntime: {rootKey: 'render-root-key-0123456789abcdef'}}),
      {
        mode: 0o600,
      },
    );
    const render = await cli([
      'render',
      '-n',
      namespace,
      '--set',
      'service.type=ClusterIP',
      '-f',
      'render-secrets.yaml',
      '-o',
      'values.yaml',
      '--timeout',
      '2m',
      '--json',
    ]);
    expect(render.code, render.err).toBe(0);
    const rendered = JSON.parse(render.out) as {
      helm: {argv: string[]; command: string};
      files: {values: string; secrets: string};
    };
    expect(rendered.helm.argv[0]).toBe(wrapper);
    expect(rendered.helm.argv).toContain(major === 3 ? '--atomic' : '--rollback-on-failure');
    for (const file of [rendered.files.values, rendered.files.secrets]) {
      expect(existsSync(join(dir, file))).toBe(true);
      expect(rendered.helm.argv).toContain(file);
    }
    await byHand(rendered.helm.command);
    const [ran] = (await runsOf('upgrade')).slice(-1);
    expect([wrapper, ...(ran ?? [])]).toEqual(rendered.helm.argv);
    const {values} = await releaseState(namespace);
    expect(values).toMatchObject({
      service: {type: 'ClusterIP'},
      buntime: {rootKey: 'render-root-key-0123456789abcdef'},
    });
  });
});
