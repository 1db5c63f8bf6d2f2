import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createS3Client} from '../../src/adapters/s3.js';
import {main} from '../../src/cli.js';
import {
  clusterFile,
  createNamespace,
  forwardPodPort,
  getCluster,
  helm,
  kube,
  setPodLogs,
  waitFor,
  waitForStatefulSetReady,
} from '../cluster/harness.js';
import {backupImagePath} from '../integration/image-tools.js';
import {ensureMc} from '../integration/mc.js';
import {captureIo} from '../helpers/io.js';
import {writeRows} from '../turso-double/replica.js';
import {startTursoDouble, type TursoDouble} from '../turso-double/server.js';
import {offline} from '../turso-double/tursodb.js';

// backups list/download, the restore plan and its Job, and a whole restore run against a release
// installed from charts/buntime with helm 3 and 4. The bucket's endpoint is an in-cluster name
// (http://minio.<ns>.svc.cluster.local:9000): the tool reaches it through a port-forward to the
// Service's pod, which kwok forwards to the run's MinIO. turso-server's ports reach the turso
// double (real tursodb), whose namespaces real sync clients filled; the chart's backup script runs
// on this machine, as its Job would, against the double and the MinIO. No container runs in kwok:
// the scripts themselves are tested by the integration tests.
const CHART = join(import.meta.dirname, '..', '..', 'charts', 'buntime');
const BACKUP_SCRIPT = join(CHART, 'files', 'turso-backup.sh');

const cli = async (args: string[]): Promise<{code: number; out: string; err: string}> => {
  const io = captureIo({env: {KUBECONFIG: getCluster().kubeconfig}});
  const code = await main(args, io);
  return {code, out: io.out(), err: io.err()};
};

