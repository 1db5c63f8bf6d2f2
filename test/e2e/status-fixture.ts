import {randomBytes} from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import {createS3Client, type S3Client} from '../../src/adapters/s3.js';
import {createNamespace, forwardPodPort, getCluster, kube, waitForStatefulSetReady} from '../cluster/harness.js';
import {writeRows} from '../turso-double/replica.js';
import {startTursoDouble, type NamespaceSeed, type TursoDouble} from '../turso-double/server.js';

/**
 * A Buntime release's objects created straight through the API (same names and labels as the
 * chart: fullname = release "buntime"), so the live screen's e2e tests do not depend on the chart:
 * runtime StatefulSet, turso-server StatefulSet whose admin port kwok forwards to the turso double,
 * the turso and backup Secrets, the backup CronJob pointing at the run's real MinIO (its own bucket).
 */
export interface StatusRelease {
  readonly namespace: string;
  readonly release: 'buntime';
  readonly double: TursoDouble;
  readonly adminToken: string;
  readonly bucket: string;
  readonly s3: S3Client;
  close(): Promise<void>;
}

const labels = (component: string): Record<string, string> => ({
  app: 'buntime',
  'app.kubernetes.io/name': 'buntime',
  'app.kubernetes.io/instance': 'buntime',
  'app.kubernetes.io/component': component,
});

function statefulSet(name: string, component: string, replicas: number, container: k8s.V1Container): k8s.V1StatefulSet {
  return {
    metadata: {name, labels: labels(component)},
    spec: {
      serviceName: name,
      replicas,
      podManagementPolicy: 'Parallel',
      selector: {matchLabels: labels(component)},
      template: {metadata: {labels: labels(component)}, spec: {containers: [container]}},
    },
  };
}

export async function createStatusRelease(options: {
  prefix: string;
  adminToken?: string;
  secretToken?: string;
  namespaces?: NamespaceSeed[];
  runtimeReplicas?: number;
}): Promise<StatusRelease> {
  const cluster = getCluster();
  const {core, apps, batch} = await kube();
  const namespace = await createNamespace(options.prefix);
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const double = await startTursoDouble({
    adminToken,
    namespaces: options.namespaces ?? [{name: 'api-keys'}, {name: 'runtime', origin: 'auto'}],
  });
  // A row written as a runtime pod would, so snapshots hold data.
  if (!options.namespaces) await writeRows({url: `${double.dataUrl}/api-keys`}, [['k1', 'v1']]);
  const bucket = `status-${randomBytes(4).toString('hex')}`;
  const s3 = createS3Client({...cluster.s3, pathStyle: true});
  await s3.createBucket(bucket);

  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: {name: 'buntime-turso', labels: labels('turso-server')},
      stringData: {TURSO_ADMIN_TOKEN: options.secretToken ?? adminToken},
    },
  });
  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: {name: 'buntime-backup', labels: labels('turso-backup')},
      stringData: {AWS_ACCESS_KEY_ID: cluster.s3.accessKeyId, AWS_SECRET_ACCESS_KEY: cluster.s3.secretAccessKey},
    },
  });
  await apps.createNamespacedStatefulSet({
    namespace,
    body: statefulSet('buntime', 'runtime', options.runtimeReplicas ?? 2, {
      name: 'buntime',
      image: 'ghcr.io/djalmajr/buntime:0.5.4',
      ports: [{name: 'http', containerPort: 8000}],
    }),
  });
  await apps.createNamespacedStatefulSet({
    namespace,
    body: statefulSet('buntime-turso', 'turso-server', 1, {
      name: 'turso-server',
      image: 'ghcr.io/djalmajr/turso-server:0.1.0',
      ports: [
        {name: 'data', containerPort: 8080},
        {name: 'admin', containerPort: 8081},
      ],
      env: [{name: 'TURSO_ADMIN_TOKEN', valueFrom: {secretKeyRef: {name: 'buntime-turso', key: 'TURSO_ADMIN_TOKEN'}}}],
    }),
  });
  const secretEnv = (name: string, secret: string, key: string): k8s.V1EnvVar => ({
    name,
    valueFrom: {secretKeyRef: {name: secret, key}},
  });
  await batch.createNamespacedCronJob({
    namespace,
    body: {
      metadata: {name: 'buntime-turso-backup', labels: labels('turso-backup')},
      spec: {
        schedule: '0 2 * * *',
        concurrencyPolicy: 'Forbid',
        jobTemplate: {
          metadata: {labels: labels('turso-backup')},
          spec: {
            backoffLimit: 2,
            template: {
              metadata: {labels: labels('turso-backup')},
              spec: {
                restartPolicy: 'Never',
                containers: [
                  {
                    name: 'backup',
                    image: 'ghcr.io/djalmajr/turso-backup:0.1.0',
                    env: [
                      {name: 'ADMIN_URL', value: 'http://buntime-turso-admin:8081'},
                      secretEnv('ADMIN_TOKEN', 'buntime-turso', 'TURSO_ADMIN_TOKEN'),
                      {name: 'S3_ENDPOINT', value: cluster.s3.endpoint},
                      {name: 'S3_BUCKET', value: bucket},
                      {name: 'S3_REGION', value: cluster.s3.region},
                      {name: 'S3_PATH_STYLE', value: 'true'},
                      secretEnv('S3_ACCESS_KEY', 'buntime-backup', 'AWS_ACCESS_KEY_ID'),
                      secretEnv('S3_SECRET_KEY', 'buntime-backup', 'AWS_SECRET_ACCESS_KEY'),
                      {name: 'RETENTION_COUNT', value: '14'},
                    ],
                  },
                ],
              },
            },
          },
        },
      },
    },
  });
  await waitForStatefulSetReady(namespace, 'buntime-turso', 1);
  await waitForStatefulSetReady(namespace, 'buntime', options.runtimeReplicas ?? 2);
  await forwardPodPort({
    namespace,
    pod: 'buntime-turso-0',
    port: 8081,
    target: {host: '127.0.0.1', port: double.adminPort},
  });

  return {
    namespace,
    release: 'buntime',
    double,
    adminToken,
    bucket,
    s3,
    async close() {
      await double.close();
    },
  };
}

/** Uploads real snapshots taken from the double, under the backup job's key layout. */
export async function uploadSnapshots(
  release: StatusRelease,
  namespace: string,
  stamps: readonly string[],
): Promise<number> {
  const response = await fetch(`${release.double.adminUrl}/v1/namespaces/${namespace}/backup`, {
    headers: {authorization: `Bearer ${release.adminToken}`},
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  for (const stamp of stamps)
    await release.s3.putObject(release.bucket, `${namespace}/${namespace}-${stamp}.db`, bytes);
  return bytes.length;
}
