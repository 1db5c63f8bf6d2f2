/**
 * No secret in any output, written file or process argv. Every secret value of the suite's fixture
 * files is collected (test/fixtures/leak/secrets.yaml holds one of each kind the policy knows: the
 * chart's secret paths, a numeric-looking root key, an env entry named like a secret, URL
 * credentials), then every command runs as a real process against the real cluster — render (file,
 * text, --json), a refused --set, install --dry-run and install (helm 3), upgrade and a failing
 * upgrade that rolls back (helm 4), status, questions eval — while a sampler reads the argv of every
 * process below the test from /proc. Afterwards every output, every file under HOME, the working
 * directory and TMPDIR (except the 0600 secrets files), the helm release's values and every sampled
 * argv are searched for every secret, the cluster-generated credentials included.
 */
import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile, copyFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseDocument} from 'yaml';
import {HELM_YAML_PARSE} from '../../src/core/values/helm-yaml.js';
import type {Values} from '../../src/core/values/paths.js';
import {SECRET_VALUE_PATHS, secretStrings} from '../../src/core/values/secrets.js';
import {createNamespace, getCluster, helm, kube} from '../cluster/harness.js';
import {startCli} from '../helpers/cli-process.js';
import {sampleArgv} from '../helpers/procs.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LEAK = join(ROOT, 'test', 'fixtures', 'leak');
/** Typed on the command line by "the user" (refused): checked in outputs, not in that one argv. */
const TYPED = 'typed-on-argv-secret-61c2';

/** Every YAML fixture of the suite (and the presets), read as helm reads values. */
async function fixtureFiles(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'cluster') await walk(path);
      } else if (/\.ya?ml$/.test(entry.name)) out.push(path);
    }
  };
  await walk(join(ROOT, 'test'));
  await walk(join(ROOT, 'presets'));
  return out;
}

/** The secret values (by the product's one policy) of every fixture file. */
async function fixtureSecrets(): Promise<Set<string>> {
  const found = new Set<string>();
  for (const file of await fixtureFiles()) {
    const text = await readFile(file, 'utf8');
    for (const doc of [parseDocument(text, HELM_YAML_PARSE)]) {
      if (doc.errors.length > 0) continue;
      const value = doc.toJS() as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      for (const secret of secretStrings(value as Values, SECRET_VALUE_PATHS))
        if (secret.length >= 6) found.add(secret);
    }
  }
  return found;
}

interface Observed {
  readonly label: string;
  readonly output: string;
  readonly argv: readonly string[][];
  readonly code: number;
}

