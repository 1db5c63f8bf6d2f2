import {formatStamp, pickSnapshot, type Snapshot, snapshotsByNamespace, type BackupObject} from './snapshots.js';

/**
 * The live restore, planned from what the cluster and the bucket hold (pure: the adapters read, the
 * service runs the steps). Disaster recovery for turso-server's namespaces:
 *
 *   1. a fresh backup of the current state, when turso-server is up;
 *   2. the runtime and turso-server StatefulSets scaled to 0 (no pod may write to or sync with a
 *      namespace while it is replaced);
 *   3. turso-server's claim created again if it was lost;
 *   4. the restore Job: files/turso-restore.sh from the backup ConfigMap, `fetch` in the backup
 *      image, then `apply` in the turso-server image, which replays each snapshot into an empty
 *      database through tursodb --sync-server (the only form fresh sync clients can read, see the
 *      script) — all namespaces or none;
 *   5. the sync-state reset: the restored namespaces' replica files removed from the runtime pods'
 *      claims (/data/state/api-keys.db* when the auth DB syncs; /data/turso/<ns>.db* with a
 *      per-pod turso claim), since an old replica keeps its pre-restore view;
 *   6. turso-server scaled back and Ready; every restored namespace checked through the data port
 *      against the row counts the Job replayed;
 *   7. the runtime scaled back: its pods bootstrap their replicas afresh.
 */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef: {readonly name: string; readonly key: string; readonly optional?: boolean};
  };
}

export interface RuntimeClaim {
  readonly name: string;
  readonly ordinal: number;
  /** The volumeClaimTemplate: `state` (/data/state) or `turso` (/data/turso). */
  readonly template: 'state' | 'turso';
}

/** What the plan needs to know about the release, read from its live objects. */
export interface RestoreTargets {
  readonly release: string;
  readonly namespace: string;
  readonly fullname: string;
  readonly turso: {
    readonly statefulSet: string;
    /** spec.replicas now (1, or 0 when a previous restore stopped half-way). */
    readonly replicas: number;
    readonly readyReplicas: number;
    readonly image: string;
    readonly imagePullSecrets: readonly string[];
    readonly claim: string;
    readonly claimExists: boolean;
    readonly claimSpec: {
      readonly size: string;
      readonly storageClassName?: string;
      readonly accessModes: readonly string[];
    };
    readonly dataPort: number;
    /** TURSO_AUTH_TOKEN's Secret, when the data port needs a token. */
    readonly dataToken?: {readonly name: string; readonly key: string};
  };
  readonly backup: {
    readonly cronJob: string;
    /** The ConfigMap holding backup.sh and restore.sh. */
    readonly configMap: string;
    readonly image: string;
    /** S3_* env of the CronJob's container (Secret references, never values). */
    readonly s3Env: readonly EnvVar[];
    /** No backup CronJob (and so no ConfigMap with restore.sh): a by-hand restore creates one. */
    readonly scriptFromChart?: boolean;
  };
  readonly runtime?: {
    readonly statefulSet: string;
    readonly replicas: number;
    /** The runtime pods' per-pod claims that exist now. */
    readonly claims: readonly RuntimeClaim[];
    /** Where plugin-turso keeps replicas: dirname(TURSO_LOCAL_PATH), /data/turso by default. */
    readonly tursoDir: string;
    /** RUNTIME_AUTH_DB_MODE=sync: the api-keys replica is /data/state/api-keys.db. */
    readonly authDbSync: boolean;
  };
}

export interface LiveNamespace {
  readonly name: string;
  readonly sizeBytes?: number;
}

export interface PlanStep {
  readonly id:
    | 'backup'
    | 'scale-down'
    | 'claim'
    | 'restore-job'
    | 'reset-replicas'
    | 'scale-up-turso'
    | 'verify'
    | 'scale-up-runtime';
  readonly title: string;
  readonly details: readonly string[];
}

