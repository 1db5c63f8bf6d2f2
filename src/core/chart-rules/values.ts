import {getPath, hasPath, isPlainObject} from '../values/paths.js';
import {CORE_ENV, MANDATORY_VOLUMES} from './catalogue.js';
import type {Finding} from '../findings.js';
import {RULE_IDS} from './types.js';

/** Where the values came from, for messages (`values.yaml`, `answers.yaml`). */
export interface CheckValuesOptions {
  readonly file?: string;
}

function dirsOf(value: unknown): string[] {
  return typeof value === 'string' ? value.split(':').filter(Boolean) : [];
}

/**
 * Checks Helm values (merged chart defaults + user values, or user values alone) against the
 * mandatory-default rules, in the terms a user edits: value paths. Missing keys are fine (the chart
 * falls back); what is reported is what would silently do something else than the user expects or
 * break the always-mounted volumes. Pure: the wizard registers it next to its own rules.
 *
 * Value formats (sizes, access modes, the turso volume type) are left to values.schema.json and the
 * wizard's format rules, so one mistake is reported once.
 */
export function checkValues(values: Readonly<Record<string, unknown>>, options: CheckValuesOptions = {}): Finding[] {
  const out: Finding[] = [];
  const at = (path: string) => ({...(options.file ? {file: options.file} : {}), path});

  for (const volume of MANDATORY_VOLUMES) {
    const node = getPath(values, volume.valuesPath);
    if (node === undefined) continue;
    if (!isPlainObject(node)) {
      out.push({
        id: RULE_IDS.volumes,
        severity: 'error',
        ...at(volume.valuesPath),
        message: `${volume.valuesPath} must be a mapping (size, storageClass…).`,
        hint: `${volume.mountPath} is always mounted; configure it, never remove it.`,
      });
      continue;
    }
    if (node['enabled'] === false || 'existingClaim' in node) {
      const key = node['enabled'] === false ? 'enabled' : 'existingClaim';
      out.push({
        id: RULE_IDS.volumes,
        severity: 'error',
        ...at(`${volume.valuesPath}.${key}`),
        message: `${volume.valuesPath}.${key} is not supported: ${volume.mountPath} is always mounted from the chart's own volume.`,
        hint: `Remove ${volume.valuesPath}.${key}.`,
      });
    }
  }

  // The shared volumes only help when the runtime looks at them.
  for (const [path, mount] of [
    ['buntime.workerDirs', '/data/apps'],
    ['buntime.pluginDirs', '/data/plugins'],
  ] as const) {
    const value = getPath(values, path);
    if (typeof value !== 'string' || value === '') continue;
    if (value.includes(',')) {
      out.push({
        id: RULE_IDS.volumes,
        severity: 'error',
        ...at(path),
        message: `${path} is colon-separated like PATH; it contains a comma.`,
        hint: `Write it as ${value
          .split(',')
          .map((p) => p.trim())
          .join(':')}.`,
      });
    } else if (!dirsOf(value).includes(mount)) {
      out.push({
        id: RULE_IDS.volumes,
        severity: 'warning',
        ...at(path),
        message: `${path} does not include ${mount}, so what is deployed to that volume is ignored.`,
        hint: `Keep ${mount} in the list (default ${path === 'buntime.workerDirs' ? '/data/.apps:/data/apps' : '/data/.plugins:/data/plugins'}).`,
      });
    }
  }

  const tursoType = getPath(values, 'persistence.turso.type');
  const pluginMode = getPath(values, 'plugins.turso.mode');
  if (
    tursoType === 'emptyDir' &&
    (pluginMode === undefined || pluginMode === 'local') &&
    getPath(values, 'tursoServer.enabled') !== true
  ) {
    out.push({
      id: RULE_IDS.volumes,
      severity: 'warning',
      ...at('persistence.turso.type'),
      message:
        'persistence.turso.type is emptyDir while plugin-turso runs in local mode: its database is lost whenever the pod restarts.',
      hint: 'Use pvc for local mode, or sync mode with turso-server.',
    });
  }

  for (const spec of CORE_ENV) {
    if (!spec.valuePath || !hasPath(values, spec.valuePath)) continue;
    const value = getPath(values, spec.valuePath);
    if (isPlainObject(value) || (Array.isArray(value) && spec.type !== 'array')) {
      out.push({
        id: RULE_IDS.env,
        severity: 'error',
        ...at(spec.valuePath),
        message: `${spec.valuePath} (${spec.name}) must be a ${spec.type === 'number' ? 'number' : 'single value'}, not a ${Array.isArray(value) ? 'list' : 'mapping'}.`,
        hint: `Set a ${spec.type} value; the default is ${JSON.stringify(spec.default ?? '')}.`,
      });
      continue;
    }
    const empty = value === '' || (spec.type === 'number' && value === 0);
    if (
      spec.emptyUsesDefault &&
      empty &&
      spec.default !== undefined &&
      spec.default !== '' &&
      String(value) !== spec.default
    ) {
      out.push({
        id: RULE_IDS.env,
        severity: 'warning',
        ...at(spec.valuePath),
        message: `${spec.valuePath} is ${JSON.stringify(value)}, but the chart renders ${spec.name} with its default ${JSON.stringify(spec.default)} (Helm's default treats empty and 0 as unset).`,
        hint: `Remove the key to use ${JSON.stringify(spec.default)}, or set a real value.`,
      });
    }
  }
  return out;
}
