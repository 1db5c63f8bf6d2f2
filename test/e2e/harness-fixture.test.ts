/**
 * Proves the e2e harness with the project's own fixture chart (test/fixtures/charts/multipod), which
 * has the shapes of the Buntime chart's two journeys: a single pod with per-pod and shared volumes,
 * then replicas + a turso-like StatefulSet + a backup CronJob on RWX storage. Same steps with helm 3
 * and helm 4.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  createJobFromCronJob,
  createNamespace,
  forwardPodPort,
  helm,
  kube,
  openPortForward,
  setNodeCount,
  setPodLogs,
  waitFor,
  waitForClaimsBound,
  waitForJobComplete,
  waitForStatefulSetReady,
} from '../cluster/harness.js';

const CHART = join(import.meta.dirname, '..', 'fixtures', 'charts', 'multipod');

/** A stand-in for turso-server's admin API: /healthz answers, anything else 404. */
async function startAdminServer(): Promise<{server: Server; port: number; hits: string[]}> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url === '/healthz') res.end('ok');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {server, port: (server.address() as AddressInfo).port, hits};
}

describe.each([3, 4] as const)('fixture chart with helm %i', (major) => {
  let namespace: string;
  const release = 'fx';
  const fullname = `${release}-multipod`;
  let admin: Awaited<ReturnType<typeof startAdminServer>>;

  beforeAll(async () => {
    await setNodeCount(1);
    namespace = await createNamespace(`fixture-helm${major}`);
    admin = await startAdminServer();
  });
  afterAll(async () => {
    // Tunnels kwok opened stay connected until closed from this side.
    admin?.server.closeAllConnections();
    await new Promise((resolve) => admin?.server.close(resolve));
  });

  it('installs with default values: pods Ready, RWO claims Bound on local-path', async () => {
    await helm(major, ['install', release, CHART, '-n', namespace, '--wait', '--timeout', '2m']);
    await waitForStatefulSetReady(namespace, fullname, 1);
    await waitForClaimsBound(namespace, 2);
    const {core} = await kube();
    const claims = (await core.listNamespacedPersistentVolumeClaim({namespace})).items;
    expect(claims.map((c) => [c.metadata?.name, c.spec?.storageClassName, c.spec?.accessModes?.[0]]).sort()).toEqual([
      [`${fullname}-shared`, 'local-path', 'ReadWriteOnce'],
      [`state-${fullname}-0`, 'local-path', 'ReadWriteOnce'],
    ]);
  });

  it('upgrades to 3 replicas + turso-server + backup on 3 nodes with an RWX nfs shared volume', async () => {
    // The shared claim's class and access mode are immutable, so this journey starts a new release
    // that uses nfs (RWX) from day one, then scales out.
    await helm(major, ['uninstall', release, '-n', namespace, '--wait']);
    const {core} = await kube();
    await core.deleteCollectionNamespacedPersistentVolumeClaim({namespace});
    await waitFor(
      'old claims to go',
      async () => (await core.listNamespacedPersistentVolumeClaim({namespace})).items.length === 0,
    );
    await setNodeCount(3);
    const rwx = [
      '--set',
      'persistence.shared.storageClass=nfs',
      '--set',
      'persistence.shared.accessMode=ReadWriteMany',
    ];
    await helm(major, ['install', release, CHART, '-n', namespace, '--wait', '--timeout', '2m', ...rwx]);
    await helm(major, [
      'upgrade',
      release,
      CHART,
      '-n',
      namespace,
      '--wait',
      '--timeout',
      '2m',
      '--reuse-values',
      '--set',
      'replicaCount=3',
      '--set',
      'tursoServer.enabled=true',
      '--set',
      'tursoServer.backup.enabled=true',
    ]);
    const pods = await waitForStatefulSetReady(namespace, fullname, 3);
    await waitForStatefulSetReady(namespace, `${fullname}-turso`, 1);
    await waitForClaimsBound(namespace, 5);
    const shared = await core.readNamespacedPersistentVolumeClaim({namespace, name: `${fullname}-shared`});
    expect([shared.spec?.storageClassName, shared.status?.accessModes]).toEqual(['nfs', ['ReadWriteMany']]);
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBeGreaterThanOrEqual(1);
    expect(pods.every((p) => p.spec?.nodeName?.startsWith('kwok-node-'))).toBe(true);
  });

  it('runs a Job created from the backup CronJob to completion, with logs', async () => {
    await setPodLogs({namespace, lines: ['backup: 2 namespaces', 'backup: uploaded to s3']});
    const name = `manual-${major}`;
    await createJobFromCronJob(namespace, `${fullname}-turso-backup`, name);
    const job = await waitForJobComplete(namespace, name);
    expect(job.status?.succeeded).toBe(1);
    const {core} = await kube();
    const [pod] = (await core.listNamespacedPod({namespace, labelSelector: `batch.kubernetes.io/job-name=${name}`}))
      .items;
    expect(pod?.status?.phase).toBe('Succeeded');
    const log = await core.readNamespacedPodLog({namespace, name: pod?.metadata?.name ?? ''});
    expect(log).toBe('backup: 2 namespaces\nbackup: uploaded to s3\n');
  });

  it('port-forwards to the turso pod admin port and reaches the local admin server', async () => {
    const pod = `${fullname}-turso-0`;
    await forwardPodPort({namespace, pod, port: 8081, target: {host: '127.0.0.1', port: admin.port}});
    const local = await openPortForward({namespace, pod, port: 8081});
    try {
      const response = await fetch(`http://127.0.0.1:${local.port}/healthz`);
      expect([response.status, await response.text()]).toEqual([200, 'ok']);
      expect(admin.hits).toContain('GET /healthz');
    } finally {
      await local.close();
    }
  });

  it('runs `helm test` to completion (test pods finish through the project stage)', async () => {
    const out = await helm(major, ['test', release, '-n', namespace, '--timeout', '60s']);
    expect(out).toMatch(/Phase:\s+Succeeded/);
  });
});
