import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {stringify} from 'yaml';
import type {BenchCluster} from './cluster.js';
import {type Command, timeCommand, timeSequence} from './timing.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'buntime-deploy.js');
const CHART = join(ROOT, 'charts', 'buntime');

function baseEnv(cluster: BenchCluster, home: string): Record<string, string> {
  mkdirSync(home, {recursive: true});
  return {
    PATH: cluster.env['PATH'] as string,
    HOME: home,
    LANG: 'C.UTF-8',
    KUBECONFIG: cluster.info.kubeconfig,
    BUNTIME_DEPLOY_HELM: cluster.info.helm3,
  };
}

export interface Pair {
  readonly ours: number[];
  readonly peer: number[];
}

/**
 * `status --json` against `kubectl get pods,statefulsets,cronjobs,jobs -o json` followed by
 * `helm status`: what a script would otherwise run to learn the same. Interleaved, after a warm-up.
 */
export async function compareStatusJson(cluster: BenchCluster, namespace: string, runs: number): Promise<Pair> {
  const env = baseEnv(cluster, join(cluster.dir, 'home-status'));
  const ours: Command = {argv: ['node', BIN, 'status', '-n', namespace, '--json'], env};
  const kubectl: Command = {
    argv: [cluster.info.kubectl, 'get', 'pods,statefulsets,cronjobs,jobs', '-n', namespace, '-o', 'json'],
    env,
  };
  const helm: Command = {argv: [cluster.info.helm3, 'status', 'buntime', '-n', namespace], env};
  const result: Pair = {ours: [], peer: []};
  // status exits 1 when the release is degraded; the figure is the time either way.
  await timeCommand(ours, [0, 1]);
  await timeSequence([kubectl, helm]);
  for (let index = 0; index < runs; index++) {
    if (index % 2 === 0) {
      result.ours.push(await timeCommand(ours, [0, 1]));
      result.peer.push(await timeSequence([kubectl, helm]));
    } else {
      result.peer.push(await timeSequence([kubectl, helm]));
      result.ours.push(await timeCommand(ours, [0, 1]));
    }
  }
  return result;
}

export interface DeployComparison {
  readonly install: Pair;
  readonly upgrade: Pair;
}

/**
 * `install --yes` / `upgrade --yes` (preflights, diff, apply, result) against bare
 * `helm upgrade --install --wait` of the same chart with the same values (rendered beforehand by
 * `buntime-deploy render`, so helm's side does no work of ours). Each run installs into fresh
 * namespaces, then upgrades with one changed value that rolls the pod.
 */
export async function compareDeploy(cluster: BenchCluster, runs: number): Promise<DeployComparison> {
  const dir = join(cluster.dir, 'deploy');
  mkdirSync(dir, {recursive: true});
  const env = baseEnv(cluster, join(dir, 'home'));
  const answers = join(dir, 'answers.yaml');
  // Secrets in an answers file are fine when it is 0600 (they go to the credentials Secret).
  writeFileSync(
    answers,
    stringify({ingress: {tls: {enabled: false}}, buntime: {rootKey: 'bench-root-key-0123456789abcdefghijklmnopq'}}),
    {mode: 0o600},
  );
  const revision = (index: number): string => {
    const file = join(dir, `upgrade-${index}.yaml`);
    writeFileSync(file, stringify({extraEnv: [{name: 'BENCH_REVISION', value: String(index)}]}));
    return file;
  };
  /** The values helm gets on its own: `render` output (values.yaml + values.secrets.yaml). */
  const rendered = (name: string, files: readonly string[]): string[] => {
    const out = join(dir, `${name}.yaml`);
    execFileSync(
      'node',
      [BIN, 'render', '--preset', 'k3s', ...files.flatMap((file) => ['-f', file]), '-n', 'bench', '-o', out],
      {env, stdio: 'ignore'},
    );
    return [out, join(dir, `${name}.secrets.yaml`)];
  };
  const ours = (mode: 'install' | 'upgrade', namespace: string, files: readonly string[]): Command => ({
    argv: [
      'node',
      BIN,
      mode,
      '--preset',
      'k3s',
      ...files.flatMap((file) => ['-f', file]),
      '-n',
      namespace,
      '--yes',
      '--timeout',
      '2m',
    ],
    env,
    cwd: dir,
  });
  // Exactly the flags our apply step passes (upgradeArgs): --reset-values, --atomic, --create-namespace.
  const helm = (namespace: string, values: readonly string[]): Command => ({
    argv: [
      cluster.info.helm3,
      'upgrade',
      '--install',
      'buntime',
      CHART,
      '--namespace',
      namespace,
      '--create-namespace',
      '--reset-values',
      ...values.flatMap((file) => ['--values', file]),
      '--wait',
      '--timeout',
      '2m',
      '--atomic',
    ],
    env,
  });
  const result: DeployComparison = {install: {ours: [], peer: []}, upgrade: {ours: [], peer: []}};
  const namespaces: string[] = [];
  // Run 0 is the warm-up (page cache, helm's and node's first start).
  for (let index = 0; index <= runs; index++) {
    const oursNs = `bench-deploy-ours-${index}`;
    const helmNs = `bench-deploy-helm-${index}`;
    namespaces.push(oursNs, helmNs);
    const change = revision(index);
    const installValues = rendered(`install-${index}`, [answers]);
    const upgradeValues = rendered(`upgrade-${index}`, [answers, change]);
    const pairs: Array<[keyof DeployComparison, Command, Command]> = [
      ['install', ours('install', oursNs, [answers]), helm(helmNs, installValues)],
      ['upgrade', ours('upgrade', oursNs, [answers, change]), helm(helmNs, upgradeValues)],
    ];
    for (const [kind, mine, theirs] of pairs) {
      const first = index % 2 === 0 ? mine : theirs;
      const second = first === mine ? theirs : mine;
      const a = await timeCommand(first);
      const b = await timeCommand(second);
      if (index === 0) continue;
      result[kind].ours.push(first === mine ? a : b);
      result[kind].peer.push(first === mine ? b : a);
    }
    // Leave the cluster as small as it was: the next run's inspection lists every release.
    await Promise.all(
      [oursNs, helmNs].map((name) => cluster.clients.core.deleteNamespace({name}).catch(() => undefined)),
    );
  }
  return result;
}
