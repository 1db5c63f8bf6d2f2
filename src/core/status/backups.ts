import type {BackupRun} from '../backups/run-result.js';
import {type BackupObject, type Snapshot, snapshotsByNamespace} from '../backups/snapshots.js';
import {parseCron, previousRun} from '../cron.js';

export type {BackupObject} from '../backups/snapshots.js';
export {keyTimestamp} from '../backups/snapshots.js';

/** The backup CronJob as the screen needs it. */
export interface CronJobInfo {
  readonly name: string;
  readonly schedule: string;
  readonly suspend: boolean;
  readonly createdAt?: number;
  readonly lastScheduleTime?: number;
  readonly lastSuccessfulTime?: number;
  readonly active: readonly string[];
}

export type JobState = 'running' | 'succeeded' | 'failed';

export interface JobInfo {
  readonly name: string;
  readonly state: JobState;
  /** Created by hand (kubectl create job --from / the `b` key) rather than by the schedule. */
  readonly manual: boolean;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly message?: string;
}

export interface NamespaceBackups {
  readonly namespace: string;
  readonly count: number;
  readonly newestKey?: string;
  /** When the newest snapshot was taken (from the key's timestamp, else the object's date). */
  readonly newestAt?: number;
  readonly newestSize?: number;
  /** More snapshots than retentionCount keeps: the retention step is not running. */
  readonly overRetention: boolean;
  /** The newest snapshot is 0 bytes: the job uploaded an empty object after a failed admin call. */
  readonly newestEmpty: boolean;
  /** The backup job's last run failed for this namespace: when and why (from its result). */
  readonly failure?: {readonly at?: number; readonly error: string};
}

/** Time allowed for a scheduled job to start and finish before its run counts as missed. */
export const BACKUP_GRACE_MS = 30 * 60_000;

/**
 * Groups the bucket's objects by namespace, following the backup job's layout
 * `<ns>/<ns>-<YYYYMMDDTHHMMSSZ>.db`; other keys are ignored.
 */
export function summariseObjects(
  objects: readonly BackupObject[],
  retentionCount: number,
  run?: BackupRun,
): NamespaceBackups[] {
  const failures = new Map(
    (run?.namespaces ?? []).flatMap((item) =>
      item.status === 'failed'
        ? [
            [
              item.name,
              {...(item.at !== undefined ? {at: item.at} : {}), error: item.error ?? 'unknown error'},
            ] as const,
          ]
        : [],
    ),
  );
  const result: NamespaceBackups[] = [];
  for (const [namespace, list] of snapshotsByNamespace(objects)) {
    const newest = list[0] as Snapshot;
    result.push({
      namespace,
      count: list.length,
      newestKey: newest.key,
      newestAt: newest.at,
      newestSize: newest.size,
      overRetention: retentionCount > 0 && list.length > retentionCount,
      newestEmpty: newest.size === 0,
      ...(failures.has(namespace) ? {failure: failures.get(namespace)} : {}),
    });
    failures.delete(namespace);
  }
  // Failed every time so far: no snapshot at all, but the failure is worth a row.
  for (const [namespace, failure] of failures)
    result.push({namespace, count: 0, overRetention: false, newestEmpty: false, failure});
  return result.sort((a, b) => (a.namespace < b.namespace ? -1 : 1));
}

export interface Staleness {
  readonly level: 'ok' | 'warn' | 'error';
  readonly message: string;
  /** The scheduled run that should have succeeded by now. */
  readonly expectedRun?: number;
}

/**
 * Whether the last successful backup is as recent as the schedule allows: the run before
 * `now - grace` must have succeeded. A CronJob created after that run is not late yet.
 */
export function backupStaleness(cron: CronJobInfo, now: number): Staleness {
  const parsed = parseCron(cron.schedule);
  if (!parsed.ok) return {level: 'error', message: `Schedule '${cron.schedule}' is not valid cron: ${parsed.error}.`};
  if (cron.suspend) return {level: 'warn', message: 'The backup CronJob is suspended: no backups are taken.'};
  const expected = previousRun(parsed.schedule, new Date(now - BACKUP_GRACE_MS))?.getTime();
  if (expected === undefined) return {level: 'ok', message: 'The schedule has not fired yet.'};
  const last = cron.lastSuccessfulTime;
  if (last !== undefined && last >= expected)
    return {level: 'ok', message: 'Backups are up to date.', expectedRun: expected};
  if (cron.createdAt !== undefined && cron.createdAt > expected) {
    return {level: 'ok', message: 'No scheduled run yet since the CronJob was created.', expectedRun: expected};
  }
  return {
    level: 'error',
    message:
      last === undefined
        ? 'Stale: no backup has ever succeeded, though the schedule has fired.'
        : 'Stale: the last successful backup is older than the schedule allows.',
    expectedRun: expected,
  };
}

