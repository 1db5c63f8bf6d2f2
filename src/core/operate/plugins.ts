import {parse} from 'yaml';
import type {PreflightCheck} from '../upgrade/types.js';

/**
 * Runtime plugins in a Buntime pod: built-in ones come with the image in `/data/.plugins/<name>/`
 * (they cannot be removed), uploaded ones live on the plugins claim in `/data/plugins/<name>/`
 * (RUNTIME_PLUGIN_DIRS=/data/.plugins:/data/plugins). Each folder holds `manifest.yaml` and the
 * code (`dist/plugin.js`).
 */
export const BUILTIN_DIR = '/data/.plugins';
export const UPLOADED_DIR = '/data/plugins';
export const PLUGIN_ENTRY = 'dist/plugin.js';

export interface PluginManifest {
  readonly name: string;
  readonly enabled: boolean;
  readonly base?: string;
  readonly dependencies: readonly string[];
  readonly optionalDependencies: readonly string[];
}

export interface InstalledPlugin extends PluginManifest {
  readonly source: 'built-in' | 'uploaded';
  /** The folder name under its root. */
  readonly folder: string;
  /** Set when the manifest could not be read. */
  readonly problem?: string;
}

/** A folder name that is safe on every filesystem and in a shell argument. */
const FOLDER = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Reads a manifest; a string is the problem (for `file`). */
export function parsePluginManifest(text: string, file: string): PluginManifest | string {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return `${file} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${file} is not a YAML mapping.`;
  const manifest = value as Record<string, unknown>;
  const name = manifest['name'];
  if (typeof name !== 'string' || name.trim() === '') return `${file} has no \`name\` (e.g. name: "@acme/plugin-foo").`;
  const list = (key: string): string[] | string => {
    const entry = manifest[key];
    if (entry === undefined || entry === null) return [];
    if (!Array.isArray(entry) || entry.some((item) => typeof item !== 'string'))
      return `${file}: \`${key}\` must be a list of plugin names.`;
    return entry as string[];
  };
  const dependencies = list('dependencies');
  if (typeof dependencies === 'string') return dependencies;
  const optionalDependencies = list('optionalDependencies');
  if (typeof optionalDependencies === 'string') return optionalDependencies;
  const enabled = manifest['enabled'];
  if (enabled !== undefined && typeof enabled !== 'boolean') return `${file}: \`enabled\` must be true or false.`;
  const base = manifest['base'];
  return {
    name,
    enabled: enabled !== false,
    ...(typeof base === 'string' ? {base} : {}),
    dependencies,
    optionalDependencies,
  };
}

/** `@acme/plugin-foo` → `plugin-foo`: the folder under /data/plugins (as the seed's example does). */
export function pluginFolder(name: string): string | undefined {
  const folder = name.split('/').pop() ?? '';
  return FOLDER.test(folder) ? folder : undefined;
}

/** A plugin named on the command line: its folder name or its manifest name. */
export function findPlugin(installed: readonly InstalledPlugin[], name: string): InstalledPlugin[] {
  return installed.filter((plugin) => plugin.folder === name || plugin.name === name);
}

/** Marks the start of one plugin folder in the listing script's output. */
export const LIST_MARK = '@@buntime-plugin ';

/**
 * The shell script `plugins list` runs in a runtime pod (POSIX sh, coreutils): each plugin folder
 * of both roots, then its manifest. Hidden folders (an interrupted push) are not plugins.
 */
export function listScript(): string {
  return [
    `for pair in built-in:${BUILTIN_DIR} uploaded:${UPLOADED_DIR}; do`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
    '  source=${pair%%:*}; root=${pair#*:}',
    '  for dir in "$root"/*/; do',
    '    [ -d "$dir" ] || continue',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
    '    dir=${dir%/}',
    `    printf '\\n${LIST_MARK}%s %s\\n' "$source" "\${dir##*/}"`,
    '    if [ -f "$dir/manifest.yaml" ]; then cat "$dir/manifest.yaml"; elif [ -f "$dir/manifest.yml" ]; then cat "$dir/manifest.yml"; fi',
    '  done',
    'done',
  ].join('\n');
}

