/**
 * Day 2 without prompts, on the real cluster with helm 3 and helm 4, on one release per helm:
 * rollback to an older revision (labelled diff, PVC UIDs and the credentials Secret kept), restart
 * (every runtime pod replaced, highest ordinal first), plugins push through a real pod exec (kwok
 * runs it in a per-pod directory; the files must land byte for byte), logs followed across pods,
 * uninstall that keeps every claim and the Secret, a re-install over them (adopted, or blocked
 * before helm when the answers ask for another StorageClass), and --delete-data deleting exactly
 * the listed claims and the Secret.
 */
import {randomBytes} from 'node:crypto';
import {cp, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {main} from '../../src/cli.js';
import {
  createNamespace,
  getCluster,
  helm,
  kube,
  setNodeCount,
  setPodFilesystem,
  setPodLogs,
  waitFor,
  waitForStatefulSetReady,
} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'plugins');
const CORE_PLUGINS = join(import.meta.dirname, '..', '..', 'charts', 'plugins');

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = (await readFile(path)).toString('base64');
  }
  return out;
}

describe.each([3, 4] as const)('operate a release with helm %i', (major) => {
  let namespace: string;
  let dir: string;
  const claimUids = async (): Promise<Record<string, string>> => {
    const {core} = await kube();
    const list = await core.listNamespacedPersistentVolumeClaim({namespace});
    return Object.fromEntries(list.items.map((claim) => [claim.metadata?.name ?? '', claim.metadata?.uid ?? '']));
  };
  const rootKey = async (): Promise<string> => {
    const {core} = await kube();
    const secret = await core.readNamespacedSecret({namespace, name: 'buntime-credentials'});
    return Buffer.from(secret.data?.['RUNTIME_ROOT_KEY'] ?? '', 'base64').toString();
  };
  const runtimePods = async (): Promise<Record<string, string>> => {
    const {core} = await kube();
    const pods = await core.listNamespacedPod({namespace, labelSelector: 'app.kubernetes.io/component=runtime'});
    return Object.fromEntries(pods.items.map((pod) => [pod.metadata?.name ?? '', pod.metadata?.uid ?? '']));
  };

  beforeAll(async () => {
    await setNodeCount(2);
    namespace = await createNamespace(`operate-helm${major}`);
    dir = scratchDir('buntime-operate-e2e-');
    await writeFile(
      join(dir, 'nfs.yaml'),
      stringify({
        persistence: {
          plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
          apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
        },
      }),
    );
    await writeFile(
      join(dir, 'multi.yaml'),
      stringify({
        replicaCount: 3,
        buntime: {authDb: {mode: 'sync'}},
        plugins: {turso: {mode: 'sync'}},
        tursoServer: {enabled: true},
        podDisruptionBudget: {enabled: true, minAvailable: 2},
      }),
    );
  });
  afterAll(() => undefined);

  async function cli(argv: string[], options: {signal?: AbortSignal} = {}) {
    const cluster = getCluster();
    const io = captureIo({
      cwd: dir,
      env: {
        KUBECONFIG: cluster.kubeconfig,
        HOME: dir,
        BUNTIME_DEPLOY_HELM: major === 3 ? cluster.helm3 : cluster.helm4,
      },
    });
    const code = await main([...argv, '--namespace', namespace], io, options.signal ? {signal: options.signal} : {});
    return {code, out: io.out(), err: io.err(), json: () => JSON.parse(io.out()) as Record<string, unknown>};
  }

  it('rolls back to revision 1 after the labelled diff; claims and the credentials Secret stay as they were', async () => {
    expect((await cli(['install', '-f', 'nfs.yaml', '--yes', '--timeout', '2m'])).code).toBe(0);
    expect((await cli(['upgrade', '--set', 'buntime.logLevel=debug', '--yes', '--timeout', '2m'])).code).toBe(0);
    const uids = await claimUids();
    const {core} = await kube();
    const secret = await core.readNamespacedSecret({namespace, name: 'buntime-credentials'});

    const history = await cli(['history', '--json']);
    expect(history.code).toBe(0);
    expect(history.json()).toMatchObject({current: 2, revisions: [{revision: 2}, {revision: 1}]});

    const dry = await cli(['rollback', '--dry-run', '--json']);
    expect(dry.code, dry.err).toBe(0);
    const plan = dry.json() as {
      to: number;
      outcome: string;
      changes: Array<{key: string; label: string; fields: unknown[]}>;
    };
    expect(plan).toMatchObject({to: 1, outcome: 'dry-run'});
    expect(plan.changes).toContainEqual(
      expect.objectContaining({
        key: 'ConfigMap/buntime',
        label: 'in-place',
        fields: [{path: 'data.RUNTIME_LOG_LEVEL', from: 'debug', to: 'info'}],
      }),
    );
    expect(plan.changes).toContainEqual(
      expect.objectContaining({key: 'StatefulSet/buntime', label: 'rolling-restart'}),
    );

    const text = await cli(['rollback', '1', '--yes', '--timeout', '2m']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('data.RUNTIME_LOG_LEVEL: debug → info');
    expect(text.out).toContain('is back at revision 1');
    expect(text.out).toMatch(/Secret buntime-credentials unchanged/);
    const after = JSON.parse(await helm(major, ['history', 'buntime', '-n', namespace, '-o', 'json'])) as Array<{
      revision: number;
      status: string;
      description: string;
    }>;
    expect(after.at(-1)).toMatchObject({revision: 3, status: 'deployed', description: 'Rollback to 1'});
    expect(await claimUids()).toEqual(uids);
    const secretAfter = await core.readNamespacedSecret({namespace, name: 'buntime-credentials'});
    expect(secretAfter.metadata?.resourceVersion).toBe(secret.metadata?.resourceVersion);
    const config = await core.readNamespacedConfigMap({namespace, name: 'buntime'});
    expect(config.data?.['RUNTIME_LOG_LEVEL']).toBe('info');

    // What helm status says, in status --json; the live answers as a file to commit.
    const status = await cli(['status', '--json']);
    expect(status.json()['helm']).toMatchObject({
      revision: 3,
      status: 'deployed',
      chart: 'buntime',
      description: 'Rollback to 1',
      notes: expect.stringContaining(`Buntime 1.4.0 (buntime, namespace ${namespace})`),
    });
    const values = await cli(['values', '-o', 'answers.yaml']);
    expect(values.code, values.err).toBe(0);
    const answers = await readFile(join(dir, 'answers.yaml'), 'utf8');
    expect(answers).toContain('existingSecret: buntime-credentials');
    expect(answers).toContain('storageClass: nfs');
    expect(answers).not.toContain(await rootKey());
    expect((await stat(join(dir, 'answers.yaml'))).mode & 0o777).toBe(0o644);
  });

  it('restart replaces every runtime pod, highest ordinal first, each Ready before the next', async () => {
    expect((await cli(['upgrade', '-f', 'nfs.yaml', '-f', 'multi.yaml', '--yes', '--timeout', '2m'])).code).toBe(0);
    await waitForStatefulSetReady(namespace, 'buntime', 3);
    const before = await runtimePods();
    const result = await cli(['restart', '--yes', '--json', '--timeout', '1m']);
    expect(result.code, result.err).toBe(0);
    const report = result.json() as {outcome: string; rollouts: Array<{order: string[]; done: boolean}>};
    expect(report.outcome).toBe('restarted');
    expect(report.rollouts[0]?.order).toEqual(['buntime-2', 'buntime-1', 'buntime-0']);
    const after = await runtimePods();
    expect(Object.keys(after).sort()).toEqual(['buntime-0', 'buntime-1', 'buntime-2']);
    for (const [name, uid] of Object.entries(after)) expect(uid).not.toBe(before[name]);
    const {apps} = await kube();
    const set = await apps.readNamespacedStatefulSet({namespace, name: 'buntime'});
    expect(set.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-/);
  });

  it('plugins push sends the real files through a pod exec, verifies them and restarts the pods', async () => {
    const builtins: Record<string, string> = {};
    for (const name of await readdir(CORE_PLUGINS))
      builtins[`data/.plugins/plugin-${name}/manifest.yaml`] = await readFile(
        join(CORE_PLUGINS, name, 'manifest.yaml'),
        'utf8',
      );
    const fs = await setPodFilesystem({
      namespace,
      pods: ['buntime-0', 'buntime-1', 'buntime-2'],
      shared: {plugins: 'buntime-plugins'},
      files: builtins,
    });
    // The fixture plus a binary file, so "byte for byte" means something.
    const plugin = join(dir, 'plugin-hello');
    await cp(join(FIXTURES, 'plugin-hello'), plugin, {recursive: true});
    await writeFile(join(plugin, 'dist', 'icon.bin'), randomBytes(70_000));

    const list = await cli(['plugins', 'list', '--json']);
    expect(list.code, list.err).toBe(0);
    const listed = list.json() as {plugins: Array<{name: string; source: string}>};
    expect(listed.plugins).toContainEqual(expect.objectContaining({name: '@buntime/plugin-turso', source: 'built-in'}));

    const refused = await cli(['plugins', 'push', join(FIXTURES, 'plugin-needs-missing'), '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain("depends on '@acme/plugin-nowhere', which is not installed");

    const before = await runtimePods();
    const pushed = await cli(['plugins', 'push', plugin, '--yes', '--json', '--timeout', '1m']);
    expect(pushed.code, pushed.err).toBe(0);
    expect(pushed.json()).toMatchObject({outcome: 'pushed', folder: 'plugin-hello', verified: true});
    expect(await files(join(fs.shared('plugins'), 'plugin-hello'))).toEqual(await files(plugin));
    // Nothing half-copied is left behind.
    expect(await readdir(fs.shared('plugins'))).toEqual(['plugin-hello']);
    const after = await runtimePods();
    for (const [name, uid] of Object.entries(after)) expect(uid).not.toBe(before[name]);

    const again = await cli(['plugins', 'list', '--json']);
    expect((again.json() as typeof listed).plugins).toContainEqual(
      expect.objectContaining({name: '@acme/plugin-hello', source: 'uploaded'}),
    );
    const removed = await cli(['plugins', 'remove', 'plugin-hello', '--yes', '--timeout', '1m']);
    expect(removed.code, removed.err).toBe(0);
    expect(await readdir(fs.shared('plugins'))).toEqual([]);
  });

  it('logs --all -f interleaves every runtime pod and follows appended lines', async () => {
    const logs = await setPodLogs({namespace, pods: ['buntime-0', 'buntime-1', 'buntime-2'], lines: ['booted']});
    const controller = new AbortController();
    const cluster = getCluster();
    const io = captureIo({cwd: dir, env: {KUBECONFIG: cluster.kubeconfig, HOME: dir}});
    const running = main(['logs', '--all', '-f', '--namespace', namespace], io, {signal: controller.signal});
    await waitFor('the first lines of every pod', async () => io.out().split('booted').length - 1 === 3, 30_000);
    await logs.append(['GET /health 200 after the restart']);
    await waitFor('the appended line from each pod', async () => {
      const lines = io
        .out()
        .split('\n')
        .filter((line) => line.includes('GET /health 200'));
      return (
        lines.length === 3 &&
        ['buntime-0', 'buntime-1', 'buntime-2'].every((pod) => lines.some((line) => line.startsWith(`[${pod}]`)))
      );
    });
    expect(io.out()).not.toContain('buntime-turso-0');
    controller.abort();
    expect(await running).toBe(130);
  });

  it('uninstall keeps every claim and the Secret; a re-install adopts them or blocks before helm; --delete-data deletes exactly those', async () => {
    const uids = await claimUids();
    const key = await rootKey();
    const claims = [
      'buntime-apps',
      'buntime-plugins',
      'data-buntime-turso-0',
      'state-buntime-0',
      'state-buntime-1',
      'state-buntime-2',
      'turso-buntime-0',
      'turso-buntime-1',
      'turso-buntime-2',
    ];
    expect(Object.keys(uids).sort()).toEqual(claims);

    const gone = await cli(['uninstall', '--yes', '--json']);
    expect(gone.code, gone.err).toBe(0);
    const report = gone.json() as {
      claims: Array<{name: string; action: string; size: string}>;
      secret: {action: string};
    };
    expect(report.claims.map((claim) => claim.name).sort()).toEqual(claims);
    expect(report.claims.every((claim) => claim.action === 'keep' && claim.size)).toBe(true);
    expect(report.secret.action).toBe('keep');
    expect(await helm(major, ['list', '-n', namespace, '-q'])).toBe('');
    expect(await claimUids()).toEqual(uids);
    const {core} = await kube();

    // The repro: the kept claims are nfs/RWX, the answers ask for local-path. Blocked before helm.
    await writeFile(
      join(dir, 'local.yaml'),
      stringify({persistence: {plugins: {storageClass: 'local-path'}, apps: {storageClass: 'local-path'}}}),
    );
    const blocked = await cli(['install', '-f', 'multi.yaml', '-f', 'local.yaml', '--yes']);
    expect(blocked.code).toBe(2);
    expect(blocked.out).toContain('Kept claim buntime-plugins (left by an earlier install) has storageClass nfs');
    expect(blocked.err).toContain('persistence.plugins.storageClass=nfs');
    // Not even a failed revision: helm never ran.
    expect((await core.listNamespacedSecret({namespace, labelSelector: 'owner=helm'})).items).toEqual([]);

    // The k3s preset says local-path too, but nobody asked for it: the plan adopts the claims.
    const again = await cli(['install', '--preset', 'k3s', '-f', 'multi.yaml', '--yes', '--json', '--timeout', '2m']);
    expect(again.code, again.err).toBe(0);
    const install = again.json() as {
      outcome: string;
      review: {checks: Array<{id: string; hint?: string}>; credentials: unknown};
    };
    expect(install.outcome).toBe('deployed');
    expect(install.review.checks).toContainEqual(
      expect.objectContaining({id: 'kept-data', hint: expect.stringContaining('persistence.plugins.storageClass=nfs')}),
    );
    expect(install.review.credentials).toContainEqual({name: 'rootKey', state: 'kept'});
    await waitForStatefulSetReady(namespace, 'buntime', 3);
    expect(await claimUids()).toEqual(uids);
    expect(await rootKey()).toBe(key);

    // Something else in the namespace that --delete-data must not touch.
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: {name: 'someone-elses-data', labels: {'app.kubernetes.io/instance': 'buntime'}},
        spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, storageClassName: 'nfs'},
      },
    });
    await core.createNamespacedSecret({
      namespace,
      body: {metadata: {name: 'someone-elses-secret'}, stringData: {a: 'b'}},
    });
    const deleted = await cli(['uninstall', '--delete-data', '--yes', '--json', '--timeout', '2m']);
    expect(deleted.code, deleted.err).toBe(0);
    const outcome = deleted.json() as {deletedClaims: string[]; deletedSecret: boolean};
    expect([...outcome.deletedClaims].sort()).toEqual(claims);
    expect(outcome.deletedSecret).toBe(true);
    await waitFor('the deleted claims to be gone', async () => Object.keys(await claimUids()).length === 1);
    expect(Object.keys(await claimUids())).toEqual(['someone-elses-data']);
    await core.readNamespacedSecret({namespace, name: 'someone-elses-secret'});
    await expect(core.readNamespacedSecret({namespace, name: 'buntime-credentials'})).rejects.toMatchObject({
      code: 404,
    });
  });
});
