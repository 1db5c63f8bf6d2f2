/**
 * Which Secret keys a release will read that it does not create itself, found in the rendered
 * manifest: every required `secretKeyRef` (and `envFrom.secretRef`, secret volume) of every pod
 * template. The chart is the source, so this stays true whatever the chart reads from an
 * `existingSecret` (or an extraEnv entry). Install and upgrade check them against the cluster
 * before helm runs: a missing Secret or key would otherwise leave pods in CreateContainerConfigError.
 */
import type {PreflightCheck} from '../upgrade/types.js';
import type {KubeObject} from '../upgrade/manifest.js';
import {getPath, type Values} from '../values/paths.js';

/** One key (or a whole Secret, for envFrom) some container reads. */
export interface SecretKeyRef {
  readonly secret: string;
  /** undefined: the whole Secret (envFrom / a volume without items). */
  readonly key?: string;
  /** Who reads it: `StatefulSet/buntime-turso env TURSO_ADMIN_TOKEN`. */
  readonly reader: string;
}

/** What the cluster holds for one Secret name (key names only, never values). */
export interface SecretLookup {
  readonly exists: boolean;
  readonly keys: readonly string[];
}

/** The chart values that name an existing Secret, for messages. */
export const EXISTING_SECRET_PATHS = [
  'buntime.existingSecret',
  'tursoServer.existingSecret',
  'tursoServer.backup.s3.existingSecret',
] as const;

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The pod spec of a workload (CronJob: its job template's). */
function podSpec(object: KubeObject): Obj | undefined {
  const spec = obj(object.spec);
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') return obj(obj(obj(obj(spec['jobTemplate'])['spec'])['template'])['spec']);
  const template = obj(spec['template']);
  return Object.keys(template).length > 0 ? obj(template['spec']) : undefined;
}

/** Every required Secret reference of the manifest, to Secrets the manifest does not create. */
export function requiredSecretRefs(objects: readonly KubeObject[]): SecretKeyRef[] {
  const created = new Set(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name));
  const out: SecretKeyRef[] = [];
  const add = (ref: SecretKeyRef): void => {
    if (created.has(ref.secret)) return;
    if (!out.some((item) => item.secret === ref.secret && item.key === ref.key && item.reader === ref.reader))
      out.push(ref);
  };
  for (const object of objects) {
    const spec = podSpec(object);
    if (!spec) continue;
    const owner = `${object.kind}/${object.metadata.name}`;
    for (const container of [...list(spec['initContainers']), ...list(spec['containers'])]) {
      for (const entry of list(container['env'])) {
        const ref = obj(obj(entry['valueFrom'])['secretKeyRef']);
        const secret = str(ref['name']);
        const key = str(ref['key']);
        if (secret && key && ref['optional'] !== true)
          add({secret, key, reader: `${owner} env ${str(entry['name']) ?? key}`});
      }
      for (const source of list(container['envFrom'])) {
        const ref = obj(source['secretRef']);
        const secret = str(ref['name']);
        if (secret && ref['optional'] !== true) add({secret, reader: `${owner} envFrom`});
      }
    }
    for (const volume of list(spec['volumes'])) {
      const ref = obj(volume['secret']);
      const secret = str(ref['secretName']);
      if (!secret || ref['optional'] === true) continue;
      const items = list(ref['items']);
      if (items.length === 0) add({secret, reader: `${owner} volume ${str(volume['name']) ?? secret}`});
      for (const item of items) {
        const key = str(item['key']);
        if (key) add({secret, key, reader: `${owner} volume ${str(volume['name']) ?? secret}`});
      }
    }
  }
  return out;
}

/** `tursoServer.existingSecret` for a Secret named by it, for messages (or undefined). */
function namedBy(values: Values, secret: string): string[] {
  return EXISTING_SECRET_PATHS.filter((path) => getPath(values, path) === secret);
}

/**
 * Preflight checks (id `existing-secret`) for the references whose Secret is missing or lacks a
 * key. `lookups` holds what the cluster has for each referenced Secret name.
 */
export function checkSecretRefs(
  refs: readonly SecretKeyRef[],
  lookups: ReadonlyMap<string, SecretLookup>,
  values: Values,
  namespace: string,
): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  const names = [...new Set(refs.map((ref) => ref.secret))];
  for (const name of names) {
    const lookup = lookups.get(name);
    if (!lookup) continue;
    const mine = refs.filter((ref) => ref.secret === name);
    const paths = namedBy(values, name);
    const label = `Secret ${namespace}/${name}${paths.length ? ` (${paths.join(', ')})` : ''}`;
    const keys = [...new Set(mine.map((ref) => ref.key).filter((key): key is string => key !== undefined))].sort();
    if (!lookup.exists) {
      out.push({
        id: 'existing-secret',
        severity: 'error',
        message: `${label} does not exist${keys.length ? `; the release reads ${keys.join(', ')} from it` : ''}.`,
        hint: `Create it first, e.g. kubectl -n ${namespace} create secret generic ${name} ${keys.map((key) => `--from-file=${key}=./${key.toLowerCase()}`).join(' ')} (files, not literals, so the values stay out of your shell history), or clear ${paths[0] ?? 'the reference'} to let buntime-deploy manage it.`,
      });
      continue;
    }
    for (const key of keys) {
      if (lookup.keys.includes(key)) continue;
      const readers = mine.filter((ref) => ref.key === key).map((ref) => ref.reader);
      out.push({
        id: 'existing-secret',
        severity: 'error',
        message: `${label} has no key ${key}, which ${readers.join(', ')} read${readers.length === 1 ? 's' : ''}: those pods would not start.`,
        hint: `Add the key (kubectl -n ${namespace} edit secret ${name}, or recreate the Secret with --from-file=${key}=FILE so the value stays out of your shell history). It holds: ${lookup.keys.join(', ') || 'no keys'}.`,
      });
    }
  }
  return out;
}
