/**
 * The chart's own guards on the real cluster: install stops before helm when a named
 * existingSecret lacks a key the chart reads (and passes once the key is there); `helm install` of a
 * combination the chart refuses fails with the rule id and installs nothing (helm 3 and 4); and the
 * one exception that needs the cluster, several pods on ReadWriteOnce volumes, is allowed while the
 * cluster has a single Ready node, as the CLI allows it.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {listOpaqueSecrets, readSecretKeyNames} from '../../src/adapters/kube/credentials-secret.js';
import {connect} from '../../src/adapters/kube/client.js';
import {main} from '../../src/cli.js';
import {clusterFile, createNamespace, getCluster, helm, kube, setNodeCount} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';

const CHART = join(import.meta.dirname, '../../charts/buntime');

describe('chart guards on the cluster', () => {
  let namespace: string;
  let dir: string;
  beforeAll(async () => {
    await setNodeCount(1);
    namespace = await createNamespace('chart-guards');
    dir = await mkdtemp(join(tmpdir(), 'buntime-guards-e2e-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  async function cli(argv: string[]): Promise<{code: number; out: string; err: string}> {
    const cluster = getCluster();
    const io = captureIo({
      cwd: dir,
      env: {KUBECONFIG: cluster.kubeconfig, HOME: dir, BUNTIME_DEPLOY_HELM: cluster.helm4},
    });
    const code = await main(argv, io);
    return {code, out: io.out(), err: io.err()};
  }

  const releases = async (): Promise<unknown[]> =>
    JSON.parse(await helm(3, ['list', '-n', namespace, '--all', '-o', 'json'])) as unknown[]; // every status (helm 3's --all)

  it('stops install before helm when an existingSecret lacks a key, naming it; passes once it is there', async () => {
    const {core} = await kube();
    // A Secret with the data token only: turso-server and the backup Job also read TURSO_ADMIN_TOKEN.
    await core.createNamespacedSecret({
      namespace,
      body: {metadata: {name: 'turso-tokens'}, stringData: {TURSO_AUTH_TOKEN: 'data-token-e2e'}},
    });
    await writeFile(
      join(dir, 'answers.yaml'),
      stringify({
        buntime: {authDb: {mode: 'sync'}},
        tursoServer: {enabled: true, existingSecret: 'turso-tokens'},
      }),
    );
    const install = ['install', '-f', 'answers.yaml', '--namespace', namespace, '--yes', '--json'];
    const blocked = await cli(install);
    expect(blocked.code, blocked.err).toBe(2);
    const report = JSON.parse(blocked.out) as {ok: boolean; outcome: string; review: {blockers: string[]}};
    expect(report).toMatchObject({ok: false, outcome: 'not-applied'});
    expect(report.review.blockers.join('\n')).toMatch(
      new RegExp(
        `Secret ${namespace}/turso-tokens \\(tursoServer.existingSecret\\) has no key TURSO_ADMIN_TOKEN, which StatefulSet/buntime-turso env TURSO_ADMIN_TOKEN`,
      ),
    );
    expect(blocked.out + blocked.err).not.toContain('data-token-e2e');
    expect(await releases()).toEqual([]); // helm never ran

    await core.replaceNamespacedSecret({
      namespace,
      name: 'turso-tokens',
      body: {
        metadata: {name: 'turso-tokens'},
        stringData: {TURSO_AUTH_TOKEN: 'data-token-e2e', TURSO_ADMIN_TOKEN: 'admin-token-e2e'},
      },
    });
    const planned = await cli([...install.slice(0, -2), '--dry-run', '--json']);
    const plan = JSON.parse(planned.out) as {review: {blockers: string[]; checks: Array<{id: string}>}};
    expect(plan.review.checks.filter((check) => check.id === 'existing-secret')).toEqual([]);
    expect(plan.review.blockers).toEqual([]);
    expect(planned.code, planned.err).toBe(0);

    // What the wizard's "use an existing Secret" reads: key names only, Helm's own Secrets left out.
    const connection = await connect({env: {KUBECONFIG: getCluster().kubeconfig}});
    if (!connection) throw new Error('no kubeconfig');
    await core.createNamespacedSecret({
      namespace,
      body: {metadata: {name: 'chart-owned', labels: {'app.kubernetes.io/managed-by': 'Helm'}}, stringData: {K: 'v'}},
    });
    expect(await listOpaqueSecrets(connection, namespace)).toEqual([
      {name: 'turso-tokens', keys: ['TURSO_ADMIN_TOKEN', 'TURSO_AUTH_TOKEN']},
    ]);
    expect(await readSecretKeyNames(connection, namespace, 'absent')).toMatchObject({exists: false});
  });

  it.each([3, 4] as const)(
    'helm %i install of values the chart refuses fails with the rule id, installing nothing',
    async (major) => {
      const values = await clusterFile(
        'bad.yaml',
        stringify({tursoServer: {enabled: true}, plugins: {turso: {mode: 'sync', sync: {url: ''}}}}),
      );
      const error = await helm(major, ['install', `bad-${major}`, CHART, '-n', namespace, '-f', values]).then(
        () => '',
        (failure: Error) => failure.message,
      );
      expect(error).toContain('[turso.tokens] tursoServer.authToken is empty');
      expect(error).toContain('fix: ');
      expect(await releases()).toEqual([]);
    },
  );

  it('allows several pods on ReadWriteOnce volumes while the cluster has one Ready node (helm can list nodes)', async () => {
    const values = await clusterFile(
      'rwo.yaml',
      stringify({
        replicaCount: 2,
        buntime: {authDb: {mode: 'sync'}},
        plugins: {turso: {mode: 'sync'}},
        tursoServer: {enabled: true, authToken: 'a-e2e', adminToken: 'b-e2e'},
      }),
    );
    const args = ['install', 'rwo', CHART, '-n', namespace, '-f', values];
    // Offline the chart cannot see the nodes, so it refuses; against the one-node cluster it accepts.
    const offline = await helm(4, ['template', ...args.slice(1)]).then(
      () => '',
      (failure: Error) => failure.message,
    );
    expect(offline).toContain('[replicas.rwx]');
    const dry = await helm(4, [...args, '--dry-run=server']);
    expect(dry).toContain('kind: StatefulSet');
    await setNodeCount(2);
    const twoNodes = await helm(4, [...args, '--dry-run=server']).then(
      () => '',
      (failure: Error) => failure.message,
    );
    expect(twoNodes).toContain('[replicas.rwx] replicaCount 2 needs persistence.plugins.accessMode=ReadWriteMany');
  });
});