export interface RestoreChange {
  readonly namespace: string;
  readonly snapshot: Snapshot;
  /** On turso-server now: its database is replaced (and archived on the volume). */
  readonly replaces: boolean;
  readonly liveSizeBytes?: number;
}

/** A Kubernetes object as plain data (core has no client-node types). */
export type Manifest = Record<string, unknown>;

export interface RestorePlan {
  readonly targets: RestoreTargets;
  readonly at?: number;
  readonly changes: readonly RestoreChange[];
  /** Live namespaces left as they are. */
  readonly untouched: readonly string[];
  readonly freshBackup: boolean;
  readonly steps: readonly PlanStep[];
  readonly job: Manifest;
  readonly claim?: Manifest;
  readonly resetJobs: readonly Manifest[];
  readonly warnings: readonly string[];
}

export type PlanOutcome =
  | {readonly ok: true; readonly plan: RestorePlan}
  | {readonly ok: false; readonly problems: readonly string[]};

const MANAGED = 'buntime-deploy';

function labels(targets: RestoreTargets, component: string): Record<string, string> {
  return {
    app: 'buntime',
    'app.kubernetes.io/name': 'buntime',
    'app.kubernetes.io/instance': targets.release,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': MANAGED,
  };
}

/** `<fullname>-<suffix>` cut to a valid 63-character name. */
function objectName(fullname: string, suffix: string): string {
  return `${fullname.slice(0, 62 - suffix.length).replace(/-+$/, '')}-${suffix}`;
}

const DATA_DIR = '/var/lib/turso';
const STAGE_DIR = '/restore';
/** The turso user of the turso-server image (facts §1.10). */
export const TURSO_UID = 9000;

function restoreJob(targets: RestoreTargets, snapshots: readonly Snapshot[], name: string): Manifest {
  const volumeMounts = (dataReadOnly: boolean) => [
    {name: 'script', mountPath: '/scripts', readOnly: true},
    {name: 'data', mountPath: DATA_DIR, ...(dataReadOnly ? {readOnly: true} : {})},
    {name: 'stage', mountPath: STAGE_DIR},
  ];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: targets.namespace,
      labels: labels(targets, 'turso-restore'),
      annotations: {'buntime-deploy/snapshots': snapshots.map((snapshot) => snapshot.key).join(' ')},
    },
    spec: {
      // All or nothing, once: a second attempt after a failure needs a person to look first.
      backoffLimit: 0,
      activeDeadlineSeconds: 3600,
      template: {
        metadata: {labels: labels(targets, 'turso-restore')},
        spec: {
          restartPolicy: 'Never',
          enableServiceLinks: false,
          ...(targets.turso.imagePullSecrets.length
            ? {imagePullSecrets: targets.turso.imagePullSecrets.map((secret) => ({name: secret}))}
            : {}),
          initContainers: [
            {
              name: 'fetch',
              image: targets.backup.image,
              command: ['/bin/sh', '/scripts/restore.sh', 'fetch'],
              env: [
                ...targets.backup.s3Env,
                {name: 'RESTORE_KEYS', value: snapshots.map((snapshot) => snapshot.key).join(' ')},
                {name: 'DATA_DIR', value: DATA_DIR},
                {name: 'STAGE_DIR', value: STAGE_DIR},
                {name: 'TMPDIR', value: STAGE_DIR},
              ],
              volumeMounts: volumeMounts(true),
            },
          ],
          containers: [
            {
              name: 'apply',
              image: targets.turso.image,
              command: ['/bin/bash', '/scripts/restore.sh', 'apply'],
              env: [
                {name: 'DATA_DIR', value: DATA_DIR},
                {name: 'STAGE_DIR', value: STAGE_DIR},
                {name: 'RESTORE_UID', value: String(TURSO_UID)},
                {name: 'RESTORE_GID', value: String(TURSO_UID)},
                {name: 'TURSODB', value: '/usr/local/bin/tursodb'},
              ],
              // Root, so it can chown a fresh volume (files land as root:root) to the turso user.
              securityContext: {runAsUser: 0, runAsGroup: 0},
              volumeMounts: volumeMounts(false),
            },
          ],
          volumes: [
            {name: 'script', configMap: {name: targets.backup.configMap}},
            {name: 'data', persistentVolumeClaim: {claimName: targets.turso.claim}},
            {name: 'stage', emptyDir: {}},
          ],
        },
      },
    },
  };
}

