/**
 * `questions check`: everything `parseQuestions` tolerates but a chart author should fix — unknown
 * types, show_if on unknown variables, defaults outside min/max/options, variables the chart's
 * values.yaml does not have, show_if conditions that read each other, and show_if constructs some
 * Rancher dashboard releases evaluate differently.
 */
import {closest} from '../suggest.js';
import {checkPath, knownPaths} from '../values/known-paths.js';
import {type Values, getPath} from '../values/paths.js';
import {compileCharRule} from './chars.js';
import {coerceAnswer} from './coerce.js';
import {type Condition, conditionVariables} from './condition.js';
import {
  KNOWN_TYPES,
  type Question,
  type QuestionFile,
  type QuestionFileProblem,
  isNumericType,
  isStringType,
} from './types.js';
import {validateValue} from './validate.js';

export interface LintOptions {
  /** The chart's values.yaml; enables the "variable missing from values.yaml" checks. */
  readonly chartValues?: Values;
}

function finding(
  question: Question,
  severity: 'error' | 'warning',
  message: string,
  hint?: string,
): QuestionFileProblem {
  return {severity, where: question.location.where, variable: question.variable, message, ...(hint ? {hint} : {})};
}

/** Spellings from other form schemas, mapped to the Rancher type meant. */
const TYPE_ALIASES: Record<string, string> = {
  integer: 'int',
  number: 'float',
  bool: 'boolean',
  text: 'string',
  str: 'string',
  select: 'enum',
  dropdown: 'enum',
  radio: 'enum',
  storage_class: 'storageclass',
};

function lintType(question: Question): QuestionFileProblem[] {
  const raw = question.rawType.trim().toLowerCase();
  if ((KNOWN_TYPES as readonly string[]).includes(raw)) return [];
  const suggestion = TYPE_ALIASES[raw] ?? closest(raw, KNOWN_TYPES);
  return [
    finding(
      question,
      'error',
      `type '${question.rawType}' is not supported; it would be asked as a plain string`,
      `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Known types: ${KNOWN_TYPES.join(', ')}.`,
    ),
  ];
}

function lintDefault(question: Question): QuestionFileProblem[] {
  const raw = question.rawDefault;
  if (raw === undefined || raw === null || raw === '') return [];
  const coerced = coerceAnswer(question, raw);
  if (!coerced.ok)
    return [finding(question, 'error', `default ${JSON.stringify(raw)}: ${coerced.message}`, coerced.hint)];
  const problem = validateValue({...question, required: false}, coerced.value);
  return problem
    ? [
        finding(
          question,
          'error',
          `default ${question.type === 'password' ? '(hidden)' : JSON.stringify(raw)} is invalid: ${problem.message}`,
          'Fix the default or the limits so the default passes them.',
        ),
      ]
    : [];
}

function lintFields(question: Question): QuestionFileProblem[] {
  const out: QuestionFileProblem[] = [];
  if ((question.min !== undefined || question.max !== undefined) && !isNumericType(question.type)) {
    out.push(
      finding(
        question,
        'warning',
        `min/max apply to int and float questions only; ignored for type ${question.type}`,
        'Use min_length/max_length for text.',
      ),
    );
  }
  if (
    (question.minLength !== undefined ||
      question.maxLength !== undefined ||
      question.validChars !== undefined ||
      question.invalidChars !== undefined) &&
    !isStringType(question.type)
  ) {
    out.push(
      finding(
        question,
        'warning',
        `length and character rules apply to text questions only; ignored for type ${question.type}`,
      ),
    );
  }
  if (question.options && question.type !== 'enum')
    out.push(finding(question, 'warning', `options are ignored for type ${question.type}`, 'Use type: enum.'));
  for (const source of [question.validChars, question.invalidChars]) {
    const rule = source === undefined ? undefined : compileCharRule(source);
    if (rule && typeof rule !== 'string' && rule.kind === 'anchored') {
      out.push(
        finding(
          question,
          'warning',
          `'${source}' is a full regex, matched against the whole value`,
          'valid_chars/invalid_chars are meant as character-class bodies such as a-z0-9-',
        ),
      );
    }
  }
  if (question.subquestions.length > 0 && typeof question.showSubquestionIf === 'string' && question.type === 'enum') {
    const values = (question.options ?? []).map((option) => String(option.value));
    if (!['true', 'false'].includes(question.showSubquestionIf) && !values.includes(question.showSubquestionIf)) {
      out.push(
        finding(
          question,
          'error',
          `show_subquestion_if '${question.showSubquestionIf}' is not one of the options, so the subquestions never show`,
          `Options: ${values.join(', ')}.`,
        ),
      );
    }
  }
  return out;
}