/** What the backups pane says about runs, in the CronJob's own terms (scheduled vs successful vs manual). */
export interface BackupRuns {
  /** status.lastScheduleTime: only the schedule sets it, never a manual Job. */
  readonly lastScheduledAt?: number;
  /** status.lastSuccessfulTime: any Job of the CronJob that succeeded, manual ones included. */
  readonly lastSuccessAt?: number;
  /** The last success came from a manual Job (the `b` key, kubectl create job --from). */
  readonly lastSuccessManual: boolean;
  readonly manualRuns: number;
  readonly lastManualAt?: number;
}

/** Clock skew allowed between the API server (Job times) and the backup pod (snapshot key stamps). */
const STAMP_SKEW_MS = 2 * 60_000;

export function backupRuns(cron: CronJobInfo, jobs: readonly JobInfo[]): BackupRuns {
  const manual = jobs.filter((job) => job.manual);
  const lastManualAt = Math.max(...manual.map((job) => job.startedAt ?? 0));
  const success = cron.lastSuccessfulTime;
  // The Job whose completion set lastSuccessfulTime (within a second: the controller copies it).
  const source =
    success === undefined
      ? undefined
      : jobs.find((job) => job.state === 'succeeded' && Math.abs((job.finishedAt ?? 0) - success) <= 1000);
  return {
    ...(cron.lastScheduleTime !== undefined ? {lastScheduledAt: cron.lastScheduleTime} : {}),
    ...(success !== undefined ? {lastSuccessAt: success} : {}),
    lastSuccessManual: source?.manual ?? false,
    manualRuns: manual.length,
    ...(lastManualAt > 0 ? {lastManualAt} : {}),
  };
}

/** A backup Job that succeeded but left no new snapshot for some namespaces. */
export interface SnapshotGap {
  readonly job: string;
  /** Namespaces without a snapshot from that run; empty when the bucket got nothing at all. */
  readonly namespaces: readonly string[];
  readonly message: string;
}

/**
 * The newest succeeded Job must have written a snapshot for every namespace that existed when it
 * started (archived ones are not backed up any more). Only judged on a bucket listing taken after
 * the Job finished, so a listing that is merely older than the Job does not raise it.
 */
export function snapshotGap(input: {
  readonly jobs: readonly JobInfo[];
  readonly perNamespace: readonly NamespaceBackups[];
  /** The live namespaces with their creation times, when the admin API answered. */
  readonly namespaces?: ReadonlyArray<{readonly name: string; readonly createdAt?: number}>;
  /** When the bucket was last listed. */
  readonly listedAt?: number;
  /** The job's own result (`_results/turso-backup.json`): when it covers this run, it says what happened. */
  readonly run?: {readonly finishedAt?: number};
}): SnapshotGap | undefined {
  const job = input.jobs.find((item) => item.state === 'succeeded' && item.finishedAt !== undefined);
  if (!job || job.startedAt === undefined || input.listedAt === undefined) return undefined;
  if (input.listedAt < (job.finishedAt as number)) return undefined;
  const since = job.startedAt - STAMP_SKEW_MS;
  // A run that wrote its result reported every namespace (failures show under each): trust it.
  if (input.run?.finishedAt !== undefined && input.run.finishedAt >= since) return undefined;
  const newest = new Map(input.perNamespace.map((item) => [item.namespace, item.newestAt ?? 0]));
  const fresh = (name: string): boolean => (newest.get(name) ?? 0) >= since;
  if (input.namespaces) {
    const missing = input.namespaces
      .filter((item) => item.createdAt === undefined || item.createdAt < job.startedAt!)
      .map((item) => item.name)
      .filter((name) => !fresh(name));
    if (missing.length === 0) return undefined;
    return {
      job: job.name,
      namespaces: missing,
      message: `Backup job ${job.name} succeeded but wrote no new snapshot of ${missing.join(', ')}.`,
    };
  }
  if (input.perNamespace.some((item) => fresh(item.namespace))) return undefined;
  return {
    job: job.name,
    namespaces: [],
    message: `Backup job ${job.name} succeeded but no new snapshot is in the bucket.`,
  };
}
