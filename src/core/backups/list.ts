import type {BackupRun, NamespaceRun} from './run-result.js';
import {type BackupObject, snapshotsByNamespace} from './snapshots.js';

/** What `backups list` shows: per namespace its snapshots, and what the last run said about it. */
export interface ListedSnapshot {
  readonly key: string;
  readonly at: number;
  readonly size: number;
  readonly ageMs: number;
}

export interface NamespaceListing {
  readonly namespace: string;
  readonly snapshots: readonly ListedSnapshot[];
  readonly newest?: ListedSnapshot;
  /** More snapshots than the retention keeps (the job's pruning is not running). */
  readonly overRetention: boolean;
  /** Live on turso-server (undefined when the admin API was not asked). */
  readonly live?: boolean;
  /** This namespace in the backup job's last run. */
  readonly lastRun?: NamespaceRun;
}

export interface BackupListing {
  readonly bucket: string;
  readonly retentionCount: number;
  readonly namespaces: readonly NamespaceListing[];
  /** Live namespaces with no snapshot in the bucket. */
  readonly withoutBackup: readonly string[];
  readonly lastRun?: BackupRun;
}

export function buildListing(input: {
  readonly bucket: string;
  readonly retentionCount: number;
  readonly objects: readonly BackupObject[];
  readonly liveNamespaces?: readonly string[];
  readonly lastRun?: BackupRun;
  /** Only this namespace. */
  readonly only?: string;
  readonly now: number;
}): BackupListing {
  const byNamespace = snapshotsByNamespace(input.objects);
  const live = input.liveNamespaces ? new Set(input.liveNamespaces) : undefined;
  const runs = new Map((input.lastRun?.namespaces ?? []).map((run) => [run.name, run]));
  const names = new Set([...byNamespace.keys(), ...(input.liveNamespaces ?? [])]);
  const namespaces: NamespaceListing[] = [];
  for (const namespace of [...names].sort()) {
    if (input.only !== undefined && namespace !== input.only) continue;
    const snapshots = (byNamespace.get(namespace) ?? []).map((snapshot) => ({
      key: snapshot.key,
      at: snapshot.at,
      size: snapshot.size,
      ageMs: Math.max(0, input.now - snapshot.at),
    }));
    const run = runs.get(namespace);
    namespaces.push({
      namespace,
      snapshots,
      ...(snapshots[0] ? {newest: snapshots[0]} : {}),
      overRetention: input.retentionCount > 0 && snapshots.length > input.retentionCount,
      ...(live ? {live: live.has(namespace)} : {}),
      ...(run ? {lastRun: run} : {}),
    });
  }
  return {
    bucket: input.bucket,
    retentionCount: input.retentionCount,
    namespaces,
    withoutBackup: namespaces.filter((item) => item.live && item.snapshots.length === 0).map((item) => item.namespace),
    ...(input.lastRun ? {lastRun: input.lastRun} : {}),
  };
}