function lintReferences(file: QuestionFile, question: Question, options: LintOptions): QuestionFileProblem[] {
  if (!question.showIf) return [];
  const variables = new Set(file.all.map((item) => item.variable));
  const out: QuestionFileProblem[] = [];
  for (const variable of conditionVariables(question.showIf)) {
    if (variables.has(variable)) continue;
    if (options.chartValues && getPath(options.chartValues, variable) !== undefined) continue;
    const suggestion = closest(variable, [...variables]);
    const hint = `${suggestion ? `Did you mean '${suggestion}'? ` : ''}${options.chartValues ? 'It is neither a question nor a key of values.yaml.' : 'If it is a value without a question, pass --chart DIR to check it against values.yaml.'}`;
    out.push(
      finding(
        question,
        options.chartValues ? 'error' : 'warning',
        `show_if '${question.showIfSource ?? ''}' refers to '${variable}', which no question sets`,
        hint,
      ),
    );
  }
  return out;
}

/** Every `key=value` / `key!=value` / bare `key` of a condition. */
type Comparison = Extract<Condition, {kind: 'compare' | 'set'}>;
function comparisons(condition: Condition): Comparison[] {
  if (condition.kind === 'compare' || condition.kind === 'set') return [condition];
  return condition.items.flatMap(comparisons);
}

/** True when `question` shows only while `variable` is empty (`variable=` somewhere in an && chain). */
function showsWhileEmpty(question: Question, variable: string): boolean {
  const condition = question.showIf;
  if (!condition) return false;
  const required = condition.kind === 'and' ? condition.items : [condition];
  return required.some((item) => item.kind === 'compare' && item.key === variable && !item.negate && item.value === '');
}

/**
 * show_if conditions that read each other. The engine, like the Rancher dashboard, decides each from
 * the other's current value (never from whether the other is shown), so there is no cycle to break:
 * two questions that each show while the other is empty are a common idiom and pass silently; any
 * other loop is a warning, because answering one hides the other.
 */
function lintCycles(file: QuestionFile): QuestionFileProblem[] {
  const byVariable = new Map<string, Question[]>();
  for (const question of file.all)
    byVariable.set(question.variable, [...(byVariable.get(question.variable) ?? []), question]);
  const state = new Map<Question, 'visiting' | 'done'>();
  const out: QuestionFileProblem[] = [];
  const visit = (question: Question, trail: Question[]): void => {
    const current = state.get(question);
    if (current === 'done') return;
    if (current === 'visiting') {
      const loop = [...trail.slice(trail.indexOf(question)), question];
      const exclusive = loop
        .slice(0, -1)
        .every((item, index) => showsWhileEmpty(item, (loop[index + 1] as Question).variable));
      const cycle = loop.map((item) => item.variable).join(' → ');
      if (!exclusive && !out.some((item) => item.message.includes(cycle)))
        out.push(
          finding(
            question,
            'warning',
            `show_if conditions read each other: ${cycle}`,
            "As in the Rancher dashboard, each is decided by the other's current answer, so answering one can hide the other; make sure that is intended.",
          ),
        );
      return;
    }
    state.set(question, 'visiting');
    const deps = question.showIf
      ? conditionVariables(question.showIf).flatMap((variable) => byVariable.get(variable) ?? [])
      : [];
    for (const dep of deps) visit(dep, [...trail, question]);
    state.set(question, 'done');
  };
  for (const question of file.all) visit(question, []);
  return out;
}

const DASHBOARD = 'rancher/dashboard shell/components/Questions/index.vue';

