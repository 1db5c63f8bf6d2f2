/**
 * Loads everything `renderValues` needs from flags: the chart's values.yaml, values.schema.json and questions.yml, the
 * preset (built-in name or file), the answers files (-f, '-' = stdin) and the `--set` arguments.
 * Shared by `render`, `install`/`upgrade` and the wizard so all read inputs the same way.
 * Every problem found is collected and thrown as ONE UserError, so users fix everything in one go.
 */
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {UserError, type Problem} from '../core/errors.js';
import {hasFatalProblems, parseQuestions} from '../core/questions/parse.js';
import type {QuestionFile} from '../core/questions/types.js';
import {type Preset, parsePreset, resolvePresetRef, unknownPresetMessage} from '../core/presets/preset.js';
import type {Values} from '../core/values/paths.js';
import type {ValuesLayer} from '../core/values/render.js';
import {type SetAssignment, parseSet} from '../core/values/set.js';
import {type Locate, readYamlFile} from './files.js';
import {chartQuestionsFile, presetsDir, resolveChartDir} from './package-root.js';

export interface LoadInputsOptions {
  readonly cwd: string;
  readonly chart?: string;
  readonly preset?: string;
  readonly values?: readonly string[];
  readonly sets?: readonly string[];
  readonly stdin?: () => Promise<string>;
}

export interface LoadedInputs {
  readonly chartDir: string;
  readonly chartDefaults: Values;
  /** values.schema.json, when the chart has one (helm validates values against it). */
  readonly schema?: Values;
  readonly questions?: QuestionFile;
  readonly preset?: Preset & {readonly locate?: Locate};
  readonly files: readonly ValuesLayer[];
  readonly sets: readonly SetAssignment[];
}

/** Runs `load`, turning a UserError into collected problems instead of stopping. */
async function collect<T>(problems: Problem[], load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.problems.length > 0)
      problems.push(...error.problems.map((problem) => ({...problem, hint: problem.hint ?? error.hint})));
    else problems.push({message: error.message, ...(error.hint ? {hint: error.hint} : {})});
    return undefined;
  }
}

/** Reads and validates a preset by name or path. */
export async function loadPreset(ref: string, cwd: string): Promise<Preset & {locate: Locate}> {
  const resolved = resolvePresetRef(ref);
  if (resolved.kind === 'unknown') {
    const {message, hint} = unknownPresetMessage(resolved);
    throw new UserError(message, {hint, problems: [{where: `--preset ${ref}`, message, hint}]});
  }
  const path = resolved.kind === 'builtin' ? join(presetsDir(), `${resolved.name}.yaml`) : resolved.path;
  const file = await readYamlFile(path, {cwd, what: 'preset'});
  const source = resolved.kind === 'builtin' ? `preset ${resolved.name}` : file.display;
  const parsed = parsePreset(file.value, {source, locate: file.locate});
  if (!parsed.ok) throw new UserError(`The preset ${file.display} is invalid.`, {problems: parsed.problems});
  return {...parsed.preset, locate: file.locate};
}

/** Reads a chart's questions file, if any; a broken questions file stops everything. */
export async function loadQuestions(chartDir: string, cwd: string): Promise<QuestionFile | undefined> {
  const path = chartQuestionsFile(chartDir);
  if (!path) return undefined;
  const file = await readYamlFile(path, {cwd, what: 'questions file', mapping: false, rancher: true});
  const questions = parseQuestions(file.value, {source: file.display, locate: file.locate, notes: file.warnings});
  if (hasFatalProblems(questions)) {
    throw new UserError(`The chart's questions file ${file.display} is invalid.`, {
      problems: questions.problems
        .filter((problem) => problem.severity === 'error')
        .map(({where, message, hint}) => ({where, message, ...(hint ? {hint} : {})})),
      hint: `Run 'buntime-deploy questions check ${file.display}' for details.`,
    });
  }
  return questions;
}

/** Loads all inputs; throws one UserError listing every problem found. */
export async function loadRenderInputs(options: LoadInputsOptions): Promise<LoadedInputs> {
  const problems: Problem[] = [];
  const chartDir = resolveChartDir(options.chart, options.cwd);
  const defaultsFile = await readYamlFile(join(chartDir, 'values.yaml'), {
    cwd: options.cwd,
    what: "chart's values.yaml",
  });
  const schemaPath = join(chartDir, 'values.schema.json');
  const schemaFile = existsSync(schemaPath)
    ? await readYamlFile(schemaPath, {cwd: options.cwd, what: "chart's values.schema.json"})
    : undefined;
  const questions = await collect(problems, () => loadQuestions(chartDir, options.cwd));
  const preset =
    options.preset === undefined
      ? undefined
      : await collect(problems, () => loadPreset(options.preset as string, options.cwd));
  const files: ValuesLayer[] = [];
  for (const path of options.values ?? []) {
    const file = await collect(problems, () =>
      readYamlFile(path, {cwd: options.cwd, what: 'values file', ...(options.stdin ? {stdin: options.stdin} : {})}),
    );
    if (file) files.push({label: file.display, values: file.value as Values, locate: file.locate});
  }
  // Problems are listed in the order the layers apply: preset, files, then --set.
  const sets: SetAssignment[] = [];
  for (const argument of options.sets ?? []) {
    const parsed = parseSet(argument);
    if (parsed.ok) sets.push(...parsed.assignments);
    else
      problems.push({
        where: `--set ${argument}`,
        message: parsed.error,
        hint: 'Write --set path.to.key=value (lists: key={a,b}; escape dots in keys with \\.).',
      });
  }
  if (problems.length > 0) {
    throw new UserError(
      problems.length === 1
        ? 'The input has a problem; nothing was rendered or written.'
        : `The input has ${problems.length} problems; nothing was rendered or written.`,
      {problems},
    );
  }
  return {
    chartDir,
    chartDefaults: defaultsFile.value as Values,
    ...(schemaFile ? {schema: schemaFile.value as Values} : {}),
    ...(questions ? {questions} : {}),
    ...(preset ? {preset} : {}),
    files,
    sets,
  };
}