/** Parses the listing script's output. */
export function parseListing(output: string): InstalledPlugin[] {
  const plugins: InstalledPlugin[] = [];
  const chunks = `\n${output}`.split(`\n${LIST_MARK}`).slice(1);
  for (const chunk of chunks) {
    const newline = chunk.indexOf('\n');
    const head = newline === -1 ? chunk : chunk.slice(0, newline);
    const text = newline === -1 ? '' : chunk.slice(newline + 1);
    const [tag = '', folder = ''] = head.split(' ');
    const source = tag === 'built-in' ? 'built-in' : 'uploaded';
    const file = `${source === 'built-in' ? BUILTIN_DIR : UPLOADED_DIR}/${folder}/manifest.yaml`;
    const manifest = text.trim() === '' ? `${file} is missing.` : parsePluginManifest(text, file);
    if (typeof manifest === 'string') {
      plugins.push({
        name: folder,
        enabled: false,
        dependencies: [],
        optionalDependencies: [],
        source,
        folder,
        problem: manifest,
      });
    } else {
      plugins.push({...manifest, source, folder});
    }
  }
  return plugins;
}

/** The plugins the runtime loads: enabled, readable; an uploaded one of a built-in's name shadows nothing. */
export function enabledPlugins(installed: readonly InstalledPlugin[]): Set<string> {
  return new Set(installed.filter((plugin) => plugin.enabled && !plugin.problem).map((plugin) => plugin.name));
}

/** A local plugin folder as `plugins push` reads it. */
export interface LocalPlugin {
  readonly dir: string;
  readonly manifest: PluginManifest | string;
  /** Relative file paths with their size and sha256. */
  readonly files: readonly {readonly path: string; readonly size: number; readonly sha256: string}[];
  /** Things in the folder that cannot be copied (symlinks, sockets, odd names). */
  readonly refused: readonly string[];
}

/** Whether a push can go ahead: manifest, entry file, name, dependencies against what is enabled. */
export function pushChecks(local: LocalPlugin, installed: readonly InstalledPlugin[]): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  if (typeof local.manifest === 'string') {
    checks.push({id: 'plugin-manifest', severity: 'error', message: local.manifest});
    return checks;
  }
  const {name} = local.manifest;
  const folder = pluginFolder(name);
  if (!folder)
    checks.push({
      id: 'plugin-name',
      severity: 'error',
      message: `Plugin name '${name}' does not give a usable folder name (the part after the last '/' must match ${FOLDER}).`,
    });
  if (!local.files.some((file) => file.path === PLUGIN_ENTRY))
    checks.push({
      id: 'plugin-entry',
      severity: 'error',
      message: `${local.dir} has no ${PLUGIN_ENTRY}: build the plugin first (the runtime loads that file).`,
    });
  for (const path of local.refused)
    checks.push({
      id: 'plugin-file',
      severity: 'error',
      message: `Cannot copy ${path}: only regular files and folders are copied.`,
    });
  const builtin = installed.find(
    (plugin) => plugin.source === 'built-in' && (plugin.name === name || plugin.folder === folder),
  );
  if (builtin)
    checks.push({
      id: 'plugin-builtin',
      severity: 'error',
      message: `'${name}' is a built-in plugin of the image (${BUILTIN_DIR}/${builtin.folder}); an upload of the same name is refused.`,
      hint: 'Give your plugin its own name in manifest.yaml.',
    });
  const enabled = enabledPlugins(
    installed.filter((plugin) => plugin.folder !== folder || plugin.source === 'built-in'),
  );
  for (const dependency of local.manifest.dependencies) {
    if (enabled.has(dependency)) continue;
    const present = installed.find((plugin) => plugin.name === dependency);
    checks.push({
      id: 'plugin-dependency',
      severity: 'error',
      message: `'${name}' depends on '${dependency}', which is ${present ? 'installed but not enabled' : 'not installed'} in this release.`,
      hint: present
        ? `Enable ${dependency} first (its manifest's enabled: true, or the chart's plugin values).`
        : `Push ${dependency} first, or remove it from dependencies in ${local.dir}/manifest.yaml.`,
    });
  }
  const missingOptional = local.manifest.optionalDependencies.filter((dependency) => !enabled.has(dependency));
  if (missingOptional.length)
    checks.push({
      id: 'plugin-optional',
      severity: 'info',
      message: `Optional dependencies not enabled here (the plugin runs without them): ${missingOptional.join(', ')}.`,
    });
  const previous = installed.find((plugin) => plugin.source === 'uploaded' && plugin.folder === folder);
  if (previous)
    checks.push({
      id: 'plugin-replace',
      severity: 'warning',
      message: `Replaces the uploaded plugin in ${UPLOADED_DIR}/${previous.folder} (${previous.name}).`,
    });
  if (!local.manifest.enabled)
    checks.push({
      id: 'plugin-disabled',
      severity: 'warning',
      message: `manifest.yaml says enabled: false: the runtime will not load it.`,
    });
  return checks;
}

