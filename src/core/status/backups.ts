import {parseCron, previousRun} from '../cron.js';

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

export interface BackupObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
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
}

/** Time allowed for a scheduled job to start and finish before its run counts as missed. */
export const BACKUP_GRACE_MS = 30 * 60_000;

const KEY_STAMP = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/;

/** The UTC time in a `<ns>-YYYYMMDDTHHMMSSZ.db` key, or undefined. */
export function keyTimestamp(key: string): number | undefined {
  const match = KEY_STAMP.exec(key);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Groups the bucket's objects by namespace, following the backup job's layout
 * `<ns>/<ns>-<YYYYMMDDTHHMMSSZ>.db`; other keys are ignored.
 */
export function summariseObjects(objects: readonly BackupObject[], retentionCount: number): NamespaceBackups[] {
  const byNamespace = new Map<string, BackupObject[]>();
  for (const object of objects) {
    const slash = object.key.indexOf('/');
    if (slash <= 0) continue;
    const namespace = object.key.slice(0, slash);
    if (!object.key.slice(slash + 1).startsWith(`${namespace}-`) || keyTimestamp(object.key) === undefined) continue;
    const list = byNamespace.get(namespace) ?? [];
    list.push(object);
    byNamespace.set(namespace, list);
  }
  const result: NamespaceBackups[] = [];
  for (const [namespace, list] of byNamespace) {
    // Keys sort by time because the stamp is fixed-width UTC (the job's retention relies on it too).
    let newest = list[0] as BackupObject;
    for (const object of list) if (object.key > newest.key) newest = object;
    result.push({
      namespace,
      count: list.length,
      newestKey: newest.key,
      newestAt: keyTimestamp(newest.key) ?? newest.lastModified,
      newestSize: newest.size,
      overRetention: retentionCount > 0 && list.length > retentionCount,
      newestEmpty: newest.size === 0,
    });
  }
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
}): SnapshotGap | undefined {
  const job = input.jobs.find((item) => item.state === 'succeeded' && item.finishedAt !== undefined);
  if (!job || job.startedAt === undefined || input.listedAt === undefined) return undefined;
  if (input.listedAt < (job.finishedAt as number)) return undefined;
  const since = job.startedAt - STAMP_SKEW_MS;
  const fresh = (name: string): boolean =>
    (input.perNamespace.find((item) => item.namespace === name)?.newestAt ?? 0) >= since;
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
