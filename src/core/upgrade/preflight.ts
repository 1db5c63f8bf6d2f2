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

function resolveClass(name: string, classes: readonly StorageClassFact[]): StorageClassFact | undefined {
  return name ? classes.find((sc) => sc.name === name) : classes.find((sc) => sc.isDefault);
}

function rwxClassList(classes: readonly StorageClassFact[]): string {
  const rwx = classes.filter((sc) => sc.rwx === 'yes').map((sc) => sc.name);
  return rwx.length ? `RWX-capable classes here: ${rwx.join(', ')}.` : 'No StorageClass here is known to support ReadWriteMany (nfs, cephfs, longhorn, efs, azurefile…).';
}

function storageChecks(input: PreflightInput, replicas: number): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  const {storageClasses, readyNodes} = input.cluster;
  const paths = [...SHARED.map((entry) => entry.path), 'persistence.state', 'persistence.turso', 'tursoServer.persistence'];
  for (const path of paths) {
    const name = str(input.target, `${path}.storageClass`);
    if (name && !storageClasses.some((sc) => sc.name === name)) {
      checks.push({
        id: 'storage-class-exists',
        severity: 'error',
        message: `${path}.storageClass: StorageClass '${name}' does not exist in this cluster.`,
        hint: `Pick one of: ${storageClasses.map((sc) => sc.name).join(', ') || '(none)'}.`,
      });
    }
  }
  if (!storageClasses.some((sc) => sc.isDefault) && paths.some((path) => str(input.target, `${path}.storageClass`) === '')) {
    checks.push({
      id: 'default-storage-class',
      severity: 'error',
      message: 'The cluster has no default StorageClass and some volumes name none: their PVCs would stay Pending.',
      hint: 'Choose a StorageClass for every volume, or mark one as default.',
    });
  }
  for (const shared of SHARED) {
    const mode = str(input.target, `${shared.path}.accessMode`) || 'ReadWriteOnce';
    const storageClass = resolveClass(str(input.target, `${shared.path}.storageClass`), storageClasses);
    if (mode === 'ReadWriteMany' && storageClass) {
      if (storageClass.rwx === 'no') {
        checks.push({
          id: 'rwx-capable-class',
          severity: 'error',
          message: `${shared.label}: StorageClass ${storageClass.name} (${storageClass.provisioner}) cannot provide ReadWriteMany; the PVC would stay Pending.`,
          hint: rwxClassList(storageClasses),
        });
      } else if (storageClass.rwx === 'unknown') {
        checks.push({
          id: 'rwx-capable-class',
          severity: 'warning',
          message: `${shared.label}: not known whether ${storageClass.name} (${storageClass.provisioner}) supports ReadWriteMany.`,
          hint: 'If it does not, the PVC stays Pending and the install times out.',
        });
      }
    }
    if (replicas > 1 && mode !== 'ReadWriteMany') {
      checks.push(
        readyNodes <= 1
          ? {
              id: 'rwx-shared-volumes',
              severity: 'info',
              message: `${shared.label} is ReadWriteOnce: fine on this single-node cluster (every pod runs on the same node).`,
              hint: 'Adding nodes later needs ReadWriteMany for this volume.',
            }
          : {
              id: 'rwx-shared-volumes',
              severity: 'error',
              message: `${replicas} pods on ${readyNodes} nodes need ${shared.label} as ReadWriteMany; ReadWriteOnce mounts on one node only.`,
              hint: `Set ${shared.path}.accessMode=ReadWriteMany on an RWX class. ${rwxClassList(storageClasses)}`,
            },
      );
    }
  }
  return checks;
}

function migrationChecks(input: PreflightInput, replicas: number): PreflightCheck[] {
  if (!input.live) return [];
  const checks: PreflightCheck[] = [];
  for (const shared of SHARED) {
    const claimName = `${input.fullname}-${shared.suffix}`;
    const live = input.live.objects.find((object) => object.kind === 'PersistentVolumeClaim' && object.metadata.name === claimName);
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

function syncChecks(input: PreflightInput, replicas: number): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  const turso = getPath(input.target, 'tursoServer.enabled') === true;
  if (replicas > 1) {
    const fixes = [
      ...(turso ? [] : [{path: 'tursoServer.enabled', value: true}]),
      ...(str(input.target, 'buntime.authDb.mode') === 'sync' ? [] : [{path: 'buntime.authDb.mode', value: 'sync'}]),
      ...(str(input.target, 'plugins.turso.mode') === 'sync' ? [] : [{path: 'plugins.turso.mode', value: 'sync'}]),
    ];
    if (fixes.length > 0) {
      checks.push({
        id: 'multi-pod-sync',
        severity: 'error',
        message: `${replicas} runtime pods need the in-cluster turso-server and sync modes: each pod keeps a local replica and writes go to one server.`,
        hint: `Set ${fixes.map((fix) => `${fix.path}=${String(fix.value)}`).join(', ')}.`,
        fixes,
      });
    }
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
      message: kept
        ? 'turso-server tokens: kept from the credentials Secret (not regenerated).'
        : 'turso-server tokens: generated now and stored only in the credentials Secret.',
    });
  }
  const liveMode = input.live ? str(input.live.values, 'buntime.authDb.mode') || 'local' : '';
  if (input.live && liveMode === 'local' && str(input.target, 'buntime.authDb.mode') === 'sync') {
    checks.push({
      id: 'api-keys-reset',
      severity: 'warning',
      message: 'API keys created so far live in each pod\'s local api-keys.db and cannot move into the sync namespace.',
      hint: 'After the upgrade, sign in to the cpanel with the root key and re-create the API keys.',
    });
  }
  if (input.live && getPath(input.live.values, 'tursoServer.enabled') === true && getPath(input.live.values, 'tursoServer.backup.enabled') === true) {
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
 * Checks run before helm for an install or upgrade, aimed at the multi-pod journey: shared volumes
 * that every pod can mount, storage classes that exist and can do what is asked, live claims whose
 * access mode cannot change, the sync setup, tokens and a backup before risky steps.
 */
export function preflightChecks(input: PreflightInput): PreflightCheck[] {
  const replicas = targetReplicas(input.target);
  return [...storageChecks(input, replicas), ...migrationChecks(input, replicas), ...syncChecks(input, replicas)];
}
