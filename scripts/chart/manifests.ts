import {parse} from 'yaml';
import {
  type PluginDeclaration,
  checkPluginDependencies,
  pluginDeclaration,
} from '../../src/core/chart-rules/plugins.js';

/** Field types of a plugin manifest's `config` (the upstream PluginManifest format). */
export type FieldType = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'password' | 'object';

const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'boolean', 'enum', 'array', 'password', 'object'];

/** One leaf of a manifest's `config`, flattened: `sync.url` for config.sync.properties.url. */
export interface PluginField {
  /** Path inside the plugin, dotted (`rateLimit.requests`). */
  readonly path: string;
  readonly type: Exclude<FieldType, 'object'>;
  readonly label: string;
  readonly description?: string;
  readonly env?: string;
  readonly default?: unknown;
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly string[];
}

/** A core plugin as the chart sees it. */
export interface PluginManifest {
  /** Full name, e.g. `@buntime/plugin-turso`. */
  readonly name: string;
  /** What follows `plugin-`: the key under `plugins.` in values (`turso`). */
  readonly short: string;
  /** Where it was read from, for messages. */
  readonly file: string;
  readonly fields: readonly PluginField[];
}

/** A bad manifest: the message names the file and the field. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseField(file: string, path: string, raw: unknown, out: PluginField[]): void {
  const where = `${file}: config.${path}`;
  if (!isRecord(raw)) throw new ManifestError(`${where} must be a mapping.`);
  const type = raw['type'];
  if (typeof type !== 'string' || !FIELD_TYPES.includes(type as FieldType)) {
    throw new ManifestError(`${where}: type must be one of ${FIELD_TYPES.join(', ')} (got ${JSON.stringify(type)}).`);
  }
  if (typeof raw['label'] !== 'string' || raw['label'] === '') throw new ManifestError(`${where}: label is required.`);
  if (type === 'object') {
    const properties = raw['properties'];
    if (!isRecord(properties)) throw new ManifestError(`${where}: an object field needs properties.`);
    for (const [key, child] of Object.entries(properties)) parseField(file, `${path}.${key}`, child, out);
    return;
  }
  const options = raw['options'];
  if (
    type === 'enum' &&
    (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === 'string'))
  ) {
    throw new ManifestError(`${where}: an enum field needs a non-empty list of string options.`);
  }
  const env = raw['env'];
  if (env !== undefined && (typeof env !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(env))) {
    throw new ManifestError(`${where}: env must be an UPPER_SNAKE_CASE variable name.`);
  }
  const field: PluginField = {
    path,
    type: type as PluginField['type'],
    label: raw['label'] as string,
    required: raw['required'] === true,
    ...(typeof raw['description'] === 'string' ? {description: raw['description']} : {}),
    ...(typeof env === 'string' ? {env} : {}),
    ...('default' in raw ? {default: raw['default']} : {}),
    ...(typeof raw['min'] === 'number' ? {min: raw['min']} : {}),
    ...(typeof raw['max'] === 'number' ? {max: raw['max']} : {}),
    ...(type === 'enum' ? {options: options as string[]} : {}),
  };
  if (field.type === 'enum' && field.default !== undefined && !field.options?.includes(String(field.default))) {
    throw new ManifestError(`${where}: default ${JSON.stringify(field.default)} is not one of the options.`);
  }
  out.push(field);
}

/**
 * Parses one manifest. Returns undefined for manifests the chart ignores (enabled: false), like
 * upstream's generators; a manifest without `config` yields a plugin with no fields.
 */
export function parseManifest(file: string, text: string): PluginManifest | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ManifestError(`${file}: not valid YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  if (!isRecord(doc)) throw new ManifestError(`${file}: expected a mapping at the top level.`);
  const name = doc['name'];
  if (typeof name !== 'string') throw new ManifestError(`${file}: name is required.`);
  if (doc['enabled'] === false) return undefined;
  const short = /plugin-(.+)$/.exec(name)?.[1];
  if (!short || !/^[a-z][a-z0-9-]*$/.test(short)) {
    throw new ManifestError(`${file}: name must end in plugin-<short> with a lower-case short name (got ${name}).`);
  }
  const fields: PluginField[] = [];
  const config = doc['config'];
  if (config !== undefined) {
    if (!isRecord(config)) throw new ManifestError(`${file}: config must be a mapping.`);
    for (const [key, raw] of Object.entries(config)) parseField(file, key, raw, fields);
  }
  return {name, short, file, fields};
}

/**
 * Parses every manifest, sorted by name, and refuses a plugin whose dependencies are missing or
 * disabled ("Plugin X requires Y") and two plugins writing the same env variable.
 */
export function parseManifests(files: ReadonlyArray<{path: string; text: string}>): PluginManifest[] {
  const declarations = files
    .map((file) => {
      try {
        return pluginDeclaration(file.path, parse(file.text));
      } catch {
        return undefined; // parseManifest reports the YAML error with the file name
      }
    })
    .filter((item): item is PluginDeclaration => item !== undefined);
  const broken = checkPluginDependencies(declarations);
  if (broken.length > 0)
    throw new ManifestError(broken.map((finding) => `[${finding.id}] ${finding.message} ${finding.hint}`).join('\n'));
  const manifests = files
    .map((file) => parseManifest(file.path, file.text))
    .filter((m): m is PluginManifest => m !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Map<string, string>();
  for (const manifest of manifests) {
    for (const field of manifest.fields) {
      if (!field.env) continue;
      const other = seen.get(field.env);
      if (other) throw new ManifestError(`${manifest.file}: env ${field.env} is already set by ${other}.`);
      seen.set(field.env, `${manifest.file}: config.${field.path}`);
    }
  }
  return manifests;
}

/** The default a field gets in values.yaml: its own, else the empty value of its type. */
export function fieldDefault(field: PluginField): unknown {
  if (field.default !== undefined) return field.default;
  switch (field.type) {
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return '';
  }
}

/** Why a field may be conditional in the ConfigMap (the seed's accepted exceptions), if it may. */
export function fieldException(field: PluginField): 'boolean' | 'array' | 'password' | undefined {
  return field.type === 'boolean' || field.type === 'array' || field.type === 'password' ? field.type : undefined;
}

/** `.Values.plugins.<short>.<path>` */
export function valuesPath(manifest: PluginManifest, field: PluginField): string {
  return `plugins.${manifest.short}.${field.path}`;
}
