/**
 * Cross-field rules the chart enforces itself, written once as data. The CLI's rules (scaling.ts,
 * sync.ts, turso.ts, storage-file.ts) evaluate these checks; `npm run generate:chart` compiles the
 * error checks into charts/buntime/templates/_rules.tpl, so `helm install`, Rancher and the wizard
 * refuse the same combinations with the same rule id, value paths and fix. Checks that need more
 * than the values (URL shapes, cron parsing, storage class capabilities) stay in the rule files.
 *
 * Messages and hints use `{value.path}` and `{@phrase}` (see when.ts) and must not contain `{{`.
 */
import {MANDATORY_VOLUMES} from '../chart-rules/catalogue.js';
import type {Finding, Severity} from '../findings.js';
import type {Values} from '../values/paths.js';
import type {RuleContext} from './types.js';
import {type Phrase, type When, fill, holds} from './when.js';

export interface ChartCheck {
  readonly rule: string;
  /** Warnings are the CLI's alone: a chart cannot warn, only refuse. */
  readonly severity: Severity;
  readonly when: When;
  /** The value path to change. */
  readonly path: string;
  readonly message: string;
  readonly hint: string;
  /**
   * Allowed while the cluster has one Ready node: the CLI warns with this text instead, and the
   * chart skips the check when it can list the nodes and finds one (with `helm template` it cannot).
   */
  readonly singleNode?: {readonly message: string; readonly hint: string};
  /** A bad combination (over the chart defaults) that trips this check: the table tests render it. */
  readonly example: Values;
}

/** More than one runtime pod: replicaCount > 1, or autoscaling (which may scale past one). */
export const MULTI_POD: When = {
  any: [{above: 'replicaCount', than: 1, unset: 1}, {flag: 'autoscaling.enabled'}],
};

const SERVER: When = {flag: 'tursoServer.enabled'};
const BACKUP: When = {flag: 'tursoServer.backup.enabled'};
const not = (when: When): When => ({not: when});
const empty = (path: string): When => ({not: {set: path}});

export const PHRASES: Readonly<Record<string, Phrase>> = {
  pods: [
    {when: {flag: 'autoscaling.enabled'}, text: 'autoscaling (up to {autoscaling.maxReplicas} pods)'},
    {text: 'replicaCount {replicaCount}'},
  ],
};

/** Volumes every runtime pod mounts from one PVC (/data/plugins, /data/apps). */
const SHARED = MANDATORY_VOLUMES.filter((volume) => volume.source === 'shared');

const MULTI_POD_SYNC: Values = {
  replicaCount: 3,
  buntime: {authDb: {mode: 'sync'}},
  plugins: {turso: {mode: 'sync'}},
  persistence: {plugins: {accessMode: 'ReadWriteMany'}, apps: {accessMode: 'ReadWriteMany'}},
  tursoServer: {enabled: true, authToken: 'a', adminToken: 'b'},
};
const WITH_BACKUP: Values = {
  tursoServer: {
    enabled: true,
    authToken: 'a',
    adminToken: 'b',
    backup: {
      enabled: true,
      s3: {endpoint: 'http://minio:9000', bucket: 'turso-backups', accessKeyId: 'k', secretAccessKey: 's'},
    },
  },
};
/** `base` with `patch` applied (a small deep merge for examples). */
function withValues(base: Values, patch: Values): Values {
  const out: Values = {...base};
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current
        ? withValues(current as Values, value as Values)
        : value;
  }
  return out;
}

const GENERATE_HINT =
  'Let the wizard generate it, put a random value (openssl rand -hex 32) in a 0600 values file, or name a Secret in tursoServer.existingSecret; never on the command line.';