describe('secrets never leak', () => {
  let home: string;
  let work: string;
  let temp: string;
  let namespace: string;
  const observed: Observed[] = [];
  let secrets: Set<string>;

  const env = (major: 3 | 4): Record<string, string> => {
    const cluster = getCluster();
    return {
      KUBECONFIG: cluster.kubeconfig,
      PATH: cluster.env['PATH'] ?? '',
      HOME: home,
      TMPDIR: temp,
      BUNTIME_DEPLOY_HELM: major === 3 ? cluster.helm3 : cluster.helm4,
      BUNTIME_DEPLOY_STATE_DIR: join(home, 'state'),
    };
  };

  async function run(label: string, args: string[], major: 3 | 4 = 4): Promise<Observed> {
    const started = startCli(args, {cwd: work, env: env(major)});
    const sampler = sampleArgv(started.child.pid as number);
    const code = await started.exited;
    const result = {label, output: started.output(), argv: sampler.stop(), code};
    observed.push(result);
    return result;
  }

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {cwd: ROOT, stdio: 'ignore'});
    home = await mkdtemp(join(tmpdir(), 'buntime-leak-'));
    work = join(home, 'work');
    temp = join(home, 'tmp');
    await mkdir(work);
    await mkdir(temp);
    await copyFile(join(LEAK, 'values.yaml'), join(work, 'values.yaml'));
    await copyFile(join(LEAK, 'secrets.yaml'), join(work, 'secrets.yaml'));
    await writeFile(join(work, 'answers.yaml'), 'buntime:\n  rootKey: "0123456789012345678"\n', {mode: 0o600});
    namespace = await createNamespace('leak');
    secrets = await fixtureSecrets();
  });
  afterAll(async () => {
    await rm(home, {recursive: true, force: true});
  });

  it("collects the fixtures' secrets, and runs every command with them", async () => {
    // A real check needs real secrets: every kind from the leak fixture was found.
    for (const secret of [
      '0123456789012345678',
      'leak-turso-data-token-7d1f',
      'leak-turso-admin-token-9b3c',
      'LEAKACCESSKEYID42',
      'leak/secret+access=key0',
      'leak-url-password-5e',
      'leak-env-token-value-3a',
    ])
      expect(secrets, secret).toContain(secret);
    secrets.add(TYPED);
    const files = ['-f', 'values.yaml', '-f', 'secrets.yaml'];
    const scope = ['--namespace', namespace];

    expect((await run('render -o', ['render', ...files, ...scope, '-o', 'out/values.yaml'])).code).toBe(2);
    await mkdir(join(work, 'out'));
    expect((await run('render -o', ['render', ...files, ...scope, '-o', 'out/values.yaml'])).code).toBe(0);
    expect((await run('render (text)', ['render', ...files, ...scope])).code).toBe(0);
    expect((await run('render --json', ['render', ...files, ...scope, '--json'])).code).toBe(0);
    expect((await run('render --set secret', ['render', '--set', `buntime.rootKey=${TYPED},x`])).code).toBe(2);
    expect((await run('render --set near', ['render', '--set', `buntime.rootkey=${TYPED}`])).code).toBe(2);
    expect(
      (
        await run('questions eval', [
          'questions',
          'eval',
          join(ROOT, 'charts/buntime/questions.yml'),
          '--answers',
          'answers.yaml',
        ])
      ).code,
    ).toBeLessThanOrEqual(1);
    expect((await run('install --dry-run', ['install', ...files, ...scope, '--dry-run', '--json'], 3)).code).toBe(0);
    const install = await run('install', ['install', ...files, ...scope, '--yes', '--timeout', '2m'], 3);
    expect(install.code, install.output).toBe(0);
    const upgrade = await run('upgrade', ['upgrade', ...files, ...scope, '--set', 'buntime.logLevel=debug', '--yes']);
    expect(upgrade.code, upgrade.output).toBe(0);
    const failing = await run('failing upgrade', [
      'upgrade',
      ...files,
      ...scope,
      '--set',
      'image.repository=unpullable.invalid/buntime',
      '--timeout',
      '15s',
      '--yes',
    ]);
    expect(failing.code, failing.output).toBe(1);
    expect((await run('status --json', ['status', ...scope, '--json'])).code).toBeLessThanOrEqual(1);
    expect((await run('status', ['status', ...scope])).code).toBeLessThanOrEqual(1);

    // What the cluster made or holds counts too (the credentials Secret of the release).
    const {core} = await kube();
    const credentials = await core.readNamespacedSecret({namespace, name: 'buntime-credentials'});
    for (const value of Object.values(credentials.data ?? {})) secrets.add(Buffer.from(value, 'base64').toString());

    // The sampler saw helm run (the argv check is not vacuous).
    const argvs = observed.flatMap((item) => item.argv.map((argv) => argv.join(' ')));
    expect(argvs.some((line) => / upgrade --install buntime /.test(line))).toBe(true);
    expect(argvs.some((line) => / template buntime /.test(line))).toBe(true);
  });

  it('no secret in any output or process argv', () => {
    expect(observed.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const item of observed) {
      for (const secret of secrets) {
        if (item.output.includes(secret)) leaks.push(`${item.label}: output contains ${secret}`);
        for (const argv of item.argv) {
          // The refused --set cases put TYPED on our own argv themselves (the user typed it).
          if (secret === TYPED && argv.includes(`buntime.rootKey=${TYPED},x`)) continue;
          if (secret === TYPED && argv.includes(`buntime.rootkey=${TYPED}`)) continue;
          if (argv.some((arg) => arg.includes(secret))) leaks.push(`${item.label}: argv ${argv.join(' ')}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("no secret in any file written, except the 0600 secrets files; none in helm's stored values", async () => {
    const leaks: string[] = [];
    const allowed = new Set([join(work, 'secrets.yaml'), join(work, 'answers.yaml')]);
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, {withFileTypes: true})) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          await walk(path);
          continue;
        }
        if (!entry.isFile() || allowed.has(path)) continue;
        const text = await readFile(path, 'utf8');
        const mode = (await stat(path)).mode & 0o777;
        if (entry.name.endsWith('.secrets.yaml')) {
          if (mode !== 0o600) leaks.push(`${relative(home, path)} has mode ${mode.toString(8)}`);
          continue;
        }
        for (const secret of secrets)
          if (text.includes(secret)) leaks.push(`${relative(home, path)} contains ${secret}`);
      }
    };
    await walk(home);
    expect(await readdir(temp)).toEqual([]);
    // The committed file exists and holds the public values (so the check above read something).
    expect(await readFile(join(work, 'out', 'values.yaml'), 'utf8')).toContain('leak-bucket');
    // The release's stored values hold no credential (they live in the credentials Secret).
    const stored = await helm(4, ['get', 'values', 'buntime', '-n', namespace, '--all', '-o', 'json']);
    for (const secret of [
      '0123456789012345678',
      'leak-turso-data-token-7d1f',
      'leak-turso-admin-token-9b3c',
      'LEAKACCESSKEYID42',
      'leak/secret+access=key0',
    ])
      if (stored.includes(secret)) leaks.push(`helm get values contains ${secret}`);
    expect(leaks).toEqual([]);
  });
});
