import {PLUGIN_ENV} from './plugin-env.generated.js';
import type {EnvSpec, VolumeSpec} from './types.js';

/**
 * The runtime's own environment (configmap.base.yaml). Its defaults are the chart's values
 * defaults; `emptyUsesDefault` marks keys rendered with Helm's `default`, which also replaces
 * "" and 0 (see checkValues).
 */
export const RUNTIME_ENV: readonly EnvSpec[] = [
  {name: 'NODE_ENV', type: 'string', default: 'production', source: 'runtime'},
  {name: 'PORT', valuePath: 'buntime.port', type: 'number', default: '8000', source: 'runtime'},
  {name: 'RUNTIME_API_PREFIX', valuePath: 'buntime.apiPrefix', type: 'string', default: '/_', source: 'runtime'},
  {
    name: 'RUNTIME_LOG_LEVEL',
    valuePath: 'buntime.logLevel',
    type: 'enum',
    default: 'info',
    source: 'runtime',
    emptyUsesDefault: true,
  },
  {
    name: 'RUNTIME_POOL_SIZE',
    valuePath: 'buntime.poolSize',
    type: 'number',
    default: '100',
    source: 'runtime',
    emptyUsesDefault: true,
  },
  {
    name: 'RUNTIME_EPHEMERAL_CONCURRENCY',
    valuePath: 'buntime.ephemeralConcurrency',
    type: 'number',
    default: '2',
    source: 'runtime',
    emptyUsesDefault: true,
  },
  {
    name: 'RUNTIME_EPHEMERAL_QUEUE_LIMIT',
    valuePath: 'buntime.ephemeralQueueLimit',
    type: 'number',
    default: '100',
    source: 'runtime',
  },
  {
    name: 'RUNTIME_WORKER_CONFIG_CACHE_TTL_MS',
    valuePath: 'buntime.workerConfigCacheTtlMs',
    type: 'number',
    default: '1000',
    source: 'runtime',
  },
  {
    name: 'RUNTIME_WORKER_RESOLVER_CACHE_TTL_MS',
    valuePath: 'buntime.workerResolverCacheTtlMs',
    type: 'number',
    default: '1000',
    source: 'runtime',
  },
  {
    name: 'RUNTIME_WORKER_DIRS',
    valuePath: 'buntime.workerDirs',
    type: 'string',
    default: '/data/.apps:/data/apps',
    source: 'runtime',
    emptyUsesDefault: true,
  },
  {
    name: 'RUNTIME_PLUGIN_DIRS',
    valuePath: 'buntime.pluginDirs',
    type: 'string',
    default: '/data/.plugins:/data/plugins',
    source: 'runtime',
    emptyUsesDefault: true,
  },
  {name: 'RUNTIME_STATE_DIR', type: 'string', default: '/data/state', source: 'runtime'},
  // Where workers keep their Turso replicas: the pod's own /data/turso volume (else ./.cache/turso in the image).
  {name: 'RUNTIME_TURSO_DIR', type: 'string', default: '/data/turso', source: 'runtime'},
  {
    name: 'RUNTIME_AUTH_DB_MODE',
    valuePath: 'buntime.authDb.mode',
    type: 'enum',
    default: 'local',
    source: 'runtime',
    emptyUsesDefault: true,
  },
  // Chosen by the chart (in-cluster turso-server or buntime.authDb.syncUrl); "" in local mode.
  {name: 'RUNTIME_AUTH_DB_SYNC_URL', type: 'string', default: '', source: 'runtime'},
  {
    name: 'RUNTIME_AUTH_DB_SYNC_INTERVAL_SECONDS',
    valuePath: 'buntime.authDb.syncIntervalSeconds',
    type: 'number',
    default: '60',
    source: 'runtime',
    emptyUsesDefault: true,
  },
];

/**
 * Tokens of the runtime container: never in a ConfigMap, always through a Secret. turso-server's
 * admin token is not among them: runtime pods never receive it (least privilege).
 */
export const RUNTIME_SECRET_ENV: readonly string[] = [
  'RUNTIME_ROOT_KEY',
  'RUNTIME_AUTH_DB_SYNC_TOKEN',
  'TURSO_SERVER_TOKEN',
];

/** Secret env names that must never reach a runtime pod (checked on rendered manifests). */
export const ADMIN_ONLY_ENV: readonly string[] = ['TURSO_ADMIN_TOKEN', 'TURSO_SERVER_ADMIN_TOKEN', 'ADMIN_TOKEN'];

/** Every core env variable: the runtime's own plus the core plugins' (generated from their manifests). */
export const CORE_ENV: readonly EnvSpec[] = [...RUNTIME_ENV, ...PLUGIN_ENV];

/** Env variables that must always be defined (everything but the seed's exceptions). */
export function mandatoryEnv(): readonly EnvSpec[] {
  return CORE_ENV.filter((spec) => !spec.exception);
}

/** Names of env variables that hold secrets and so must never appear in a ConfigMap. */
export function secretEnvNames(): ReadonlySet<string> {
  return new Set([
    ...RUNTIME_SECRET_ENV,
    ...ADMIN_ONLY_ENV,
    ...CORE_ENV.filter((spec) => spec.exception === 'password').map((spec) => spec.name),
  ]);
}

/** The runtime container's volumes (seed principle 1; /data/turso added by the chart since 0.5.2). */
export const MANDATORY_VOLUMES: readonly VolumeSpec[] = [
  {name: 'plugins', mountPath: '/data/plugins', source: 'shared', valuesPath: 'persistence.plugins'},
  {name: 'apps', mountPath: '/data/apps', source: 'shared', valuesPath: 'persistence.apps'},
  {name: 'state', mountPath: '/data/state', source: 'perPod', valuesPath: 'persistence.state'},
  {name: 'turso', mountPath: '/data/turso', source: 'perPodOrEmptyDir', valuesPath: 'persistence.turso'},
];

/** turso-server's data directory: a per-pod volume of its StatefulSet. */
export const TURSO_SERVER_DATA_PATH = '/var/lib/turso';
