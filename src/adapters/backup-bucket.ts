import {serviceEndpoint} from '../core/backups/endpoint.js';
import {type BackupRun, BACKUP_RESULT_KEY, parseBackupRun} from '../core/backups/run-result.js';
import {ExternalError, UserError} from '../core/errors.js';
import type {BackupObject} from '../core/status/backups.js';
import {listBackupObjects} from './backup-objects.js';
import type {KubeConnection} from './kube/client.js';
import {forwardToService, serviceExists, type ServiceForward} from './kube/service-forward.js';
import {readSecretKey, type ReleaseWiring} from './kube/workloads.js';
import {createS3Client, type S3Client} from './s3.js';

/**
 * The backup bucket as the backup CronJob reaches it: its endpoint, bucket and region from the
 * CronJob's env, its keys from the Secret the CronJob names (kept in memory only). When the
 * endpoint is a cluster-internal Service name, this machine reaches it through a port-forward to
 * one of the Service's pods, unless `--s3-endpoint` says where else. One path for `backups`,
 * `restore` and the live screen.
 */
export interface BackupBucket {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly retentionCount: number;
  /** The endpoint the CronJob uses. */
  readonly clusterEndpoint: string;
  /** The endpoint this process uses (a local port-forward, --s3-endpoint, or the cluster one). */
  readonly endpoint: string;
  /** How the bucket is reached, for messages: e.g. "port-forward to pod minio/minio-0 port 9000". */
  readonly via?: string;
  objects(): Promise<BackupObject[]>;
  /** The backup job's last result (`_results/turso-backup.json`), if the bucket has a readable one. */
  lastRun(): Promise<BackupRun | undefined>;
  /** The forward's last error, for connection failures. */
  lastError(): string | undefined;
  close(): Promise<void>;
}

export interface OpenBucketOptions {
  /** Reach the bucket here instead of the CronJob's endpoint. */
  readonly s3Endpoint?: string;
  readonly timeoutMs?: number;
}

type Conn = Pick<KubeConnection, 'core' | 'apps' | 'batch' | 'k8s' | 'kc'>;

export async function openBackupBucket(
  conn: Conn,
  namespace: string,
  backup: NonNullable<ReleaseWiring['backup']>,
  options: OpenBucketOptions = {},
): Promise<BackupBucket> {
  const [accessKeyId, secretAccessKey] = await Promise.all([
    backup.accessKey ? readSecretKey(conn, namespace, backup.accessKey) : undefined,
    backup.secretKey ? readSecretKey(conn, namespace, backup.secretKey) : undefined,
  ]);
  if (!backup.endpoint || !backup.bucket || !accessKeyId || !secretAccessKey) {
    const missing = !backup.endpoint ? 'no S3 endpoint' : !backup.bucket ? 'no bucket' : 'no S3 keys in its Secret';
    throw new UserError(`The backup CronJob ${backup.cronJob} has ${missing}: the bucket cannot be read.`, {
      hint: 'Check tursoServer.backup.s3.* and its Secret (kubectl describe cronjob).',
      exitCode: 1,
    });
  }
  let endpoint = options.s3Endpoint ?? backup.endpoint;
  let pathStyle = backup.pathStyle;
  let forward: ServiceForward | undefined;
  let via: string | undefined;
  const service = options.s3Endpoint ? undefined : serviceEndpoint(backup.endpoint, namespace);
  if (service && (!service.uncertain || (await serviceExists(conn, service.namespace, service.service)))) {
    if (service.scheme === 'https') {
      throw new UserError(`The bucket's endpoint ${backup.endpoint} is an in-cluster HTTPS name.`, {
        hint: 'Its certificate would not match a local port-forward: pass --s3-endpoint with a URL this machine can reach.',
      });
    }
    forward = await forwardToService(conn, service);
    endpoint = forward.url;
    // A local forward has no bucket subdomains.
    pathStyle = true;
    via = `port-forward to pod ${service.namespace}/${forward.pod} port ${forward.podPort} (Service ${service.service})`;
  }
  const s3 = createS3Client({
    endpoint,
    region: backup.region,
    accessKeyId,
    secretAccessKey,
    pathStyle,
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  const explain = (error: unknown): never => {
    const detail = forward?.lastError();
    if (error instanceof ExternalError && detail)
      throw new ExternalError(`${error.message} (${via}: ${detail})`, {
        command: error.command,
        ...(error.hint ? {hint: error.hint} : {}),
      });
    throw error;
  };
  return {
    s3,
    bucket: backup.bucket,
    retentionCount: backup.retentionCount,
    clusterEndpoint: backup.endpoint,
    endpoint,
    ...(via ? {via} : {}),
    objects: () => listBackupObjects(s3, backup.bucket).catch(explain),
    async lastRun() {
      let bytes: Uint8Array;
      try {
        bytes = await s3.getObject(backup.bucket, BACKUP_RESULT_KEY);
      } catch (error) {
        // No run has written one yet (older scripts never do).
        if (/NoSuchKey|HTTP 404/.test((error as Error).message)) return undefined;
        return explain(error);
      }
      return parseBackupRun(Buffer.from(bytes).toString('utf8'));
    },
    lastError: () => forward?.lastError(),
    close: async () => {
      await forward?.close();
    },
  };
}
