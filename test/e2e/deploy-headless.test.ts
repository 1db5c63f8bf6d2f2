/**
 * install/upgrade without prompts (what CI runs): `--preset … -f answers.yaml --yes --json`, the same
 * plan as the wizard, on the real cluster with helm 3 and helm 4. Secrets given in a 0600 answers
 * file go to the credentials Secret, never into helm's values, the JSON or the output.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {main} from '../../src/cli.js';
import {createNamespace, getCluster, helm, kube, setNodeCount, waitForStatefulSetReady} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';

describe.each([3, 4] as const)('headless install and upgrade with helm %i', (major) => {
  let namespace: string;
  let dir: string;
  beforeAll(async () => {
    await setNodeCount(3);
    namespace = await createNamespace(`headless-helm${major}`);
    dir = await mkdtemp(join(tmpdir(), 'buntime-headless-e2e-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  async function cli(argv: string[]): Promise<{code: number; out: string; err: string}> {
    const cluster = getCluster();
    const io = captureIo({
      cwd: dir,
      env: {
        KUBECONFIG: cluster.kubeconfig,
        HOME: dir,
        BUNTIME_DEPLOY_HELM: major === 3 ? cluster.helm3 : cluster.helm4,
      },
    });
    const code = await main(argv, io);
    return {code, out: io.out(), err: io.err()};
  }

  it('day zero from a preset and an answers file, --yes --json', async () => {
    await writeFile(
      join(dir, 'answers.yaml'),
      stringify({
        persistence: {
          plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
          apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
        },
        ingress: {host: 'buntime.example.test'},
      }),
    );
    const result = await cli([
      'install',
      '--preset',
      'k3s',
      '-f',
      'answers.yaml',
      '--namespace',
      namespace,
      '--yes',
      '--json',
      '--timeout',
      '2m',
    ]);
    const report = JSON.parse(result.out) as {
      ok: boolean;
      outcome: string;
      review: {credentials: Array<{name: string; state: string}>};
    };
    expect(result.code, result.err).toBe(0);
    expect(report).toMatchObject({ok: true, outcome: 'deployed'});
    expect(report.review.credentials).toEqual([{name: 'rootKey', state: 'generated'}]);
    await waitForStatefulSetReady(namespace, 'buntime', 1);
    const {core} = await kube();
    const secret = await core.readNamespacedSecret({namespace, name: 'buntime-credentials'});
    const rootKey = Buffer.from(secret.data?.['RUNTIME_ROOT_KEY'] ?? '', 'base64').toString();
    expect(rootKey).toHaveLength(43);
    expect(result.out + result.err).not.toContain(rootKey);
  });

  it('the multi-pod upgrade from a 0600 answers file holding the S3 keys; --dry-run first changes nothing', async () => {
    const cluster = getCluster();
    await writeFile(
      join(dir, 'multi.yaml'),
      stringify({
        replicaCount: 3,
        buntime: {authDb: {mode: 'sync'}},
        plugins: {turso: {mode: 'sync'}},
        tursoServer: {
          enabled: true,
          backup: {
            enabled: true,
            s3: {
              endpoint: cluster.s3.endpoint,
              bucket: cluster.s3.bucket,
              accessKeyId: cluster.s3.accessKeyId,
              secretAccessKey: cluster.s3.secretAccessKey,
            },
          },
        },
      }),
      {mode: 0o600},
    );
    const revisions = (): Promise<number> =>
      helm(major, ['history', 'buntime', '-n', namespace, '-o', 'json']).then(
        (text) => (JSON.parse(text) as unknown[]).length,
      );
    const before = await revisions();
    const dry = await cli(['upgrade', '-f', 'multi.yaml', '--namespace', namespace, '--dry-run', '--json']);
    expect(dry.code, dry.err).toBe(0);
    const plan = JSON.parse(dry.out) as {outcome: string; review: {changes: Array<{key: string; label: string}>}};
    expect(plan.outcome).toBe('dry-run');
    expect(plan.review.changes).toContainEqual(
      expect.objectContaining({key: 'StatefulSet/buntime-turso', label: 'create'}),
    );
    expect(await revisions()).toBe(before);

    const result = await cli(['upgrade', '-f', 'multi.yaml', '--namespace', namespace, '--yes', '--timeout', '2m']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('is upgraded and Ready');
    await waitForStatefulSetReady(namespace, 'buntime', 3);
    const {core} = await kube();
    const secret = await core.readNamespacedSecret({namespace, name: 'buntime-credentials'});
    expect(Buffer.from(secret.data?.['AWS_SECRET_ACCESS_KEY'] ?? '', 'base64').toString()).toBe(
      cluster.s3.secretAccessKey,
    );
    const tokens = ['TURSO_AUTH_TOKEN', 'TURSO_ADMIN_TOKEN'].map((key) =>
      Buffer.from(secret.data?.[key] ?? '', 'base64').toString(),
    );
    for (const value of [cluster.s3.secretAccessKey, ...tokens]) {
      expect(value.length).toBeGreaterThan(10);
      expect(result.out + result.err + dry.out + dry.err).not.toContain(value);
      expect(await helm(major, ['get', 'values', 'buntime', '-n', namespace, '--all', '-o', 'json'])).not.toContain(
        value,
      );
    }
  });
});
