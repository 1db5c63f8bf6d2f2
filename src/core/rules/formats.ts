/**
 * Shape rules for single values: Kubernetes quantities (`10Gb` → `10Gi`), Go durations, ports,
 * known enums, whole numbers in range, apiPrefix, and list entries that Kubernetes would reject.
 */
import {closest} from '../suggest.js';
import {checkCpuQuantity, checkGoDuration, checkNginxSize, checkSizeQuantity} from '../values/formats.js';
import {getPath, isPlainObject} from '../values/paths.js';
import {text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

const QUANTITY_PATHS = [
  'persistence.plugins.size',
  'persistence.apps.size',
  'persistence.state.size',
  'persistence.turso.size',
  'tursoServer.persistence.size',
  'resources.requests.cpu',
  'resources.requests.memory',
  'resources.limits.cpu',
  'resources.limits.memory',
  'tursoServer.resources.requests.cpu',
  'tursoServer.resources.requests.memory',
  'tursoServer.resources.limits.cpu',
  'tursoServer.resources.limits.memory',
];

export const quantityRule: Rule = {
  id: 'values.quantity',
  severity: 'error',
  description:
    'Sizes and memory are Kubernetes quantities (10Gi, 500Mi), not 10Gb or 1 GB; CPU is cores or millicores (2, 250m), never Gi; ingress.maxBodySize is an nginx size.',
  check: ({values}) => {
    const out: Finding[] = [];
    for (const path of QUANTITY_PATHS) {
      const value = getPath(values, path);
      if (value === undefined || value === null || value === '') continue;
      const cpu = path.endsWith('.cpu');
      const problem = cpu ? checkCpuQuantity(value) : checkSizeQuantity(value);
      if (problem)
        out.push(
          finding(quantityRule, `${path} '${String(value)}' ${problem.reason}`, {
            path,
            hint: cpu
              ? problem.suggestion
                ? `Did you mean '${problem.suggestion}'?`
                : 'e.g. 2 (two cores) or 250m (a quarter of a core).'
              : problem.suggestion
                ? `Did you mean '${problem.suggestion}'? Kubernetes sizes use Ki, Mi, Gi, Ti.`
                : 'Write e.g. 10Gi or 500Mi.',
          }),
        );
    }
    const body = getPath(values, 'ingress.maxBodySize');
    if (body !== undefined && body !== null && body !== '') {
      const problem = checkNginxSize(body);
      if (problem)
        out.push(
          finding(quantityRule, `ingress.maxBodySize '${String(body)}' ${problem.reason}`, {
            path: 'ingress.maxBodySize',
            hint: problem.suggestion ? `Did you mean '${problem.suggestion}'?` : 'e.g. 100m, 1g or 0.',
          }),
        );
    }
    return out;
  },
};

const DURATION_PATHS = ['tursoServer.autoIdleDuration', 'tursoServer.archiveRetention', 'tursoServer.gcInterval'];

export const durationRule: Rule = {
  id: 'values.duration',
  severity: 'error',
  description: 'turso-server durations use Go syntax (168h, 30m, 0).',
  check: ({values}) =>
    DURATION_PATHS.flatMap((path) => {
      const value = getPath(values, path);
      if (value === undefined || value === null || value === '') return [];
      const problem = checkGoDuration(value);
      return problem
        ? [
            finding(durationRule, `${path} '${String(value)}' ${problem.reason}`, {
              path,
              hint: problem.suggestion ? `Did you mean '${problem.suggestion}'?` : 'e.g. 168h',
            }),
          ]
        : [];
    }),
};

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'service.type': ['ClusterIP', 'NodePort', 'LoadBalancer'],
  'image.pullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'tursoServer.image.pullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'tursoServer.backup.image.pullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'buntime.logLevel': ['debug', 'info', 'warn', 'error'],
  'buntime.authDb.mode': ['local', 'sync'],
  'plugins.turso.mode': ['local', 'sync'],
  'persistence.plugins.accessMode': ['ReadWriteOnce', 'ReadWriteMany'],
  'persistence.apps.accessMode': ['ReadWriteOnce', 'ReadWriteMany'],
  'persistence.turso.type': ['pvc', 'emptyDir'],
  'route.tls.termination': ['edge', 'passthrough', 'reencrypt'],
};

export const enumRule: Rule = {
  id: 'values.enum',
  severity: 'error',
  description:
    'Values with a fixed set of choices (service.type, pull policies, modes, access modes…) hold one of them.',
  check: ({values}) =>
    Object.entries(ENUMS).flatMap(([path, choices]) => {
      const value = getPath(values, path);
      if (value === undefined || value === null || value === '' || choices.includes(String(value))) return [];
      const suggestion =
        closest(String(value), choices) ??
        choices.find((choice) => choice.toLowerCase() === String(value).toLowerCase());
      return [
        finding(enumRule, `${path} '${String(value)}' is not one of ${choices.join(', ')}`, {
          path,
          hint: suggestion ? `Did you mean '${suggestion}'?` : `Choose one of: ${choices.join(', ')}.`,
        }),
      ];
    }),
};

