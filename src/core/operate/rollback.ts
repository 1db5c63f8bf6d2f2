import {classifyChanges} from '../upgrade/classify.js';
import {verdictOf} from '../upgrade/plan.js';
import type {KubeObject} from '../upgrade/manifest.js';
import type {HistoryEntry} from '../upgrade/recovery.js';
import type {PlannedChange, PreflightCheck, StorageClassFact} from '../upgrade/types.js';

/** Which revision a rollback goes to, or why it cannot. */
export type RollbackTarget =
  | {readonly ok: true; readonly current: HistoryEntry; readonly target: HistoryEntry}
  | {readonly ok: false; readonly message: string; readonly hint: string};

/** Newest first, as `history` prints it. */
export function sortedHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
  return [...history].sort((a, b) => b.revision - a.revision);
}

/**
 * Like `helm rollback REL [REVISION]`, except that without a revision it goes to the newest earlier
 * revision that was deployed successfully (helm takes the one right before, even a failed one).
 */
export function rollbackTarget(history: readonly HistoryEntry[], requested?: number): RollbackTarget {
  const sorted = sortedHistory(history);
  const current = sorted[0];
  if (!current) return {ok: false, message: 'The release has no history.', hint: 'Check --release and --namespace.'};
  const revisions = sorted.map((entry) => entry.revision).join(', ');
  if (requested === undefined) {
    const target = sorted.find(
      (entry) => entry.revision < current.revision && (entry.status === 'superseded' || entry.status === 'deployed'),
    );
    if (!target)
      return {
        ok: false,
        message: `Revision ${current.revision} is the only revision that ever deployed: there is nothing to roll back to.`,
        hint: `Revisions in the history: ${revisions}.`,
      };
    return {ok: true, current, target};
  }
  const target = sorted.find((entry) => entry.revision === requested);
  if (!target)
    return {
      ok: false,
      message: `Revision ${requested} is not in the history of this release.`,
      hint: `Revisions kept (helm keeps the last 10 by default): ${revisions}. Run 'buntime-deploy history' to see them.`,
    };
  return {ok: true, current, target};
}

/** Secrets the pods read, per env var: `StatefulSet/x RUNTIME_ROOT_KEY` → Secret name. */
function secretRefs(objects: readonly KubeObject[]): Map<string, string> {
  const refs = new Map<string, string>();
  for (const object of objects) {
    if (object.kind !== 'StatefulSet' && object.kind !== 'Deployment') continue;
    const template = (object.spec?.['template'] ?? {}) as {
      spec?: {containers?: Array<{env?: Array<{name: string; valueFrom?: {secretKeyRef?: {name?: string}}}>}>};
    };
    for (const container of template.spec?.containers ?? []) {
      for (const env of container.env ?? []) {
        const name = env.valueFrom?.secretKeyRef?.name;
        if (name) refs.set(`${object.kind}/${object.metadata.name} ${env.name}`, name);
      }
    }
  }
  return refs;
}

export interface RollbackPlanInput {
  readonly current: HistoryEntry;
  readonly target: HistoryEntry;
  /** Manifests of the current and the target revision (`helm get manifest [--revision]`). */
  readonly currentManifest: readonly KubeObject[];
  readonly targetManifest: readonly KubeObject[];
  /** Live PVCs and StatefulSets (server defaults filled in). */
  readonly storage: readonly KubeObject[];
  readonly fullname: string;
  readonly namespace: string;
  readonly storageClasses: readonly StorageClassFact[];
  /** The wizard-owned credentials Secret (not managed by helm). */
  readonly credentialsSecret: string;
}

export interface RollbackPlan {
  readonly from: number;
  readonly to: number;
  /** The same labelled diff as an upgrade: current → target revision. */
  readonly changes: readonly PlannedChange[];
  readonly checks: readonly PreflightCheck[];
  readonly blockers: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * What rolling back to `target` does to the live release, and whether it can work: immutable
 * fields (volumeClaimTemplates, PVC class/mode/size, selectors) block, data-deleting changes block,
 * and so does any switch of the Secret the pods read their credentials from (credentials are never
 * rolled back: they live in a Secret helm does not manage).
 */
export function planRollback(input: RollbackPlanInput): RollbackPlan {
  const changes = classifyChanges({
    live: {manifest: input.currentManifest, objects: input.storage},
    target: input.targetManifest,
    fullname: input.fullname,
    namespace: input.namespace,
    storageClasses: input.storageClasses,
  });
  const checks: PreflightCheck[] = [];
  const before = secretRefs(input.currentManifest);
  const after = secretRefs(input.targetManifest);
  const switched = [...before].filter(
    ([key, secret]) => secret === input.credentialsSecret && after.has(key) && after.get(key) !== secret,
  );
  if (switched.length > 0) {
    const [key, secret] = switched[0] as [string, string];
    checks.push({
      id: 'credentials-rollback',
      severity: 'error',
      message: `Revision ${input.target.revision} reads ${key.split(' ')[1]} from Secret ${after.get(key)}, not from ${secret}: rolling back would bring back older credentials.`,
      hint: `Credentials are never rolled back. Upgrade instead (buntime-deploy upgrade), which keeps Secret ${secret}.`,
    });
  }
  if (input.target.status === 'failed') {
    checks.push({
      id: 'target-failed',
      severity: 'warning',
      message: `Revision ${input.target.revision} failed when it was deployed (${input.target.description}).`,
      hint: 'Rolling back to it will probably fail the same way.',
    });
  }
  if (input.target.chart !== input.current.chart) {
    checks.push({
      id: 'chart-version',
      severity: 'info',
      message: `The chart goes back from ${input.current.chart} to ${input.target.chart}.`,
    });
  }
  checks.push({
    id: 'credentials-kept',
    severity: 'info',
    message: `Secret ${input.namespace}/${input.credentialsSecret} is not managed by helm: the rollback leaves the root key and tokens as they are.`,
  });
  const {blockers, warnings} = verdictOf(changes, checks);
  return {from: input.current.revision, to: input.target.revision, changes, checks, blockers, warnings};
}

/** The history as the table `helm history` prints (newest first). */
export function historyTable(history: readonly HistoryEntry[], current?: number): string[] {
  const rows = sortedHistory(history).map((entry) => [
    `${entry.revision}${entry.revision === current ? '*' : ''}`,
    entry.updated.replace(/\.\d+/, '').replace(/ [+-]\d{4} \w+$/, ''),
    entry.status,
    entry.chart,
    entry.app_version ?? '',
    entry.description,
  ]);
  const header = ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
