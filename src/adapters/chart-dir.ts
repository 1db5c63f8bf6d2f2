/**
 * Reading a Helm chart directory for `buntime-deploy lint`: is it a chart, its templates as text,
 * its name, the digest of its content for the release check. The rules themselves are pure (src/core/chart-rules); this is their filesystem side.
 */
import {createHash} from 'node:crypto';
import {existsSync, statSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import {DIGESTS_FILE, type ReleaseState, chartVersion, digestInput, parseDigests} from '../core/chart-release.js';

/** Why `dir` is not a chart directory (empty when it is one). */
export function chartDirProblems(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return ['it is not a directory'];
  const problems: string[] = [];
  if (!existsSync(join(dir, 'Chart.yaml'))) problems.push('it has no Chart.yaml');
  if (!existsSync(join(dir, 'templates')) || !statSync(join(dir, 'templates')).isDirectory())
    problems.push('it has no templates/ directory');
  return problems;
}

/** templates/*.yaml, *.yml and *.tpl (helpers define env too), sorted, with absolute paths. */
export async function readTemplates(dir: string): Promise<Array<{path: string; text: string}>> {
  const templates = join(dir, 'templates');
  const names = (await readdir(templates)).filter((name) => /\.(ya?ml|tpl)$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({path: join(templates, name), text: await readFile(join(templates, name), 'utf8')})),
  );
}

/** The chart's name from Chart.yaml (helm prefixes rendered sources with it), or '' when unreadable. */
export async function readChartName(dir: string): Promise<string> {
  try {
    const chart = parse(await readFile(join(dir, 'Chart.yaml'), 'utf8')) as {name?: unknown} | null;
    return typeof chart?.name === 'string' ? chart.name : '';
  } catch {
    return '';
  }
}

/** Every file of the chart directory (paths relative to it, `/`-separated), for the content digest. */
export async function readChartFiles(dir: string): Promise<Array<{path: string; text: string}>> {
  const out: Array<{path: string; text: string}> = [];
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(join(dir, relative), {withFileTypes: true})) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push({path, text: await readFile(join(dir, path), 'utf8')});
    }
  };
  await walk('');
  return out;
}

/** The chart's release state: its version, the digest of its content and the recorded digests. */
export async function readReleaseState(dir: string, shown: string): Promise<ReleaseState> {
  const files = await readChartFiles(dir);
  const chartYaml = files.find((file) => file.path === 'Chart.yaml')?.text ?? '';
  const record = files.find((file) => file.path === DIGESTS_FILE);
  const parsed = record ? parseDigests(record.text) : undefined;
  if (parsed && !parsed.ok) throw new Error(`${shown}/${DIGESTS_FILE}: ${parsed.error}`);
  return {
    chart: shown,
    version: chartVersion(chartYaml),
    digest: `sha256:${createHash('sha256').update(digestInput(files)).digest('hex')}`,
    recorded: parsed?.ok ? parsed.digests : undefined,
  };
}

/**
 * The core plugin manifests next to a chart (charts/plugins/<name>/manifest.yaml beside
 * charts/buntime), as parsed YAML with their paths; none when the chart has no such sibling.
 */
export async function readPluginManifests(chartDir: string): Promise<Array<{path: string; value: unknown}>> {
  const dir = join(chartDir, '..', 'plugins');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const out: Array<{path: string; value: unknown}> = [];
  for (const entry of (await readdir(dir, {withFileTypes: true})).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const file = ['manifest.yaml', 'manifest.yml'].map((name) => join(dir, entry.name, name)).find(existsSync);
    if (!file) continue;
    try {
      out.push({path: file, value: parse(await readFile(file, 'utf8'))});
    } catch {
      // Not YAML: generate:chart names the file and the error.
    }
  }
  return out;
}
