import {claimShape} from './classify-pvc.js';
import type {KubeObject} from './manifest.js';
import {getPath, type Values} from '../values/paths.js';
import type {PreflightCheck, StorageClassFact} from './types.js';

export interface PreflightInput {
  /** Full target values (chart defaults merged with the answers). */
  readonly target: Values;
  readonly fullname: string;
  readonly namespace: string;
  readonly cluster: {
    readonly readyNodes: number;
    readonly storageClasses: readonly StorageClassFact[];
  };
  /** Present for upgrades. */
  readonly live?: {
    /** All values of the deployed revision (`helm get values -a`). */
    readonly values: Values;
    /** Live PVCs of the release. */
    readonly objects: readonly KubeObject[];
  };
  /** Generated credentials that already exist in the credentials Secret (kept), by name. */
  readonly existingCredentials: readonly string[];
  /** Render-only: generated secrets go to this 0600 file instead of the credentials Secret. */
  readonly secretsFile?: string;
}

const SHARED = [
  {path: 'persistence.plugins', label: '/data/plugins', suffix: 'plugins'},
  {path: 'persistence.apps', label: '/data/apps', suffix: 'apps'},
] as const;

/** How many runtime pods the target can run at once. */
export function targetReplicas(values: Values): number {
  if (getPath(values, 'autoscaling.enabled') === true) return Number(getPath(values, 'autoscaling.maxReplicas') ?? 1);
  return Number(getPath(values, 'replicaCount') ?? 1);
}

function str(values: Values, path: string): string {
  const value = getPath(values, path);
  return typeof value === 'string' ? value : '';
}

function migrationChecks(input: PreflightInput, replicas: number): PreflightCheck[] {
  if (!input.live) return [];
  const checks: PreflightCheck[] = [];
  for (const shared of SHARED) {
    const claimName = `${input.fullname}-${shared.suffix}`;
    const live = input.live.objects.find(
      (object) => object.kind === 'PersistentVolumeClaim' && object.metadata.name === claimName,
    );
    if (!live) continue;
    const liveMode = claimShape(live).accessModes[0];
    const wanted = str(input.target, `${shared.path}.accessMode`) || 'ReadWriteOnce';
    if (!liveMode || liveMode === wanted) continue;
    const needsRwx = replicas > 1 && input.cluster.readyNodes > 1 && wanted === 'ReadWriteMany';
    checks.push({
      id: 'pvc-access-mode',
      severity: 'error',
      message: `${shared.label}: the live PVC ${claimName} is ${liveMode}; its access mode cannot change in place (target ${wanted}).`,
      hint: needsRwx
        ? `Moving to ${wanted} means a new PVC and a copy of the data: back up ${shared.label} (kubectl cp from a pod), ` +
          `scale the StatefulSet to 0, delete PVC ${claimName}, run the upgrade (it creates the ${wanted} claim), then copy the data back.`
        : `Keep ${shared.path}.accessMode=${liveMode} (the wizard can do that for you).`,
      fixes: needsRwx ? undefined : [{path: `${shared.path}.accessMode`, value: liveMode}],
    });
  }
  return checks;
}

function journeyChecks(input: PreflightInput, replicas: number): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  const turso = getPath(input.target, 'tursoServer.enabled') === true;
  if (replicas > 1) {
    if (replicas > input.cluster.readyNodes && input.cluster.readyNodes > 0) {
      checks.push({
        id: 'node-count',
        severity: 'info',
        message: `${replicas} pods on ${input.cluster.readyNodes} Ready node(s): some pods share a node.`,
      });
    }
  }
  if (turso) {
    const kept = ['tursoAuthToken', 'tursoAdminToken'].every((name) => input.existingCredentials.includes(name));
    checks.push({
      id: 'turso-tokens',
      severity: 'info',
      message: input.secretsFile
        ? `turso-server tokens: generated now and written only to ${input.secretsFile} (mode 0600), never to the values.`
        : kept
          ? 'turso-server tokens: kept from the credentials Secret (not regenerated).'
          : 'turso-server tokens: generated now and stored only in the credentials Secret.',
    });
  }
  const liveMode = input.live ? str(input.live.values, 'buntime.authDb.mode') || 'local' : '';
  if (input.live && liveMode === 'local' && str(input.target, 'buntime.authDb.mode') === 'sync') {
    checks.push({
      id: 'api-keys-reset',
      severity: 'warning',
      message: "API keys created so far live in each pod's local api-keys.db and cannot move into the sync namespace.",
      hint: 'After the upgrade, sign in to the cpanel with the root key and re-create the API keys.',
    });
  }
  if (
    input.live &&
    getPath(input.live.values, 'tursoServer.enabled') === true &&
    getPath(input.live.values, 'tursoServer.backup.enabled') === true
  ) {
    checks.push({
      id: 'backup-first',
      severity: 'warning',
      message: 'This release has backups: take one now, before the upgrade changes anything.',
      hint: 'The wizard runs a Job from the backup CronJob and waits for it.',
      action: 'backup-first',
    });
  }
  return checks;
}

/**
 * Checks run before helm that need the LIVE release or the credentials Secret, aimed at the
 * multi-pod journey: live claims whose access mode cannot change (and the data-migration path),
 * tokens kept or generated, API keys that do not survive local → sync, and a backup before risky
 * steps. Value-only checks (RWX for several pods, sync setup, storage classes) are core's rules.
 */
export function preflightChecks(input: PreflightInput): PreflightCheck[] {
  const replicas = targetReplicas(input.target);
  return [...migrationChecks(input, replicas), ...journeyChecks(input, replicas)];
}
