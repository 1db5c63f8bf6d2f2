/**
 * Presets: a YAML file {name, description, values, questionDefaults, notes}. `values` are merged over
 * the chart defaults (forced settings such as the IngressClass); `questionDefaults` pre-fill answers
 * (the wizard shows them as defaults, CI uses them when the answers file is silent); `notes` are
 * shown after rendering. Built-in presets live in presets/<name>.yaml; `--preset ./x.yaml` loads any file.
 */
import {closest} from '../suggest.js';
import {type Values, isPlainObject, leaves} from '../values/paths.js';

export const BUILTIN_PRESETS = ['k3s', 'rancher', 'openshift', 'gitlab-registry', 'generic'] as const;
export type BuiltinPreset = (typeof BUILTIN_PRESETS)[number];

export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly values: Values;
  /** Dotted question variable → default answer. */
  readonly questionDefaults: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
  /** `preset k3s` or the file path, for messages. */
  readonly source: string;
}

export interface PresetProblem {
  readonly where: string;
  readonly message: string;
  readonly hint?: string;
}

export type PresetParse = {ok: true; preset: Preset} | {ok: false; problems: PresetProblem[]};

export type PresetRef =
  | {kind: 'builtin'; name: BuiltinPreset}
  | {kind: 'file'; path: string}
  | {kind: 'unknown'; name: string; suggestion?: string};

const KEYS = ['name', 'description', 'values', 'questionDefaults', 'notes'];

/** A `--preset` argument: a built-in name, a file (has a slash or a .yaml/.yml suffix), or unknown. */
export function resolvePresetRef(ref: string): PresetRef {
  if (ref.includes('/') || /\.ya?ml$/i.test(ref)) return {kind: 'file', path: ref};
  const name = ref.trim().toLowerCase();
  if ((BUILTIN_PRESETS as readonly string[]).includes(name)) return {kind: 'builtin', name: name as BuiltinPreset};
  const suggestion = closest(name, BUILTIN_PRESETS);
  return {kind: 'unknown', name: ref, ...(suggestion ? {suggestion} : {})};
}

/** The message for an unknown preset name (lists every preset). */
export function unknownPresetMessage(ref: Extract<PresetRef, {kind: 'unknown'}>): {message: string; hint: string} {
  return {
    message: `Unknown preset '${ref.name}'.`,
    hint: `${ref.suggestion ? `Did you mean '${ref.suggestion}'? ` : ''}Presets: ${BUILTIN_PRESETS.join(', ')} — or a preset file such as ./my-preset.yaml.`,
  };
}

/** Validates a parsed preset document; `locate` maps a YAML path to `file:line:col`. */
export function parsePreset(
  root: unknown,
  options: {source: string; locate?: (path: readonly (string | number)[]) => string},
): PresetParse {
  const locate = options.locate ?? (() => options.source);
  const problems: PresetProblem[] = [];
  if (!isPlainObject(root))
    return {
      ok: false,
      problems: [
        {
          where: locate([]),
          message: 'a preset must be a mapping with name, description, values, questionDefaults and notes',
          hint: 'See presets/k3s.yaml for an example.',
        },
      ],
    };
  for (const key of Object.keys(root)) {
    if (KEYS.includes(key)) continue;
    const suggestion = closest(key, KEYS);
    problems.push({
      where: locate([key]),
      message: `unknown preset key '${key}'`,
      hint: suggestion ? `Did you mean '${suggestion}'?` : `Preset keys: ${KEYS.join(', ')}.`,
    });
  }
  const name = root['name'];
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    problems.push({
      where: locate(name === undefined ? [] : ['name']),
      message: 'name must be lower-case letters, digits and dashes',
      hint: 'e.g. name: my-cluster',
    });
  }
  const description = root['description'] ?? '';
  if (typeof description !== 'string')
    problems.push({
      where: locate(['description']),
      message: 'description must be text',
      hint: 'description: One line about the cluster this preset is for.',
    });
  const values = root['values'] ?? {};
  if (!isPlainObject(values))
    problems.push({
      where: locate(['values']),
      message: 'values must be a mapping of chart values',
      hint: 'values:\n  ingress:\n    className: traefik',
    });
  const defaultsRaw = root['questionDefaults'] ?? {};
  const questionDefaults: Record<string, unknown> = {};
  if (!isPlainObject(defaultsRaw))
    problems.push({
      where: locate(['questionDefaults']),
      message: 'questionDefaults must be a mapping of question variable: answer',
      hint: 'questionDefaults:\n  ingress.tls.enabled: true',
    });
  else {
    // Accept both flat (`ingress.tls.enabled: true`) and nested spellings.
    for (const [path, value] of leaves(defaultsRaw)) {
      const flat = path.replace(/\\\./g, '.');
      if (isPlainObject(value) || Array.isArray(value))
        problems.push({
          where: locate(['questionDefaults', ...flat.split('.')]),
          message: `questionDefaults '${flat}' must be a single value`,
          hint: 'Give one answer per question variable; put structured values under values: instead.',
        });
      else questionDefaults[flat] = value;
    }
  }
  const notesRaw = root['notes'] ?? [];
  const notes =
    typeof notesRaw === 'string'
      ? [notesRaw]
      : Array.isArray(notesRaw) && notesRaw.every((note) => typeof note === 'string')
        ? (notesRaw as string[])
        : undefined;
  if (!notes)
    problems.push({
      where: locate(['notes']),
      message: 'notes must be text or a list of text',
      hint: 'notes:\n  - "Set ingress.host."',
    });
  if (problems.length > 0 || !notes) return {ok: false, problems};
  return {
    ok: true,
    preset: {
      name: name as string,
      description: description as string,
      values: values as Values,
      questionDefaults,
      notes,
      source: options.source,
    },
  };
}