/** [path, min, max]: whole numbers the runtime or Kubernetes would reject otherwise. */
const INTEGERS: ReadonlyArray<readonly [string, number, number]> = [
  ['replicaCount', 1, 100],
  ['service.port', 1, 65535],
  ['buntime.port', 1, 65535],
  ['tursoServer.service.dataPort', 1, 65535],
  ['tursoServer.service.adminPort', 1, 65535],
  ['buntime.poolSize', 1, 100000],
  ['buntime.ephemeralConcurrency', 1, 10000],
  ['buntime.ephemeralQueueLimit', 0, 1000000],
  ['buntime.workerConfigCacheTtlMs', 0, 86400000],
  ['buntime.workerResolverCacheTtlMs', 0, 86400000],
  ['buntime.authDb.syncIntervalSeconds', 1, 86400],
  ['tursoServer.maxNamespaces', 0, 1000000],
  ['autoscaling.minReplicas', 1, 1000],
  ['autoscaling.maxReplicas', 1, 1000],
  ['podDisruptionBudget.minAvailable', 0, 1000],
];

export const integerRule: Rule = {
  id: 'values.integer',
  severity: 'error',
  description: 'Counts and ports are whole numbers in range (ports 1–65535, replicaCount ≥ 1…).',
  check: ({values}) => {
    const out: Finding[] = [];
    for (const [path, min, max] of INTEGERS) {
      const value = getPath(values, path);
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out.push(
          finding(integerRule, `${path} must be a whole number, got ${JSON.stringify(value)}`, {
            path,
            hint: `Write ${path}: ${min === 0 ? 1 : min} without quotes.`,
          }),
        );
      } else if (value < min || value > max) {
        out.push(finding(integerRule, `${path} is ${value}; it must be between ${min} and ${max}`, {path}));
      }
    }
    const data = getPath(values, 'tursoServer.service.dataPort');
    if (data !== undefined && data === getPath(values, 'tursoServer.service.adminPort')) {
      out.push(
        finding(integerRule, `tursoServer.service.dataPort and adminPort are both ${String(data)}`, {
          path: 'tursoServer.service.adminPort',
          hint: 'Use two different ports (defaults 8080 and 8081).',
        }),
      );
    }
    return out;
  },
};

export const apiPrefixRule: Rule = {
  id: 'values.api-prefix',
  severity: 'error',
  description: 'buntime.apiPrefix is "" or /segment (no trailing slash); probes live at <apiPrefix>/api/health/*.',
  check: ({values}) => {
    const value = getPath(values, 'buntime.apiPrefix');
    if (value === undefined || value === null || value === '') return [];
    const prefix = String(value);
    if (/^(\/[A-Za-z0-9._~-]+)+$/.test(prefix)) return [];
    const fixed = `/${prefix.split('/').filter(Boolean).join('/')}`;
    const reason = prefix.endsWith('/')
      ? 'ends with a slash'
      : !prefix.startsWith('/')
        ? 'does not start with a slash'
        : 'contains characters a URL path segment cannot have';
    return [
      finding(apiPrefixRule, `buntime.apiPrefix '${prefix}' ${reason}`, {
        path: 'buntime.apiPrefix',
        hint: fixed === '/' ? 'Use "" for no prefix.' : `Did you mean '${fixed}'?`,
      }),
    ];
  },
};

export const listEntriesRule: Rule = {
  id: 'values.list-entries',
  severity: 'error',
  description: 'imagePullSecrets entries are {name: …}; extraEnv entries have a name and a value or valueFrom.',
  check: ({values}) => {
    const out: Finding[] = [];
    const secrets = getPath(values, 'imagePullSecrets');
    if (secrets !== undefined && secrets !== null && !Array.isArray(secrets))
      out.push(
        finding(listEntriesRule, 'imagePullSecrets must be a list', {
          path: 'imagePullSecrets',
          hint: 'imagePullSecrets: [{name: gitlab-registry}]',
        }),
      );
    if (Array.isArray(secrets)) {
      secrets.forEach((entry, index) => {
        if (!isPlainObject(entry) || typeof entry['name'] !== 'string' || entry['name'] === '') {
          const hint =
            typeof entry === 'string'
              ? `Write {name: ${entry}} instead of a bare string.`
              : 'Each entry is {name: <Secret name>}.';
          out.push(
            finding(listEntriesRule, `imagePullSecrets[${index}] is not {name: …}`, {
              path: `imagePullSecrets[${index}]`,
              hint,
            }),
          );
        }
      });
    }
    const env = getPath(values, 'extraEnv');
    if (Array.isArray(env)) {
      env.forEach((entry, index) => {
        const ok =
          isPlainObject(entry) &&
          typeof entry['name'] === 'string' &&
          /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(entry['name']);
        if (!ok)
          out.push(
            finding(listEntriesRule, `extraEnv[${index}] needs a valid name`, {
              path: `extraEnv[${index}]`,
              hint: 'Each entry is {name: VAR, value: "…"} or {name: VAR, valueFrom: …}.',
            }),
          );
      });
    }
    if (text(values, 'image.repository') === '' && getPath(values, 'image.repository') !== undefined) {
      out.push(
        finding(listEntriesRule, 'image.repository is empty', {
          path: 'image.repository',
          hint: 'e.g. ghcr.io/djalmajr/buntime',
        }),
      );
    }
    return out;
  },
};