function tursoClaim(targets: RestoreTargets): Manifest {
  const {claimSpec} = targets.turso;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: targets.turso.claim,
      namespace: targets.namespace,
      // The labels the StatefulSet's template gives its claims, so the release's selectors find it.
      labels: {
        'app.kubernetes.io/name': 'buntime',
        'app.kubernetes.io/instance': targets.release,
        'app.kubernetes.io/component': 'turso-server',
      },
    },
    spec: {
      accessModes: [...claimSpec.accessModes],
      resources: {requests: {storage: claimSpec.size}},
      ...(claimSpec.storageClassName ? {storageClassName: claimSpec.storageClassName} : {}),
    },
  };
}

/** The replica files of the restored namespaces on one runtime pod's claims. */
export function replicaFiles(
  runtime: NonNullable<RestoreTargets['runtime']>,
  claims: readonly RuntimeClaim[],
  namespaces: readonly string[],
): string[] {
  const files: string[] = [];
  const has = (template: RuntimeClaim['template']): boolean => claims.some((claim) => claim.template === template);
  if (runtime.authDbSync && has('state') && namespaces.includes('api-keys'))
    files.push('/data/state/api-keys.db', '/data/state/api-keys.db-*');
  if (has('turso') && runtime.tursoDir.startsWith('/data/turso')) {
    for (const namespace of namespaces)
      files.push(`${runtime.tursoDir}/${namespace}.db`, `${runtime.tursoDir}/${namespace}.db-*`);
  }
  return files;
}

