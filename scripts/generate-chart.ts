/**
 * Generates the chart's derived files from the edited sources and the core plugin manifests:
 *   npm run generate:chart            write every generated file; say when the chart needs a new version
 *   npm run generate:chart -- --check exit 1 naming every stale file, or a content change without a
 *                                     version bump (npm test; writes nothing)
 *   npm run chart:record              generate, then record the digest of this version's content
 *                                     (after bumping Chart.yaml's version and writing release-notes.md)
 */
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {readReleaseState} from '../src/adapters/chart-dir.js';
import {DIGESTS_FILE, checkRelease, compareVersions} from '../src/core/chart-release.js';
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

const CHART = 'charts/buntime';

/** The release check's findings, printed; true when there is an error. */
async function releaseProblems(): Promise<boolean> {
  const findings = checkRelease(await readReleaseState(join(ROOT, CHART), CHART));
  for (const finding of findings)
    process.stderr.write(
      `generate-chart: ${finding.severity}: [${finding.id}] ${finding.message}\n  → ${finding.hint}\n`,
    );
  return findings.some((finding) => finding.severity === 'error');
}

/** Records the digest of the current version (refusing a version below a recorded one). */
async function record(): Promise<number> {
  const state = await readReleaseState(join(ROOT, CHART), CHART);
  const recorded = {...state.recorded};
  if (!state.version) return (await releaseProblems()) ? 1 : 0;
  const newer = Object.keys(recorded).filter((v) => compareVersions(v, state.version as string) > 0);
  if (newer.length > 0) {
    process.stderr.write(
      `generate-chart: Chart.yaml says ${state.version}, but ${newer.join(', ')} is already recorded: bump the version above it first.\n`,
    );
    return 1;
  }
  const before = recorded[state.version];
  recorded[state.version] = state.digest;
  const sorted = Object.fromEntries(Object.entries(recorded).sort(([a], [b]) => compareVersions(a, b)));
  writeFileSync(join(ROOT, CHART, DIGESTS_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
  process.stdout.write(
    before === state.digest
      ? `generate-chart: ${CHART} ${state.version} was already recorded with this content\n`
      : `generate-chart: recorded ${CHART} ${state.version} (${state.digest.slice(0, 19)}…) in ${CHART}/${DIGESTS_FILE}${before ? ', replacing its earlier digest (fine until it is published; after that, bump instead)' : ''}; commit it\n`,
  );
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const recording = argv.includes('--record');
  const unknown = argv.filter((arg) => arg !== '--check' && arg !== '--record');
  if (unknown.length > 0 || (check && recording)) {
    process.stderr.write(
      `generate-chart: ${unknown.length > 0 ? `unknown argument ${unknown.join(' ')}` : '--check and --record exclude each other'} (accepted: --check or --record)\n`,
    );
    return 2;
  }
  let files: ReturnType<typeof generateChart>;
  try {
    files = generateChart({
      valuesBase: read(SOURCE_PATHS.valuesBase),
      configmapBase: read(SOURCE_PATHS.configmapBase),
      questionsBase: read(SOURCE_PATHS.questionsBase),
      schemaBase: read(SOURCE_PATHS.schemaBase),
      chartYaml: read(SOURCE_PATHS.chartYaml),
      releaseNotes: read(SOURCE_PATHS.releaseNotes),
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
    for (const file of stale) process.stderr.write(`generate-chart: stale: ${file.path}\n`);
    if (stale.length > 0) process.stderr.write('generate-chart: run `npm run generate:chart` and commit the result\n');
    const unreleased = await releaseProblems();
    if (stale.length === 0 && !unreleased)
      process.stdout.write(`generate-chart: ${files.length} generated files are up to date, chart version recorded\n`);
    return stale.length > 0 || unreleased ? 1 : 0;
  }
  for (const file of stale) {
    writeFileSync(join(ROOT, file.path), file.content);
    process.stdout.write(`generate-chart: wrote ${file.path}\n`);
  }
  if (stale.length === 0) process.stdout.write('generate-chart: nothing to do, every file is up to date\n');
  if (recording) return record();
  await releaseProblems();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`generate-chart: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