/**
 * show_if constructs that this engine evaluates as written but that some Rancher dashboard releases
 * evaluate differently (a show_if the dashboard cannot evaluate makes it show the question always).
 */
function lintDashboard(question: Question): QuestionFileProblem[] {
  const source = question.showIfSource;
  if (!source || !question.showIf) return [];
  const out: QuestionFileProblem[] = [];
  const warn = (message: string, hint: string): void => {
    out.push(finding(question, 'warning', `show_if '${source}': ${message}`, hint));
  };
  const items = comparisons(question.showIf);
  if (items.some((item) => item.kind === 'compare' && item.negate))
    warn(
      'some dashboard releases misread != (their migrate() splits key!=value at the last =, e.g. @ 5219665, so the expression fails and the question is always shown)',
      `Prefer key=value with the other option(s) joined by || where you can; newer ${DASHBOARD} releases split at the first operator.`,
    );
  if (/(^|&&|\|\|)\s*\(/.test(source))
    warn(
      'the dashboard does not group with parentheses: it splits on || and && first, the parts fail to evaluate and the question is always shown (rancher/dashboard#14523)',
      'Rewrite without parentheses: && binds tighter than ||, so (a||b)&&c is a&&c||b&&c.',
    );
  if (/(!=|=)\s*(["']).*\2\s*(&&|\|\||\)|$)/.test(source))
    warn(
      'the dashboard keeps the quotes as part of the value (the expression fails and the question is always shown)',
      'Write the value without quotes: the text after = up to && or || is the value, spaces included.',
    );
  if (items.some((item) => item.kind === 'compare' && item.value.includes('=')))
    warn(
      'the value contains =; dashboard releases differ on which = separates the key from the value',
      'Avoid = inside show_if values.',
    );
  if (items.some((item) => item.kind === 'set'))
    warn(
      'a bare variable is a Jexl expression in the dashboard (shown when its value is truthy)',
      'Write key!= for "not empty", which every release reads the same way.',
    );
  if (items.some((item) => item.key.includes('-')))
    warn(
      "a variable name contains '-': the dashboard's Jexl reads it as a subtraction and falls back to its legacy evaluator only when the result is false (rancher/dashboard#4706)",
      'Prefer variable names without hyphens in show_if.',
    );
  return out;
}

function lintChart(
  question: Question,
  chartValues: Values,
  known: ReturnType<typeof knownPaths>,
): QuestionFileProblem[] {
  const check = checkPath(known, question.variable);
  if (!check.known) {
    return [
      finding(
        question,
        'error',
        `variable '${question.variable}' is not in the chart's values.yaml, so the answer would be ignored`,
        check.closest ? `Did you mean '${check.closest}'?` : 'Add it to values.yaml or fix the variable.',
      ),
    ];
  }
  const chartDefault = getPath(chartValues, question.variable);
  if (
    question.default === undefined ||
    chartDefault === undefined ||
    chartDefault === '' ||
    typeof chartDefault === 'object'
  )
    return [];
  const coerced = coerceAnswer(question, chartDefault);
  if (coerced.ok && String(coerced.value) !== String(question.default)) {
    return [
      finding(
        question,
        'warning',
        `default ${JSON.stringify(question.default)} differs from values.yaml (${JSON.stringify(chartDefault)}); values.yaml wins, as in Rancher`,
        'Make them equal so the form shows what will be installed.',
      ),
    ];
  }
  return [];
}

/** All lint findings for a parsed file (parse problems are in `file.problems` and are not repeated). */
export function lintQuestions(file: QuestionFile, options: LintOptions = {}): QuestionFileProblem[] {
  const known = options.chartValues ? knownPaths(options.chartValues) : undefined;
  const out: QuestionFileProblem[] = [];
  for (const question of file.all) {
    out.push(
      ...lintType(question),
      ...lintDefault(question),
      ...lintFields(question),
      ...lintReferences(file, question, options),
      ...lintDashboard(question),
    );
    if (options.chartValues && known) out.push(...lintChart(question, options.chartValues, known));
  }
  out.push(...lintCycles(file));
  return out;
}
