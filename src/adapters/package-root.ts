/**
 * Where the files shipped with the package live (charts/buntime, presets/). Found by walking up from
 * this module to the package.json named buntime-deploy, which works from src/ (tests, tsx) and from
 * the bundled dist/ file alike.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {UserError} from '../core/errors.js';
import {displayPath} from './files.js';

const PACKAGE_NAME = 'buntime-deploy';
let cached: string | undefined;

/** The package root directory (contains package.json, charts/, presets/). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  if (cached && from === fileURLToPath(import.meta.url)) return cached;
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === PACKAGE_NAME) {
          if (from === fileURLToPath(import.meta.url)) cached = dir;
          return dir;
        }
      } catch {
        // A broken package.json further down is not ours; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${from}`);
    dir = parent;
  }
}

/** The Buntime chart shipped with the package. */
export function bundledChartDir(): string {
  return join(packageRoot(), 'charts', 'buntime');
}

/** The directory of the built-in presets. */
export function presetsDir(): string {
  return join(packageRoot(), 'presets');
}

/**
 * The chart directory to use: `--chart DIR` (relative to cwd) or the bundled chart. It must hold a
 * values.yaml (the chart's defaults, which rendering and validation start from).
 */
export function resolveChartDir(flag: string | undefined, cwd: string): string {
  const dir = flag === undefined ? bundledChartDir() : resolve(cwd, flag);
  const shown = displayPath(dir, cwd);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(`The chart directory ${shown} does not exist.`, {
      hint:
        flag === undefined
          ? 'Reinstall buntime-deploy; the chart ships with it.'
          : 'Pass --chart with the directory that holds Chart.yaml and values.yaml.',
    });
  }
  if (!existsSync(join(dir, 'values.yaml'))) {
    throw new UserError(`The chart directory ${shown} has no values.yaml.`, {
      hint: existsSync(join(dir, 'values.base.yaml'))
        ? 'values.yaml is generated: run `npm run generate:chart` first.'
        : 'Pass --chart with the directory that holds Chart.yaml and values.yaml.',
    });
  }
  return dir;
}

/** questions.yml or questions.yaml of a chart, if it has one. */
export function chartQuestionsFile(chartDir: string): string | undefined {
  for (const name of ['questions.yml', 'questions.yaml']) {
    const path = join(chartDir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}
