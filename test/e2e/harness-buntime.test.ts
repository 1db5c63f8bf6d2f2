/**
 * The harness against the real Buntime chart (charts/buntime), with helm 3 and with helm 4: the
 * day-zero install with default values, the upgrade to multi-pod sync (3 replicas + turso-server +
 * backups, plugins/apps on the RWX `nfs` class), a backup Job run from the chart's CronJob, and a
 * client-node port-forward to the turso-server pod's admin port answered by the turso-server double.
 */
import {randomBytes} from 'node:crypto';
import {join} from 'node:path';
import {stringify} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {
  clusterFile,
  createJobFromCronJob,
  createNamespace,
  forwardPodPort,
  getCluster,
  helm,
  kube,
  openPortForward,
  setNodeCount,
  setPodLogs,
  waitForClaimsBound,
  waitForJobComplete,
  waitForStatefulSetReady,
} from '../cluster/harness.js';
import {startTursoDouble} from '../turso-double/server.js';

const CHART = join(import.meta.dirname, '..', '..', 'charts', 'buntime');

describe.each([3, 4] as const)('Buntime chart with helm %i', (major) => {
  const release = 'bt';
  const fullname = `${release}-buntime`;
  let dayZero: string;
  let multiPod: string;
  const adminToken = randomBytes(16).toString('hex');

  beforeAll(async () => {
    await setNodeCount(1);
    dayZero = await createNamespace(`buntime-day0-helm${major}`);
    multiPod = await createNamespace(`buntime-multi-helm${major}`);
  });

  it('installs with default values and reaches Ready pods', async () => {
    await helm(major, ['install', release, CHART, '-n', dayZero, '--wait', '--timeout', '3m']);
    const [pod] = await waitForStatefulSetReady(dayZero, fullname, 1);
    expect(pod?.spec?.containers[0]?.image).toMatch(/^ghcr\.io\/djalmajr\/buntime:/);
    // plugins, apps (RWO on the default local-path class) + state and turso per pod.
    await waitForClaimsBound(dayZero, 4);
  });

  it('upgrades to 3 replicas + turso-server + backup with RWX nfs plugins/apps and reaches Ready', async () => {
    await setNodeCount(3);
    const rwx = {
      persistence: {
        plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
        apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
      },
    };
    // Access modes and classes of existing claims are immutable: the multi-pod journey plans RWX
    // volumes from its first install, then scales out.
    await helm(major, [
      'install',
      release,
      CHART,
      '-n',
      multiPod,
      '--wait',
      '--timeout',
      '3m',
      '-f',
      await clusterFile('rwx.yaml', stringify(rwx)),
    ]);
    const {s3} = getCluster();
    const upgrade = {
      replicaCount: 3,
      buntime: {authDb: {mode: 'sync'}},
      plugins: {turso: {mode: 'sync'}},
      tursoServer: {
        enabled: true,
        authToken: randomBytes(16).toString('hex'),
        adminToken,
        backup: {
          enabled: true,
          s3: {
            endpoint: s3.endpoint,
            bucket: s3.bucket,
            region: s3.region,
            accessKeyId: s3.accessKeyId,
            secretAccessKey: s3.secretAccessKey,
          },
        },
      },
    };
    // Secrets go in a 0600 values file, never in argv.
    await helm(major, [
      'upgrade',
      release,
      CHART,
      '-n',
      multiPod,
      '--wait',
      '--timeout',
      '3m',
      '--reuse-values',
      '-f',
      await clusterFile('multi.yaml', stringify(upgrade)),
    ]);
    const pods = await waitForStatefulSetReady(multiPod, fullname, 3);
    await waitForStatefulSetReady(multiPod, `${fullname}-turso`, 1);
    expect(pods.every((p) => p.spec?.nodeName?.startsWith('kwok-node-'))).toBe(true);
    const {core, batch} = await kube();
    const claims = (await core.listNamespacedPersistentVolumeClaim({namespace: multiPod})).items;
    expect(claims.every((c) => c.status?.phase === 'Bound')).toBe(true);
    const shared = claims.filter((c) => [`${fullname}-plugins`, `${fullname}-apps`].includes(c.metadata?.name ?? ''));
    expect(shared.map((c) => [c.spec?.storageClassName, c.status?.accessModes?.[0]])).toEqual([
      ['nfs', 'ReadWriteMany'],
      ['nfs', 'ReadWriteMany'],
    ]);
    expect(
      (await batch.readNamespacedCronJob({namespace: multiPod, name: `${fullname}-turso-backup`})).spec?.schedule,
    ).toBeTruthy();
  });

  it('completes a Job created from the backup CronJob', async () => {
    await setPodLogs({namespace: multiPod, lines: ['backup: done']});
    const job = await createJobFromCronJob(multiPod, `${fullname}-turso-backup`, `manual-backup-${major}`);
    const done = await waitForJobComplete(multiPod, job.metadata?.name ?? '');
    expect(done.status?.succeeded).toBe(1);
  });
});

describe.each([3, 4] as const)('Buntime chart turso-server admin port with helm %i', (major) => {
  it("answers /healthz from the turso-server double through a client-node port-forward, and the admin API with the chart's token", async () => {
    await setNodeCount(1);
    const namespace = await createNamespace(`buntime-pf-helm${major}`);
    const release = 'pf';
    const adminToken = randomBytes(16).toString('hex');
    const values = {tursoServer: {enabled: true, authToken: randomBytes(16).toString('hex'), adminToken}};
    await helm(major, [
      'install',
      release,
      CHART,
      '-n',
      namespace,
      '--wait',
      '--timeout',
      '3m',
      '-f',
      await clusterFile('turso.yaml', stringify(values)),
    ]);
    const [pod] = await waitForStatefulSetReady(namespace, `${release}-buntime-turso`, 1);
    const podName = pod?.metadata?.name ?? '';
    const adminPort = pod?.spec?.containers[0]?.ports?.find((p) => p.name === 'admin')?.containerPort;
    expect(adminPort).toBe(8081);

    // The token as a client would find it: in the chart's Secret.
    const {core} = await kube();
    const secret = await core.readNamespacedSecret({namespace, name: `${release}-buntime-turso`});
    const token = Buffer.from(secret.data?.['TURSO_ADMIN_TOKEN'] ?? '', 'base64').toString();
    expect(token).toBe(adminToken);

    const double = await startTursoDouble({adminToken, namespaces: [{name: 'default'}]});
    try {
      await forwardPodPort({namespace, pod: podName, port: 8081, target: {host: '127.0.0.1', port: double.adminPort}});
      const local = await openPortForward({namespace, pod: podName, port: 8081});
      try {
        const health = await fetch(`http://127.0.0.1:${local.port}/healthz`);
        expect([health.status, await health.text()]).toEqual([200, 'ok']);
        const unauthorized = await fetch(`http://127.0.0.1:${local.port}/v1/namespaces`);
        expect(unauthorized.status).toBe(401);
        const list = await fetch(`http://127.0.0.1:${local.port}/v1/namespaces`, {
          headers: {authorization: `Bearer ${token}`},
        });
        expect(list.status).toBe(200);
        expect(((await list.json()) as {namespaces: {name: string}[]}).namespaces.map((n) => n.name)).toEqual([
          'default',
        ]);
        expect(double.requests.filter((r) => r.port === 'admin').map((r) => `${r.method} ${r.path}`)).toContain(
          'GET /healthz',
        );
      } finally {
        await local.close();
      }
    } finally {
      await double.close();
    }
  });
});