describe.each([3, 4] as const)('backups and restore of a chart release (helm %i)', (major) => {
  let namespace: string;
  let minioNamespace: string;
  let double: TursoDouble;
  let work: string;
  const adminToken = randomBytes(16).toString('hex');
  const dataToken = randomBytes(16).toString('hex');
  const bucket = `dr-${major}-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    const cluster = getCluster();
    work = mkdtempSync(join(tmpdir(), 'e2e-backups-'));
    [namespace, minioNamespace] = await Promise.all([createNamespace(`backups-h${major}`), createNamespace('minio')]);
    const {core} = await kube();
    const s3 = createS3Client({...cluster.s3, pathStyle: true});
    await s3.createBucket(bucket);

    // An in-cluster MinIO as a person would run it: a Service in front of a pod, named port 'api'.
    await core.createNamespacedPod({
      namespace: minioNamespace,
      body: {
        metadata: {name: 'minio-0', labels: {app: 'minio'}},
        spec: {containers: [{name: 'minio', image: 'minio/minio', ports: [{name: 'api', containerPort: 9000}]}]},
      },
    });
    await core.createNamespacedService({
      namespace: minioNamespace,
      body: {metadata: {name: 'minio'}, spec: {selector: {app: 'minio'}, ports: [{port: 9000, targetPort: 'api'}]}},
    });
    const local = new URL(cluster.s3.endpoint);
    await waitFor('minio-0 Running', async () => {
      const pod = await core.readNamespacedPod({namespace: minioNamespace, name: 'minio-0'});
      return pod.status?.phase === 'Running';
    });
    await forwardPodPort({
      namespace: minioNamespace,
      pod: 'minio-0',
      port: 9000,
      target: {host: local.hostname, port: Number(local.port)},
    });

    const values = await clusterFile(
      `backups-${major}.yaml`,
      [
        'replicaCount: 1',
        'tursoServer:',
        '  enabled: true',
        `  adminToken: ${adminToken}`,
        `  authToken: ${dataToken}`,
        '  backup:',
        '    enabled: true',
        '    s3:',
        `      endpoint: http://minio.${minioNamespace}.svc.cluster.local:9000`,
        `      bucket: ${bucket}`,
        `      accessKeyId: ${cluster.s3.accessKeyId}`,
        `      secretAccessKey: ${cluster.s3.secretAccessKey}`,
        'buntime:',
        `  rootKey: ${randomBytes(24).toString('hex')}`,
        '  authDb:',
        '    mode: sync',
        '',
      ].join('\n'),
    );
    await helm(major, ['install', 'buntime', CHART, '-n', namespace, '-f', values, '--wait', '--timeout', '3m']);
    await waitForStatefulSetReady(namespace, 'buntime-turso', 1);

    // turso-server: the double, whose namespaces two runtime pods (sync clients) filled.
    double = await startTursoDouble({adminToken, dataToken, namespaces: [{name: 'api-keys'}]});
    const url = (ns: string): string => `${double.dataUrl}/${ns}`;
    await writeRows({url: url('api-keys'), authToken: dataToken, clientName: 'pod-0'}, [['key-1', 'a']]);
    await writeRows({url: url('api-keys'), authToken: dataToken, clientName: 'pod-1'}, [['key-2', 'b']]);
    await writeRows({url: url('runtime'), authToken: dataToken}, [['r', '1']]);
    for (const [port, target] of [
      [8081, double.adminPort],
      [8080, double.dataPort],
    ] as const) {
      await forwardPodPort({namespace, pod: 'buntime-turso-0', port, target: {host: '127.0.0.1', port: target}});
    }

    // Two runs of the chart's backup script, as its Job would run them: both namespaces, then
    // with runtime's tursodb dead (the second run must name it and still back up api-keys).
    const bin = backupImagePath(work, ensureMc());
    const backup = (): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(join(bin, 'sh'), [BACKUP_SCRIPT], {
          env: {
            PATH: bin,
            HOME: work,
            TMPDIR: work,
            ADMIN_URL: double.adminUrl,
            ADMIN_TOKEN: adminToken,
            S3_ENDPOINT: cluster.s3.endpoint,
            S3_BUCKET: bucket,
            S3_REGION: cluster.s3.region,
            S3_ACCESS_KEY: cluster.s3.accessKeyId,
            S3_SECRET_KEY: cluster.s3.secretAccessKey,
            RETENTION_COUNT: '14',
          },
          stdio: 'ignore',
        });
        child.once('close', resolve);
      });
    expect(await backup()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await double.crashNamespace('runtime');
    expect(await backup()).toBe(1);
  });
  afterAll(async () => {
    await double?.close();
    if (work) rmSync(work, {recursive: true, force: true});
  });

  it('backups list reaches the in-cluster bucket through a port-forward and shows the failure', async () => {
    const {code, out, err} = await cli(['backups', 'list', '-n', namespace, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const listing = JSON.parse(out);
    expect(listing).toMatchObject({
      bucket,
      endpoint: `http://minio.${minioNamespace}.svc.cluster.local:9000`,
      via: `port-forward to pod ${minioNamespace}/minio-0 port 9000 (Service minio)`,
      retentionCount: 14,
      admin: 'live',
      withoutBackup: [],
    });
    const byName = Object.fromEntries(listing.namespaces.map((item: {namespace: string}) => [item.namespace, item]));
    expect(byName['api-keys']).toMatchObject({count: 2, live: true});
    expect(byName['runtime']).toMatchObject({
      count: 1,
      lastRun: {
        status: 'failed',
        error: 'download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
      },
    });
    expect(listing.lastRun).toMatchObject({ok: false});
    expect(out).not.toContain(getCluster().s3.secretAccessKey);

    const text = await cli(['backups', 'list', 'runtime', '-n', namespace]);
    expect(text.out).toMatch(/✖ last backup failed: download failed: turso-server answered HTTP 500/);
    expect(text.out).not.toContain('api-keys/');
  });

  it('backups download fetches the newest snapshot through the same path, checked and 0600', async () => {
    const file = join(work, `api-keys-${major}.db`);
    const {code, out} = await cli(['backups', 'download', 'api-keys', '-n', namespace, '-o', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/✔ api-keys\/api-keys-\d{8}T\d{6}Z\.db → /);
    expect(out).toContain(`tursodb ${file} "SELECT name FROM sqlite_schema WHERE type = 'table'"`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await offline(file, 'SELECT k FROM kv ORDER BY k')).toBe('key-1\nkey-2\n');
    // The older one with --at, and a refusal to write over a file.
    const again = await cli(['backups', 'download', 'api-keys', '-n', namespace, '-o', file]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
    const none = await cli([
      'backups',
      'download',
      'api-keys',
      '--at',
      '2020-01-01',
      '-n',
      namespace,
      '-o',
      `${file}.old`,
    ]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("No snapshot of 'api-keys' at or before 2020-01-01T23:59:59.000Z");
  });

  it('the live screen model shows the per-namespace failure, not only Stale', async () => {
    const {out} = await cli(['status', '-n', namespace, '--json']);
    const status = JSON.parse(out);
    const runtime = status.backups.perNamespace.find((item: {namespace: string}) => item.namespace === 'runtime');
    expect(runtime.lastFailure.error).toBe(
      'download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
    );
    expect(status.sources.s3.state).toBe('live');
    expect(status.health.reasons).toContain(
      'backup of runtime failed: download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
    );
  });

  it('restore --dry-run plans the snapshots, the steps and the Job, and changes nothing', async () => {
    const {code, out} = await cli(['restore', '-n', namespace, '--dry-run', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(
      plan.snapshots.map((item: {namespace: string; replaces: boolean}) => [item.namespace, item.replaces]),
    ).toEqual([
      ['api-keys', true],
      ['runtime', true],
    ]);
    expect(plan.steps.map((step: {id: string}) => step.id)).toEqual([
      'backup',
      'scale-down',
      'restore-job',
      'reset-replicas',
      'scale-up-turso',
      'verify',
      'scale-up-runtime',
    ]);
    const pod = plan.job.spec.template.spec;
    expect(pod.initContainers[0]).toMatchObject({
      name: 'fetch',
      image: 'ghcr.io/djalmajr/turso-backup:0.1.0',
      command: ['/bin/sh', '/scripts/restore.sh', 'fetch'],
    });
    expect(pod.containers[0]).toMatchObject({
      name: 'apply',
      image: 'ghcr.io/djalmajr/turso-server:0.1.0',
      command: ['/bin/bash', '/scripts/restore.sh', 'apply'],
      securityContext: {runAsUser: 0, runAsGroup: 0},
    });
    const env = Object.fromEntries(
      pod.initContainers[0].env.map((item: {name: string; value?: string; valueFrom?: unknown}) => [
        item.name,
        item.value ?? item.valueFrom,
      ]),
    );
    // Exactly the CronJob's S3 settings and Secret references (never a value of a key).
    const {core, batch} = await kube();
    const cron = await batch.readNamespacedCronJob({namespace, name: 'buntime-turso-backup'});
    const cronEnv = (cron.spec?.jobTemplate.spec?.template.spec?.containers[0]?.env ?? []).filter((item) =>
      item.name.startsWith('S3_'),
    );
    expect(pod.initContainers[0].env.filter((item: {name: string}) => item.name.startsWith('S3_'))).toEqual(
      JSON.parse(JSON.stringify(cronEnv)),
    );
    expect(env['S3_ACCESS_KEY']).toEqual({secretKeyRef: {name: 'buntime-backup', key: 'AWS_ACCESS_KEY_ID'}});
    expect(env['RESTORE_KEYS']).toMatch(/^api-keys\/api-keys-\d{8}T\d{6}Z\.db runtime\/runtime-\d{8}T\d{6}Z\.db$/);
    expect(pod.volumes).toEqual([
      {name: 'script', configMap: {name: 'buntime-turso-backup'}},
      {name: 'data', persistentVolumeClaim: {claimName: 'data-buntime-turso-0'}},
      {name: 'stage', emptyDir: {}},
    ]);
    // The chart's ConfigMap holds the script the Job runs.
    const configMap = await core.readNamespacedConfigMap({namespace, name: 'buntime-turso-backup'});
    expect(configMap.data?.['restore.sh']).toContain('turso-restore.sh');
    // authDb.mode sync: the api-keys replica on the state claim; persistence.turso.type pvc (the
    // default): the plugin replicas on the turso claim.
    const reset = plan.resetJobs[0].spec.template.spec;
    expect(reset.volumes).toEqual([
      {name: 'state', persistentVolumeClaim: {claimName: 'state-buntime-0'}},
      {name: 'turso', persistentVolumeClaim: {claimName: 'turso-buntime-0'}},
    ]);
    expect(reset.containers[0].command[2]).toBe(
      'rm -fv /data/state/api-keys.db /data/state/api-keys.db-* /data/turso/api-keys.db /data/turso/api-keys.db-* /data/turso/runtime.db /data/turso/runtime.db-*',
    );
    // Without --yes and without a terminal: the plan is printed, then a refusal.
    const refused = await cli(['restore', '-n', namespace]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('Restore plan for release buntime');
    expect(refused.err).toContain('no terminal to confirm it');
    // The by-hand steps name this release's objects.
    const file = join(work, `offline-${major}.db`);
    expect((await cli(['backups', 'download', 'runtime', '-n', namespace, '-o', file])).code).toBe(0);
    const offline = await cli(['restore', '--offline', 'runtime', file, '-n', namespace]);
    expect(offline.code).toBe(0);
    expect(offline.out).toContain(`kubectl -n ${namespace} scale statefulset buntime-turso --replicas=0`);
    expect(offline.out).toContain('claimName: data-buntime-turso-0');
    expect(offline.out).toContain('name: buntime-turso-backup');
    const jobs = await batch.listNamespacedJob({namespace});
    expect(jobs.items.map((job) => job.metadata?.name)).toEqual([]);
  });

  // One full run is enough: the restore does not use helm.
  it.skipIf(major === 4)(
    'restore --yes runs the steps: fresh backup checked, scale to 0, the Job, reset, scale back, verify',
    async () => {
      // No container runs in kwok: the Job pods "succeed" with the log the apply phase would print.
      await setPodLogs({
        namespace,
        lines: [
          'turso-restore apply: namespace api-keys replayed',
          `turso-restore-result: ${JSON.stringify({
            phase: 'apply',
            ok: true,
            namespaces: [
              {namespace: 'api-keys', key: 'k', bytes: 1, statements: 4, tables: {kv: 2}},
              {namespace: 'runtime', key: 'k', bytes: 1, statements: 3, tables: {kv: 1}},
            ],
          })}`,
        ],
      });
      const {code, out, err} = await cli(['restore', '-n', namespace, '--yes', '--json']);
      expect(err).toContain('▸ Back up the current state first');
      // kwok's backup Job "succeeds" without running: no new snapshot reached the bucket, and the
      // tool says so instead of trusting the Job.
      expect(err).toContain('api-keys: NOT backed up (the Job succeeded but no new snapshot of it reached the bucket)');
      expect(code, err).toBe(0);
      const report = JSON.parse(out);
      expect(report.ok).toBe(true);
      const status = Object.fromEntries(
        report.steps.map((step: {id: string; status: string}) => [step.id, step.status]),
      );
      expect(status).toEqual({
        backup: 'failed',
        'scale-down': 'done',
        'restore-job': 'done',
        'reset-replicas': 'done',
        'scale-up-turso': 'done',
        verify: 'done',
        'scale-up-runtime': 'done',
      });
      const verify = report.steps.find((step: {id: string}) => step.id === 'verify');
      expect(verify.notes).toEqual(['api-keys: kv 2 (as replayed)', 'runtime: kv 1 (as replayed)']);
      const {apps, batch} = await kube();
      const jobs = (await batch.listNamespacedJob({namespace})).items;
      const restoreJob = jobs.find((job) => job.metadata?.labels?.['app.kubernetes.io/component'] === 'turso-restore');
      expect(restoreJob?.status?.succeeded).toBe(1);
      expect(
        jobs.filter((job) => job.metadata?.labels?.['app.kubernetes.io/component'] === 'replica-reset'),
      ).toHaveLength(1);
      for (const name of ['buntime', 'buntime-turso']) {
        const set = await apps.readNamespacedStatefulSet({namespace, name});
        expect([name, set.spec?.replicas, set.status?.readyReplicas]).toEqual([name, 1, 1]);
      }
    },
  );
});
