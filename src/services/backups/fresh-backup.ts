import type {BackupBucket} from '../../adapters/backup-bucket.js';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {waitForJob} from '../../adapters/kube/job-wait.js';
import {createJobFromCronJob} from '../../adapters/kube/workloads.js';
import {snapshotsByNamespace} from '../../core/backups/snapshots.js';

/**
 * A backup taken now, and proof it worked: a Job from the backup CronJob, then, per live
 * namespace, a snapshot in the bucket that was not there before the Job started. A Job that
 * "succeeded" is not enough (an old script uploads nothing when one namespace fails, or empty
 * objects); the bucket is the only witness that counts. Used before an upgrade and a restore.
 */
export interface FreshBackup {
  readonly job: string;
  readonly jobState: 'succeeded' | 'failed' | 'timeout';
  readonly jobMessage?: string;
  /** Per live namespace: the new snapshot, or why there is none. */
  readonly namespaces: readonly {readonly name: string; readonly key?: string; readonly error?: string}[];
  /**
   * Whose snapshots were checked: turso-server's live namespaces, or, when its admin API did not
   * answer, the namespaces the bucket already had snapshots of.
   */
  readonly checked: 'live' | 'bucket';
  readonly ok: boolean;
}

export async function takeFreshBackup(input: {
  readonly conn: KubeConnection;
  readonly namespace: string;
  readonly cronJob: string;
  readonly bucket: BackupBucket;
  /** undefined: turso-server's namespaces are unknown (its admin API did not answer). */
  readonly liveNamespaces: readonly string[] | undefined;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly onStarted?: (job: string) => void;
}): Promise<FreshBackup> {
  const objects = await input.bucket.objects();
  const before = new Set(objects.map((object) => object.key));
  const expected = input.liveNamespaces ?? [...snapshotsByNamespace(objects).keys()].sort();
  // The result object is overwritten by each run: the one there now is an older run's.
  const previousRun = await input.bucket.lastRun().catch(() => undefined);
  const job = await createJobFromCronJob(input.conn, input.namespace, input.cronJob);
  input.onStarted?.(job);
  const outcome = await waitForJob(input.conn, input.namespace, job, {
    timeoutMs: input.timeoutMs ?? 10 * 60_000,
    ...(input.signal ? {signal: input.signal} : {}),
  });
  const after = snapshotsByNamespace(await input.bucket.objects());
  const latest = await input.bucket.lastRun().catch(() => undefined);
  const run = latest && latest.timestamp !== previousRun?.timestamp ? latest : undefined;
  const reasons = new Map((run?.namespaces ?? []).map((item) => [item.name, item]));
  const namespaces = expected.map((name) => {
    const fresh = (after.get(name) ?? []).find((snapshot) => !before.has(snapshot.key) && snapshot.size > 0);
    if (fresh) return {name, key: fresh.key};
    const reported = reasons.get(name);
    const error =
      reported?.status === 'failed' && reported.error
        ? reported.error
        : outcome.state !== 'succeeded'
          ? `the Job ${outcome.state === 'timeout' ? 'did not finish' : 'failed'}: ${outcome.message}`
          : 'the Job succeeded but no new snapshot of it reached the bucket';
    return {name, error};
  });
  return {
    job,
    jobState: outcome.state,
    ...(outcome.state !== 'succeeded' ? {jobMessage: outcome.message} : {}),
    namespaces,
    checked: input.liveNamespaces ? 'live' : 'bucket',
    ok: outcome.state === 'succeeded' && namespaces.every((item) => item.key !== undefined),
  };
}
