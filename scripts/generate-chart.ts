/**
 * Generates the chart's derived files from the edited sources and the core plugin manifests:
 *   npm run generate:chart            write every generated file
 *   npm run generate:chart -- --check exit 1 naming every stale file (CI; writes nothing)
 */
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type ChartSources, SOURCE_PATHS, generateChart} from './chart/generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** charts/plugins/<name>/manifest.yaml (or .yml), in directory order; the generator sorts by name. */
function readManifests(): ChartSources['manifests'] {
  const dir = join(ROOT, SOURCE_PATHS.pluginsDir);
  return readdirSync(dir, {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const file = ['manifest.yaml', 'manifest.yml']
        .map((name) => join(dir, entry.name, name))
        .find((p) => existsSync(p));
      return file ? [{path: relative(ROOT, file), text: readFileSync(file, 'utf8')}] : [];
    });
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`generate-chart: unknown argument ${unknown.join(' ')} (only --check is accepted)\n`);
    return 2;
  }
  let files: ReturnType<typeof generateChart>;
  try {
    files = generateChart({
      valuesBase: read(SOURCE_PATHS.valuesBase),
      configmapBase: read(SOURCE_PATHS.configmapBase),
      questionsBase: read(SOURCE_PATHS.questionsBase),
      schemaBase: read(SOURCE_PATHS.schemaBase),
      manifests: readManifests(),
    });
  } catch (error) {
    process.stderr.write(`generate-chart: ${(error as Error).message}\n`);
    return 2;
  }
  const stale = files.filter((file) => {
    const path = join(ROOT, file.path);
    return !existsSync(path) || readFileSync(path, 'utf8') !== file.content;
  });
  if (check) {
    if (stale.length === 0) {
      process.stdout.write(`generate-chart: ${files.length} generated files are up to date\n`);
      return 0;
    }
    for (const file of stale) process.stderr.write(`generate-chart: stale: ${file.path}\n`);
    process.stderr.write('generate-chart: run `npm run generate:chart` and commit the result\n');
    return 1;
  }
  for (const file of stale) {
    writeFileSync(join(ROOT, file.path), file.content);
    process.stdout.write(`generate-chart: wrote ${file.path}\n`);
  }
  if (stale.length === 0) process.stdout.write('generate-chart: nothing to do, every file is up to date\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