function resetJob(
  targets: RestoreTargets,
  ordinal: number,
  claims: readonly RuntimeClaim[],
  files: readonly string[],
  name: string,
): Manifest {
  const mounts = claims.map((claim) => ({name: claim.template, mountPath: `/data/${claim.template}`}));
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: targets.namespace,
      labels: labels(targets, 'replica-reset'),
      annotations: {'buntime-deploy/pod': `${targets.runtime?.statefulSet}-${ordinal}`},
    },
    spec: {
      backoffLimit: 2,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: {labels: labels(targets, 'replica-reset')},
        spec: {
          restartPolicy: 'Never',
          enableServiceLinks: false,
          containers: [
            {
              name: 'reset',
              image: targets.backup.image,
              // Names are [a-z0-9_-] (checked when planning): nothing here needs quoting.
              command: ['/bin/sh', '-c', `rm -fv ${files.join(' ')}`],
              volumeMounts: mounts,
            },
          ],
          volumes: claims.map((claim) => ({name: claim.template, persistentVolumeClaim: {claimName: claim.name}})),
        },
      },
    },
  };
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Plans a restore of `namespaces` (every namespace with a snapshot when empty) as of `at`. */
export function planRestore(input: {
  readonly targets: RestoreTargets;
  readonly objects: readonly BackupObject[];
  readonly namespaces: readonly string[];
  readonly at?: number;
  /** turso-server's namespaces now, when its admin API answered. */
  readonly live?: readonly LiveNamespace[];
  readonly now: number;
}): PlanOutcome {
  const {targets} = input;
  const problems: string[] = [];
  const byNamespace = snapshotsByNamespace(input.objects);
  const requested = input.namespaces.length > 0 ? [...new Set(input.namespaces)] : [...byNamespace.keys()].sort();
  if (requested.length === 0) problems.push('The bucket holds no snapshot of any namespace.');
  const snapshots: Snapshot[] = [];
  for (const namespace of requested) {
    if (!NAME.test(namespace)) {
      problems.push(`'${namespace}' is not a turso-server namespace name (^[a-z0-9][a-z0-9_-]{0,62}$).`);
      continue;
    }
    const list = byNamespace.get(namespace) ?? [];
    const snapshot = pickSnapshot(list, input.at);
    if (snapshot) snapshots.push(snapshot);
    else if (list.length === 0) problems.push(`No snapshot of namespace '${namespace}' in the bucket.`);
    else
      problems.push(
        `No snapshot of namespace '${namespace}' at or before ${new Date(input.at ?? 0).toISOString()} (the oldest is ${new Date((list.at(-1) as Snapshot).at).toISOString()}).`,
      );
  }
  const empty = snapshots.filter((snapshot) => snapshot.size === 0);
  for (const snapshot of empty) problems.push(`Snapshot ${snapshot.key} is empty (0 bytes): pick another with --at.`);
  if (problems.length > 0) return {ok: false, problems};

  const live = new Map((input.live ?? []).map((item) => [item.name, item]));
  const changes: RestoreChange[] = snapshots.map((snapshot) => {
    const current = live.get(snapshot.namespace);
    return {
      namespace: snapshot.namespace,
      snapshot,
      replaces: current !== undefined || (input.live === undefined && targets.turso.claimExists),
      ...(current?.sizeBytes !== undefined ? {liveSizeBytes: current.sizeBytes} : {}),
    };
  });
  const restored = new Set(snapshots.map((snapshot) => snapshot.namespace));
  const untouched = [...live.keys()].filter((name) => !restored.has(name)).sort();
  const stamp = formatStamp(input.now).toLowerCase();
  const jobName = objectName(targets.fullname, `turso-restore-${stamp}`);
  const freshBackup = targets.turso.readyReplicas > 0 && input.live !== undefined;
  const runtime = targets.runtime;
  const warnings: string[] = [];
  if (targets.turso.readyReplicas > 0 && input.live === undefined)
    warnings.push('turso-server runs but its admin API did not answer: no fresh backup of the current state is taken.');
  if (targets.turso.readyReplicas === 0)
    warnings.push('turso-server is not running: there is no current state to back up first.');

  const resetJobs: Manifest[] = [];
  const resetDetails: string[] = [];
  if (runtime) {
    const ordinals = [...new Set(runtime.claims.map((claim) => claim.ordinal))].sort((a, b) => a - b);
    for (const ordinal of ordinals) {
      const claims = runtime.claims.filter((claim) => claim.ordinal === ordinal);
      const files = replicaFiles(runtime, claims, [...restored]);
      if (files.length === 0) continue;
      resetJobs.push(
        resetJob(targets, ordinal, claims, files, objectName(targets.fullname, `replica-reset-${ordinal}-${stamp}`)),
      );
      resetDetails.push(
        `${runtime.statefulSet}-${ordinal} (${claims.map((claim) => claim.name).join(', ')}): ${files.join(' ')}`,
      );
    }
  }

  const tursoSet = targets.turso.statefulSet;
  const steps: PlanStep[] = [];
  if (freshBackup) {
    steps.push({
      id: 'backup',
      title: 'Back up the current state first',
      details: [
        `a Job from CronJob ${targets.backup.cronJob}; then check that a new snapshot of every live namespace reached the bucket`,
      ],
    });
  }
  steps.push({
    id: 'scale-down',
    title: 'Stop every pod that reads or writes the namespaces',
    details: [
      ...(runtime
        ? [`scale StatefulSet ${runtime.statefulSet} from ${runtime.replicas} to 0 (the runtime pods restart)`]
        : []),
      `scale StatefulSet ${tursoSet} from ${targets.turso.replicas} to 0`,
    ],
  });
  if (!targets.turso.claimExists) {
    steps.push({
      id: 'claim',
      title: `Create turso-server's volume again: PVC ${targets.turso.claim}`,
      details: [
        `${targets.turso.claimSpec.size}, ${targets.turso.claimSpec.accessModes.join(',')}${targets.turso.claimSpec.storageClassName ? `, class ${targets.turso.claimSpec.storageClassName}` : ', default class'}`,
      ],
    });
  }
  steps.push({
    id: 'restore-job',
    title: `Run the restore Job ${jobName}`,
    details: [
      `fetch (${targets.backup.image}): ${snapshots.map((snapshot) => snapshot.key).join(', ')}`,
      `apply (${targets.turso.image}): replay each snapshot into an empty database through tursodb --sync-server, check its row counts; all namespaces or none`,
      `on PVC ${targets.turso.claim}: replaced files go to ${DATA_DIR}/archive/<ns>.<time>/; files owned by ${TURSO_UID}:${TURSO_UID}`,
    ],
  });
  if (resetJobs.length > 0) {
    steps.push({
      id: 'reset-replicas',
      title: 'Reset the runtime pods’ sync state (their replicas bootstrap afresh)',
      details: resetDetails,
    });
  }
  steps.push({id: 'scale-up-turso', title: `Scale ${tursoSet} back to 1 and wait until it is Ready`, details: []});
  steps.push({
    id: 'verify',
    title: 'Check every restored namespace through the data port',
    details: ['it answers, and each table holds the row count the Job replayed'],
  });
  if (runtime && runtime.replicas > 0) {
    steps.push({
      id: 'scale-up-runtime',
      title: `Scale ${runtime.statefulSet} back to ${runtime.replicas} and wait until it is Ready`,
      details: runtime.claims.some((claim) => claim.template === 'turso')
        ? []
        : ['/data/turso is an emptyDir: the new pods start with fresh replicas'],
    });
  }
  if (untouched.length > 0)
    warnings.push(`Not restored, kept as they are: ${untouched.join(', ')} (the runtime pods restart anyway).`);

  return {
    ok: true,
    plan: {
      targets,
      ...(input.at !== undefined ? {at: input.at} : {}),
      changes,
      untouched,
      freshBackup,
      steps,
      job: restoreJob(targets, snapshots, jobName),
      ...(targets.turso.claimExists ? {} : {claim: tursoClaim(targets)}),
      resetJobs,
      warnings,
    },
  };
}