export const CHART_CHECKS: readonly ChartCheck[] = [
  ...SHARED.map(
    (volume): ChartCheck => ({
      rule: 'replicas.rwx',
      severity: 'error',
      when: {all: [MULTI_POD, not({is: `${volume.valuesPath}.accessMode`, value: 'ReadWriteMany'})]},
      path: `${volume.valuesPath}.accessMode`,
      message: `{@pods} needs ${volume.valuesPath}.accessMode=ReadWriteMany: every pod mounts ${volume.mountPath}`,
      hint: `Set ${volume.valuesPath}.accessMode=ReadWriteMany and ${volume.valuesPath}.storageClass to an RWX class (NFS, CephFS, Longhorn, EFS, Azure Files…), or run one replica. A single-node cluster may keep ReadWriteOnce.`,
      singleNode: {
        message: `{@pods} with a ReadWriteOnce ${volume.name} volume works only while the cluster has a single node`,
        hint: `All pods share the node's volume now; before adding a node, switch ${volume.valuesPath}.accessMode to ReadWriteMany on an RWX storage class.`,
      },
      example: withValues(MULTI_POD_SYNC, {
        persistence: {[volume.name]: {accessMode: 'ReadWriteOnce'}},
      }),
    }),
  ),
  {
    rule: 'replicas.sync',
    severity: 'error',
    when: {
      all: [MULTI_POD, not(SERVER), {any: [empty('buntime.authDb.syncUrl'), empty('plugins.turso.sync.url')]}],
    },
    path: 'tursoServer.enabled',
    message: '{@pods} needs a sync server: pods must not each keep their own database',
    hint: 'Set tursoServer.enabled=true (with tokens) — or, for an external Turso, both buntime.authDb.syncUrl and plugins.turso.sync.url.',
    example: withValues(MULTI_POD_SYNC, {tursoServer: {enabled: false}}),
  },
  {
    rule: 'replicas.sync',
    severity: 'error',
    when: {all: [MULTI_POD, not({is: 'buntime.authDb.mode', value: 'sync'})]},
    path: 'buntime.authDb.mode',
    message: '{@pods} needs buntime.authDb.mode=sync, or API keys created on one pod are unknown to the others',
    hint: 'Set buntime.authDb.mode=sync.',
    example: withValues(MULTI_POD_SYNC, {buntime: {authDb: {mode: 'local'}}}),
  },
  {
    rule: 'replicas.sync',
    severity: 'error',
    when: {all: [MULTI_POD, not({is: 'plugins.turso.mode', value: 'sync'})]},
    path: 'plugins.turso.mode',
    message: '{@pods} needs plugins.turso.mode=sync, or each pod writes its own copy of every database',
    hint: 'Set plugins.turso.mode=sync.',
    example: withValues(MULTI_POD_SYNC, {plugins: {turso: {mode: 'local'}}}),
  },
  {
    rule: 'authdb.sync-url',
    severity: 'error',
    when: {all: [{is: 'buntime.authDb.mode', value: 'sync'}, not(SERVER), empty('buntime.authDb.syncUrl')]},
    path: 'buntime.authDb.syncUrl',
    message: 'buntime.authDb.mode=sync has nothing to sync with: the runtime fails at boot',
    hint: 'Set tursoServer.enabled=true (recommended) or buntime.authDb.syncUrl.',
    example: {buntime: {authDb: {mode: 'sync'}}},
  },
  {
    rule: 'turso-plugin.sync-url',
    severity: 'error',
    when: {all: [{is: 'plugins.turso.mode', value: 'sync'}, not(SERVER), empty('plugins.turso.sync.url')]},
    path: 'plugins.turso.sync.url',
    message: 'plugins.turso.mode=sync has no sync URL: plugin-turso fails with TURSO_SYNC_URL_REQUIRED',
    hint: 'Set tursoServer.enabled=true (recommended) or plugins.turso.sync.url.',
    example: {plugins: {turso: {mode: 'sync'}}},
  },
  {
    rule: 'turso-plugin.shared-file',
    severity: 'error',
    when: {all: [MULTI_POD, {under: 'plugins.turso.localPath', dirs: SHARED.map((volume) => volume.mountPath)}]},
    path: 'plugins.turso.localPath',
    message:
      '{@pods} would share the Turso database file {plugins.turso.localPath}: it is on a volume every pod mounts, and one database file must never be opened by several pods',
    hint: "Keep plugins.turso.localPath under /data/turso (default /data/turso/runtime.db), each pod's own volume; pods share data through turso-server, never through a file.",
    example: withValues(MULTI_POD_SYNC, {plugins: {turso: {localPath: '/data/apps/runtime.db'}}}),
  },
  {
    rule: 'turso-plugin.shared-file',
    severity: 'warning',
    when: {
      all: [not(MULTI_POD), {under: 'plugins.turso.localPath', dirs: SHARED.map((volume) => volume.mountPath)}],
    },
    path: 'plugins.turso.localPath',
    message:
      'plugins.turso.localPath {plugins.turso.localPath} is on a shared volume: a second pod would open the same database file',
    hint: 'Move it under /data/turso (default /data/turso/runtime.db) before scaling out; the chart refuses it with more than one pod.',
    example: {plugins: {turso: {localPath: '/data/apps/runtime.db'}}},
  },
  {
    rule: 'turso.tokens',
    severity: 'error',
    when: {all: [SERVER, empty('tursoServer.existingSecret'), empty('tursoServer.authToken')]},
    path: 'tursoServer.authToken',
    message:
      'tursoServer.authToken is empty: anyone in the cluster could read and write every database on turso-server',
    hint: GENERATE_HINT,
    example: {tursoServer: {enabled: true, adminToken: 'b'}},
  },
  {
    rule: 'turso.tokens',
    severity: 'error',
    // With backups on, backup.admin-token reports the missing admin token with the backup context.
    when: {all: [SERVER, empty('tursoServer.existingSecret'), empty('tursoServer.adminToken'), not(BACKUP)]},
    path: 'tursoServer.adminToken',
    message:
      'tursoServer.adminToken is empty: the admin API (create, archive, back up namespaces) would be unauthenticated',
    hint: GENERATE_HINT,
    example: {tursoServer: {enabled: true, authToken: 'a'}},
  },
  {
    rule: 'backup.config',
    severity: 'error',
    when: {all: [BACKUP, not(SERVER)]},
    path: 'tursoServer.enabled',
    message: 'tursoServer.backup.enabled=true but turso-server is off: there is nothing to back up',
    hint: 'Set tursoServer.enabled=true, or turn backups off.',
    example: withValues(WITH_BACKUP, {tursoServer: {enabled: false}}),
  },
  {
    rule: 'backup.config',
    severity: 'error',
    when: {all: [BACKUP, empty('tursoServer.backup.s3.endpoint')]},
    path: 'tursoServer.backup.s3.endpoint',
    message: 'backups need an S3 endpoint',
    hint: 'Set it to your MinIO/S3 URL, e.g. http://minio.minio.svc.cluster.local:9000.',
    example: withValues(WITH_BACKUP, {tursoServer: {backup: {s3: {endpoint: ''}}}}),
  },
  {
    rule: 'backup.config',
    severity: 'error',
    when: {all: [BACKUP, empty('tursoServer.backup.s3.bucket')]},
    path: 'tursoServer.backup.s3.bucket',
    message: 'backups need an S3 bucket (it must already exist)',
    hint: 'Set it, e.g. turso-backups.',
    example: withValues(WITH_BACKUP, {tursoServer: {backup: {s3: {bucket: ''}}}}),
  },
  ...(['accessKeyId', 'secretAccessKey'] as const).map(
    (key): ChartCheck => ({
      rule: 'backup.config',
      severity: 'error',
      when: {all: [BACKUP, empty('tursoServer.backup.s3.existingSecret'), empty(`tursoServer.backup.s3.${key}`)]},
      path: `tursoServer.backup.s3.${key}`,
      message: `backups need tursoServer.backup.s3.${key}`,
      hint: 'Put the S3 credentials in a 0600 values file, or name an existing Secret in tursoServer.backup.s3.existingSecret.',
      example: withValues(WITH_BACKUP, {tursoServer: {backup: {s3: {[key]: ''}}}}),
    }),
  ),
  {
    rule: 'backup.admin-token',
    severity: 'error',
    when: {all: [BACKUP, SERVER, empty('tursoServer.adminToken'), empty('tursoServer.existingSecret')]},
    path: 'tursoServer.adminToken',
    message:
      'backups need tursoServer.adminToken: the CronJob lists namespaces and downloads snapshots through the admin API',
    hint: GENERATE_HINT,
    example: withValues(WITH_BACKUP, {tursoServer: {adminToken: ''}}),
  },
];

/** Rule ids the chart enforces at template time (for the README and the table test). */
export function chartRuleIds(): string[] {
  return [...new Set(CHART_CHECKS.filter((check) => check.severity === 'error').map((check) => check.rule))];
}

/** The findings of one rule's checks for these values (cluster-aware where the check says so). */
export function chartCheckFindings(
  rule: string,
  {values, cluster}: Pick<RuleContext, 'values' | 'cluster'>,
): Finding[] {
  const out: Finding[] = [];
  for (const check of CHART_CHECKS) {
    if (check.rule !== rule || !holds(check.when, values)) continue;
    const relaxed = check.singleNode && cluster?.nodeCount === 1 ? check.singleNode : undefined;
    out.push({
      id: check.rule,
      severity: relaxed ? 'warning' : check.severity,
      message: fill(relaxed?.message ?? check.message, values, PHRASES),
      hint: fill(relaxed?.hint ?? check.hint, values, PHRASES),
      path: check.path,
    });
  }
  return out;
}
