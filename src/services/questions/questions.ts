/**
 * `buntime-deploy questions check FILE [--chart DIR] [--json]` lints a Rancher questions file;
 * `buntime-deploy questions eval FILE --answers A.yaml [--chart DIR] [--json]` evaluates it.
 *
 * `eval --json` is a contract for chart authors and CI:
 *   {"visible": [variables in display order], "hidden": [...], "values": {nested, after defaults},
 *    "errors": [{"variable", "reason", "message"}]}
 * with reason one of required|below_min|above_max|too_short|too_long|invalid_chars|type|option.
 * Exit codes: 0 no errors; 1 the answers have errors (eval); 2 the file itself is invalid.
 */
import {join} from 'node:path';
import {UserError} from '../../core/errors.js';
import {evaluateQuestions, visibleByGroup} from '../../core/questions/evaluate.js';
import {lintQuestions} from '../../core/questions/lint.js';
import {parseQuestions} from '../../core/questions/parse.js';
import type {QuestionFile, QuestionFileProblem} from '../../core/questions/types.js';
import type {Values} from '../../core/values/paths.js';
import {mask, maskText, secretPaths, secretStrings} from '../../core/values/secrets.js';
import {readStream, readYamlFile} from '../../adapters/files.js';
import {resolveChartDir} from '../../adapters/package-root.js';
import type {Style} from '../../ui/style.js';
import type {Context} from '../../context.js';

export interface QuestionsOptions {
  readonly sub: 'check' | 'eval';
  readonly file: string;
  readonly chart?: string;
  readonly answers?: string;
  readonly json: boolean;
}

async function readQuestionsFile(path: string, ctx: Context): Promise<QuestionFile> {
  const file = await readYamlFile(path, {cwd: ctx.cwd, what: 'questions file', mapping: false, rancher: true});
  return parseQuestions(file.value, {source: file.display, locate: file.locate, notes: file.warnings});
}

async function chartValues(flag: string | undefined, ctx: Context): Promise<Values | undefined> {
  if (flag === undefined) return undefined;
  const dir = resolveChartDir(flag, ctx.cwd);
  return (await readYamlFile(join(dir, 'values.yaml'), {cwd: ctx.cwd, what: "chart's values.yaml"})).value as Values;
}

function formatProblems(problems: readonly QuestionFileProblem[], style: Style): string {
  return problems
    .map((problem) => {
      const mark = problem.severity === 'error' ? style.error('✖ error') : style.warn('▲ warning');
      const head = `${mark} ${style.bold(problem.where)}${problem.variable ? ` (${problem.variable})` : ''}: ${problem.message}`;
      return problem.hint ? `${head}\n    ${style.dim(`→ ${problem.hint}`)}` : head;
    })
    .join('\n');
}

function sortProblems(problems: readonly QuestionFileProblem[]): QuestionFileProblem[] {
  return [
    ...problems.filter((item) => item.severity === 'error'),
    ...problems.filter((item) => item.severity === 'warning'),
  ];
}

async function check(path: string, options: QuestionsOptions, ctx: Context): Promise<number> {
  const file = await readQuestionsFile(path, ctx);
  const values = await chartValues(options.chart, ctx);
  const problems = sortProblems([...file.problems, ...lintQuestions(file, values ? {chartValues: values} : {})]);
  const errors = problems.filter((item) => item.severity === 'error').length;
  if (options.json) {
    ctx.stdout.write(
      `${JSON.stringify({ok: errors === 0, questions: file.all.length, groups: file.groups, problems}, null, 2)}\n`,
    );
    return errors > 0 ? 2 : 0;
  }
  if (problems.length > 0) ctx.stderr.write(`${formatProblems(problems, ctx.style)}\n`);
  const summary = `${file.source}: ${file.all.length} question(s) in ${file.groups.length} group(s); ${errors} error(s), ${problems.length - errors} warning(s).`;
  if (errors > 0)
    throw new UserError(summary, {
      hint: 'Fix the errors above; unknown types and unknown show_if variables are errors because Rancher would silently misbehave.',
    });
  ctx.stdout.write(`${ctx.style.ok('✔')} ${summary}\n`);
  return 0;
}

async function evaluate(path: string, options: QuestionsOptions, ctx: Context): Promise<number> {
  const answersPath = options.answers;
  if (answersPath === undefined)
    throw new UserError("'questions eval' needs --answers FILE.", {
      hint: 'buntime-deploy questions eval questions.yml --answers answers.yaml --json',
    });
  const file = await readQuestionsFile(path, ctx);
  const fatal = file.problems.filter((item) => item.severity === 'error');
  if (fatal.length > 0) {
    ctx.stderr.write(`${formatProblems(fatal, ctx.style)}\n`);
    throw new UserError(`The questions file ${file.source} is invalid; nothing was evaluated.`, {
      hint: `Run 'buntime-deploy questions check ${file.source}' for details.`,
    });
  }
  const answers = await readYamlFile(answersPath, {
    cwd: ctx.cwd,
    what: 'answers file',
    stdin: () => readStream(ctx.stdin),
  });
  const base = await chartValues(options.chart, ctx);
  const result = evaluateQuestions(file, {base: base ?? {}, answers: answers.value as Values});
  const secrets = secretPaths(file.all);
  const scrub = secretStrings(result.values, secrets);
  const values = mask(result.values, secrets);
  if (options.json) {
    const report = {
      visible: result.visible,
      hidden: result.hidden,
      values,
      errors: result.errors.map(({variable, reason, message}) => ({
        variable,
        reason,
        message: maskText(message, scrub),
      })),
    };
    ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return result.errors.length > 0 ? 1 : 0;
  }
  const lines: string[] = [];
  for (const {group, states} of visibleByGroup(result)) {
    lines.push(ctx.style.bold(group || 'Questions'));
    for (const state of states) {
      const shown =
        secrets.includes(state.question.variable) && state.value !== '' && state.value !== undefined
          ? '••••••••'
          : JSON.stringify(state.value ?? null);
      const mark = state.error ? ctx.style.error('✖') : ctx.style.ok('✔');
      lines.push(
        `  ${mark} ${state.question.variable} = ${shown} ${ctx.style.dim(`(${state.source})`)}${state.error ? ` — ${state.error.reason}: ${maskText(state.error.message, scrub)}` : ''}`,
      );
    }
  }
  if (result.hidden.length > 0) lines.push(ctx.style.dim(`Hidden: ${result.hidden.join(', ')}`));
  if (result.dropped.length > 0)
    lines.push(ctx.style.warn(`Answers ignored because their question is hidden: ${result.dropped.join(', ')}`));
  ctx.stdout.write(`${lines.join('\n')}\n`);
  if (result.errors.length > 0) {
    ctx.stderr.write(`${ctx.style.error('✖')} ${result.errors.length} answer error(s).\n`);
    return 1;
  }
  return 0;
}

export async function runQuestions(options: QuestionsOptions, ctx: Context): Promise<number> {
  return options.sub === 'check' ? check(options.file, options, ctx) : evaluate(options.file, options, ctx);
}