export const RESTORE_RESULT_PREFIX = 'turso-restore-result: ';

export interface RestoreResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly namespaces: readonly {
    readonly namespace: string;
    readonly key: string;
    readonly tables: Readonly<Record<string, number>>;
  }[];
}

/** The apply phase's result line in the Job's log. */
export function restoreResultFromLog(log: string): RestoreResult | undefined {
  const line = log
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith(RESTORE_RESULT_PREFIX));
  if (!line) return undefined;
  try {
    const value = JSON.parse(line.slice(RESTORE_RESULT_PREFIX.length)) as Record<string, unknown>;
    if (typeof value['ok'] !== 'boolean') return undefined;
    const namespaces = Array.isArray(value['namespaces'])
      ? value['namespaces'].flatMap((item: Record<string, unknown>) => {
          const tables = item['tables'];
          if (typeof item['namespace'] !== 'string' || typeof tables !== 'object' || tables === null) return [];
          const counts = Object.fromEntries(
            Object.entries(tables as Record<string, unknown>).filter(
              (entry): entry is [string, number] => typeof entry[1] === 'number',
            ),
          );
          return [
            {namespace: item['namespace'], key: typeof item['key'] === 'string' ? item['key'] : '', tables: counts},
          ];
        })
      : [];
    return {
      ok: value['ok'],
      ...(typeof value['error'] === 'string' ? {error: value['error']} : {}),
      namespaces,
    };
  } catch {
    return undefined;
  }
}
