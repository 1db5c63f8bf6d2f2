/**
 * Reading a Helm chart directory for `buntime-deploy lint`: is it a chart, its templates as text,
 * its name. The rules themselves are pure (src/core/chart-rules); this is their filesystem side.
 */
import {existsSync, statSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';

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
