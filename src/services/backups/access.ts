import {type BackupBucket, openBackupBucket} from '../../adapters/backup-bucket.js';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {discoverRelease, type ReleaseWiring} from '../../adapters/kube/workloads.js';
import {openTursoAdmin} from '../../adapters/turso-access.js';
import type {Context} from '../../context.js';
import {UserError} from '../../core/errors.js';
import type {TursoNamespace} from '../../core/status/store.js';
import {connectOrExplain} from '../cluster.js';
import type {ReleaseTarget} from '../target.js';

/** What `backups` and `restore` share: the release found from its live objects, and its bucket. */
export type BackupsTarget = Pick<ReleaseTarget, 'namespace' | 'release' | 'kubeContext'> & {
  /** Reach the bucket here instead of the CronJob's endpoint. */
  readonly s3Endpoint?: string;
};

export interface ReleaseBackups {
  readonly conn: KubeConnection;
  readonly wiring: ReleaseWiring;
  readonly bucket: BackupBucket;
  close(): Promise<void>;
}

export async function openReleaseBackups(target: BackupsTarget, ctx: Context): Promise<ReleaseBackups> {
  const conn = await connectOrExplain(ctx, target.kubeContext);
  const wiring = await discoverRelease(conn, target.namespace, target.release);
  if (!wiring.backup) {
    throw new UserError(
      `Release ${target.release} in namespace ${target.namespace} has no backup CronJob (tursoServer.backup.enabled is false, or it is not installed here).`,
      {hint: 'Check --namespace and --release (helm list -A).'},
    );
  }
  const bucket = await openBackupBucket(conn, target.namespace, wiring.backup, {
    ...(target.s3Endpoint ? {s3Endpoint: target.s3Endpoint} : {}),
  });
  return {conn, wiring, bucket, close: () => bucket.close()};
}

/** turso-server's namespaces now, or why they could not be read (it may be down: that is fine). */
export async function liveNamespaces(
  conn: KubeConnection,
  namespace: string,
  wiring: ReleaseWiring,
): Promise<{namespaces: TursoNamespace[]} | {error: string}> {
  if (!wiring.turso) return {error: 'turso-server is not deployed in this release'};
  let access: Awaited<ReturnType<typeof openTursoAdmin>> | undefined;
  try {
    access = await openTursoAdmin(conn, namespace, wiring.turso);
    return {namespaces: await access.client.list()};
  } catch (error) {
    return {error: error instanceof Error ? error.message : String(error)};
  } finally {
    await access?.close();
  }
}
