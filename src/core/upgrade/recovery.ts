import {commandLine, type HelmScope, rollbackArgs, uninstallArgs} from '../helm/command.js';

/** One row of `helm history -o json`. */
export interface HistoryEntry {
  readonly revision: number;
  readonly updated: string;
  readonly status: string;
  readonly chart: string;
  readonly app_version?: string;
  readonly description: string;
}

export type ReleaseHealth =
  | {readonly kind: 'none'}
  | {readonly kind: 'deployed'; readonly revision: number}
  | {readonly kind: 'failed'; readonly revision: number; readonly lastGood?: number; readonly description: string}
  | {
      readonly kind: 'pending';
      readonly status: string;
      readonly revision: number;
      readonly lastGood?: number;
      readonly description: string;
    }
  | {readonly kind: 'other'; readonly status: string; readonly revision: number};

/** A recovery the wizard can offer for a stuck release (always behind a confirmation). */
export interface RecoveryOffer {
  readonly action: 'rollback' | 'uninstall';
  /** For rollback: the revision to go back to. */
  readonly revision?: number;
  readonly explanation: string;
  /** The same step as a command the user could run themselves. */
  readonly command: string;
}

export function isPendingStatus(status: string): boolean {
  return status.startsWith('pending-');
}

/** Reads the release's state from its history (newest revision last or first, either works). */
export function releaseHealth(history: readonly HistoryEntry[]): ReleaseHealth {
  if (history.length === 0) return {kind: 'none'};
  const sorted = [...history].sort((a, b) => a.revision - b.revision);
  const latest = sorted[sorted.length - 1] as HistoryEntry;
  const good = sorted.filter(
    (entry) => entry.revision < latest.revision && (entry.status === 'deployed' || entry.status === 'superseded'),
  );
  const lastGood = good.length ? (good[good.length - 1] as HistoryEntry).revision : undefined;
  if (latest.status === 'deployed') return {kind: 'deployed', revision: latest.revision};
  if (latest.status === 'failed')
    return {kind: 'failed', revision: latest.revision, lastGood, description: latest.description};
  if (isPendingStatus(latest.status)) {
    return {
      kind: 'pending',
      status: latest.status,
      revision: latest.revision,
      lastGood,
      description: latest.description,
    };
  }
  return {kind: 'other', status: latest.status, revision: latest.revision};
}

/**
 * The safe way out of a stuck `pending-*` release (helm refuses every operation with "another
 * operation is in progress" until it is resolved): roll back to the last good revision, or, for a
 * first install that never finished, uninstall it. Data PVCs survive an uninstall: the shared ones
 * carry `helm.sh/resource-policy: keep` and per-pod ones are never deleted by helm.
 */
export function recoveryFor(
  health: ReleaseHealth,
  scope: HelmScope,
  helm: {readonly path: string; readonly timeout: string} = {path: 'helm', timeout: '10m'},
): RecoveryOffer | undefined {
  if (health.kind !== 'pending') return undefined;
  if (health.lastGood !== undefined) {
    return {
      action: 'rollback',
      revision: health.lastGood,
      explanation:
        `Revision ${health.revision} is stuck in ${health.status} (an earlier helm run was interrupted). ` +
        `Rolling back to revision ${health.lastGood}, the last one that deployed, unblocks the release.`,
      command: commandLine(helm.path, rollbackArgs(scope, health.lastGood, helm.timeout)),
    };
  }
  return {
    action: 'uninstall',
    explanation:
      `The first install (revision ${health.revision}) never finished (${health.status}). Uninstalling the release ` +
      'unblocks it; PVCs with data are kept, so a new install finds them again.',
    command: commandLine(helm.path, uninstallArgs(scope, helm.timeout)),
  };
}
