/**
 * Where install and upgrade keep what they hand to helm, so the helm command they print is the one
 * they run AND can be run again by hand after the process ended: the values files live in a
 * per-user state directory (not a temp dir that is gone afterwards), and a chart that sits in npx's
 * temporary cache is copied next to them first.
 *
 * Layout: <state>/<kube context>/<namespace>/<release>/values.yaml (+ values.secrets.yaml, only
 * when secrets could not go to the cluster), <state>/charts/<name>-<version>/. <state> is
 * $BUNTIME_DEPLOY_STATE_DIR, else $XDG_STATE_HOME/buntime-deploy, else ~/.local/state/buntime-deploy.
 * Directories are 0700 and files 0600: the values hold no secrets when a cluster is reachable, but
 * they describe the deployment and are nobody else's business.
 */
import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import {cp, mkdir, readFile, readdir, rename, rm, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {dirname, join, relative, sep} from 'node:path';
import {parse} from 'yaml';
import {writeFilesAtomic} from './files.js';

type Env = Readonly<Record<string, string | undefined>>;

export function stateRoot(env: Env): string {
  const explicit = env['BUNTIME_DEPLOY_STATE_DIR'];
  if (explicit) return explicit;
  const xdg = env['XDG_STATE_HOME'];
  return join(xdg || join(env['HOME'] || homedir(), '.local', 'state'), 'buntime-deploy');
}

/** One path segment from a context name such as `arn:aws:eks:…:cluster/prod` (no separators, no dots only). */
function segment(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.+$/.test(cleaned) || cleaned === '' ? '_' : cleaned;
}

export interface AppliedFiles {
  readonly dir: string;
  readonly values: string;
  readonly secrets?: string;
}

/** The files one release's install/upgrade writes (the secrets file only when `withSecrets`). */
export function appliedFilesFor(
  env: Env,
  where: {context: string; namespace: string; release: string},
  withSecrets: boolean,
): AppliedFiles {
  const dir = join(
    stateRoot(env),
    segment(where.context || 'default'),
    segment(where.namespace),
    segment(where.release),
  );
  return {dir, values: join(dir, 'values.yaml'), ...(withSecrets ? {secrets: join(dir, 'values.secrets.yaml')} : {})};
}

/** Writes the values (and secrets) files together, all or nothing, creating their directory 0700. */
export async function writeAppliedFiles(
  files: {readonly values: string; readonly secrets?: string},
  content: {values: string; secrets?: string},
): Promise<void> {
  await mkdir(dirname(files.values), {recursive: true, mode: 0o700});
  await writeFilesAtomic([
    {path: files.values, content: content.values, mode: 0o600},
    ...(files.secrets && content.secrets !== undefined
      ? [{path: files.secrets, content: content.secrets, mode: 0o600}]
      : []),
  ]);
}

/** Removes a chart copied by copyChart (a render whose values could not be written keeps nothing). */
export async function removeChartCopy(dir: string): Promise<void> {
  await rm(dir, {recursive: true, force: true});
}

/** True when `dir` is inside npx's cache (`…/_npx/<hash>/…`), which npm may delete at any time. */
export function isTemporaryChart(dir: string): boolean {
  return dir.split(sep).includes('_npx');
}

export async function chartIdentity(dir: string): Promise<{name: string; version: string}> {
  const chart = parse(await readFile(join(dir, 'Chart.yaml'), 'utf8')) as {name?: unknown; version?: unknown} | null;
  return {name: String(chart?.name ?? 'chart'), version: String(chart?.version ?? '0.0.0')};
}

/** A digest of every file under `dir` (names and bytes), to tell two copies of a chart apart. */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (at: string): Promise<void> => {
    const entries = (await readdir(at, {withFileTypes: true})).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        hash
          .update(relative(dir, path))
          .update('\0')
          .update(await readFile(path))
          .update('\0');
      }
    }
  };
  await walk(dir);
  return hash.digest('hex').slice(0, 12);
}

/**
 * A chart path that outlives this process: `chartDir` itself, or for a chart inside npx's cache
 * the path of its copy, <state>/charts/<name>-<version>-<digest>. Nothing is copied here (a dry run
 * writes nothing); `ensureChart` makes the copy before helm runs.
 */
export async function keptChartPath(chartDir: string, env: Env): Promise<string> {
  if (!isTemporaryChart(chartDir)) return chartDir;
  const {name, version} = await chartIdentity(chartDir);
  return join(stateRoot(env), 'charts', `${segment(name)}-${segment(version)}-${await treeDigest(chartDir)}`);
}

/** Makes sure the chart helm is told to use exists: copies `source` to `target` once when they differ. */
export async function ensureChart(source: string, target: string): Promise<void> {
  if (source === target || existsSync(join(target, 'Chart.yaml'))) return;
  await copyChart(source, target);
}

/**
 * Copies a chart directory to `target` through a temporary sibling renamed into place, so a
 * half-copied chart is never left under the target name. `replace` swaps out an existing copy.
 */
export async function copyChart(chartDir: string, target: string, options: {replace?: boolean} = {}): Promise<void> {
  await mkdir(dirname(target), {recursive: true, mode: 0o700});
  const temp = `${target}.${process.pid}.tmp`;
  await rm(temp, {recursive: true, force: true});
  try {
    await cp(chartDir, temp, {recursive: true});
    if (options.replace) await rm(target, {recursive: true, force: true});
    await rename(temp, target);
  } catch (error) {
    await rm(temp, {recursive: true, force: true});
    if ((await stat(target).catch(() => undefined))?.isDirectory()) return; // another run made it first
    throw error;
  }
}