/** Whether a remove can go ahead: an uploaded plugin nothing enabled depends on. */
export function removeChecks(name: string, installed: readonly InstalledPlugin[]): PreflightCheck[] {
  const found = findPlugin(installed, name);
  const uploaded = found.find((plugin) => plugin.source === 'uploaded');
  if (!uploaded) {
    const builtin = found.find((plugin) => plugin.source === 'built-in');
    return [
      builtin
        ? {
            id: 'plugin-builtin',
            severity: 'error',
            message: `'${name}' is built into the image (${BUILTIN_DIR}/${builtin.folder}): it cannot be removed.`,
            hint: 'Built-in plugins are turned off through the chart values instead.',
          }
        : {
            id: 'plugin-missing',
            severity: 'error',
            message: `No uploaded plugin '${name}' in ${UPLOADED_DIR}.`,
            hint: `Uploaded plugins: ${
              installed
                .filter((plugin) => plugin.source === 'uploaded')
                .map((plugin) => plugin.folder)
                .join(', ') || 'none'
            }.`,
          },
    ];
  }
  const dependents = installed.filter(
    (plugin) => plugin !== uploaded && plugin.enabled && plugin.dependencies.includes(uploaded.name),
  );
  return dependents.length
    ? [
        {
          id: 'plugin-dependents',
          severity: 'error',
          message: `${dependents.map((plugin) => plugin.name).join(', ')} depend(s) on '${uploaded.name}'.`,
          hint: 'Remove those first.',
        },
      ]
    : [];
}

/** Parses `sha256sum` output (`<hash>  ./path`) into path → hash. */
export function parseSums(output: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *]\.\/(.+)$/.exec(line);
    if (match) sums.set(match[2] as string, match[1] as string);
  }
  return sums;
}

/** What differs between the local files and what landed in the pod (empty = identical). */
export function compareSums(local: LocalPlugin['files'], remote: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const expected = new Map(local.map((file) => [file.path, file.sha256]));
  for (const [path, sum] of expected) {
    const got = remote.get(path);
    if (got === undefined) problems.push(`${path} is missing`);
    else if (got !== sum)
      problems.push(`${path} differs (sha256 ${got.slice(0, 12)}… instead of ${sum.slice(0, 12)}…)`);
  }
  for (const path of remote.keys()) if (!expected.has(path)) problems.push(`${path} was not sent`);
  return problems;
}

/** Single-quotes for sh. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The shell steps of a push, each run as `sh -c SCRIPT` in the pod. */
export function pushScripts(folder: string): {unpack: string; sums: string; activate: string; cleanup: string} {
  const target = `${UPLOADED_DIR}/${folder}`;
  const incoming = `${UPLOADED_DIR}/.${folder}.incoming`;
  const old = `${UPLOADED_DIR}/.${folder}.old`;
  return {
    // Into a hidden folder first: the runtime never sees half a plugin.
    unpack: `set -e; rm -rf ${shQuote(incoming)}; mkdir -p ${shQuote(incoming)}; tar -xf - -C ${shQuote(incoming)}`,
    sums: `set -e; cd ${shQuote(incoming)}; find . -type f -exec sha256sum {} +`,
    activate: `set -e; rm -rf ${shQuote(old)}; if [ -e ${shQuote(target)} ]; then mv ${shQuote(target)} ${shQuote(old)}; fi; mv ${shQuote(incoming)} ${shQuote(target)}; rm -rf ${shQuote(old)}`,
    cleanup: `rm -rf ${shQuote(incoming)}`,
  };
}

/** The shell step of a remove, and its check. */
export function removeScript(folder: string): string {
  const target = `${UPLOADED_DIR}/${folder}`;
  return `set -e; rm -rf ${shQuote(target)}; [ ! -e ${shQuote(target)} ]`;
}

/**
 * With a ReadWriteOnce plugins claim and more than one runtime pod, a copy cannot reach every pod:
 * such a volume is attached to one node, so only the pods there share it. Refused, with why.
 */
export function pluginVolumeCheck(
  claim: {readonly name: string; readonly accessModes: readonly string[]} | undefined,
  pods: number,
): PreflightCheck | undefined {
  const modes = claim?.accessModes ?? [];
  if (modes.includes('ReadWriteMany') || pods <= 1) return undefined;
  return {
    id: 'plugins-rwo',
    severity: 'error',
    message:
      `The plugins volume (PVC ${claim?.name ?? '?'}) is ${modes.join(',') || 'not ReadWriteMany'} and there are ${pods} runtime pods. ` +
      'A ReadWriteOnce volume is attached to one node only: a copy made through one pod reaches the pods on that node, never the others, ' +
      'and the pods would end up running different plugins.',
    hint: 'Use ReadWriteMany for persistence.plugins (an RWX StorageClass; a new PVC and a copy of /data/plugins), or run one replica (replicaCount: 1).',
  };
}
