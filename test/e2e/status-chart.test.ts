import {randomBytes} from 'node:crypto';
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
  waitForStatefulSetReady,
} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';
import {startTursoDouble, type TursoDouble} from '../turso-double/server.js';

// `status` against the real Buntime chart installed with helm (turso-server + backups to the
// run's MinIO): everything the screen needs is discovered from the chart's own objects.
const CHART = join(import.meta.dirname, '..', '..', 'charts', 'buntime');

describe('status of a release installed from charts/buntime', () => {
  let namespace: string;
  let double: TursoDouble;
  const adminToken = randomBytes(16).toString('hex');
  const bucket = `chart-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const cluster = getCluster();
    namespace = await createNamespace('status-chart');
    double = await startTursoDouble({adminToken, namespaces: [{name: 'api-keys'}, {name: 'runtime', origin: 'auto'}]});
    await createS3Client({...cluster.s3, pathStyle: true}).createBucket(bucket);
    // Secrets go in a values file (mode 0600), never on the command line.
    const values = await clusterFile(
      'status-chart-values.yaml',
      [
        'replicaCount: 1',
        'tursoServer:',
        '  enabled: true',
        `  adminToken: ${adminToken}`,
        `  authToken: ${randomBytes(16).toString('hex')}`,
        '  backup:',
        '    enabled: true',
        '    s3:',
        `      endpoint: ${cluster.s3.endpoint}`,
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
    await helm(3, ['install', 'buntime', CHART, '-n', namespace, '-f', values, '--wait', '--timeout', '3m']);
    await waitForStatefulSetReady(namespace, 'buntime-turso', 1);
    await forwardPodPort({
      namespace,
      pod: 'buntime-turso-0',
      port: 8081,
      target: {host: '127.0.0.1', port: double.adminPort},
    });
  });
  afterAll(async () => {
    await double?.close();
  });

  it('finds the pods, the admin API (token from the chart Secret) and the bucket from the CronJob', async () => {
    const io = captureIo({env: {KUBECONFIG: getCluster().kubeconfig}});
    const code = await main(['status', '-n', namespace, '--release', 'buntime', '--json'], io);
    expect(io.err()).toBe('');
    const json = JSON.parse(io.out());
    expect(json.pods.runtime.map((pod: {name: string; status: string}) => [pod.name, pod.status])).toEqual([
      ['buntime-0', 'Running'],
    ]);
    expect(json.pods.tursoServer.map((pod: {name: string}) => pod.name)).toEqual(['buntime-turso-0']);
    expect(json.sources.admin.state).toBe('live');
    expect(json.namespaces.map((item: {name: string; origin: string}) => [item.name, item.origin])).toEqual([
      ['api-keys', 'explicit'],
      ['runtime', 'auto'],
    ]);
    expect(json.sources.s3.state).toBe('live');
    expect(json.backups).toMatchObject({schedule: '0 2 * * *', bucket, retentionCount: 14});
    expect(json.health.level).toBe('healthy');
    expect(code).toBe(0);
    expect(double.requests.filter((request) => request.port === 'admin').every((request) => request.authorized)).toBe(
      true,
    );
    expect(io.out()).not.toContain(adminToken);
  });
});
