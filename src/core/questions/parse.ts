/**
 * Reads a Rancher questions.yml (already parsed from YAML) into the Question model. Structural
 * problems (no `variable`, a show_if that does not parse, min > max…) are `error`s: the file cannot
 * be evaluated. Things Rancher tolerates (unknown keys, Jexl `if`) are `warning`s. Type and default
 * checks that do not stop evaluation live in lint.ts.
 */
import {isPlainObject} from '../values/paths.js';
import {closest} from '../suggest.js';
import {compileCharRule} from './chars.js';
import {coerceAnswer} from './coerce.js';
import {type Condition, parseCondition} from './condition.js';
import {
  KNOWN_TYPES,
  type Question,
  type QuestionFile,
  type QuestionFileMeta,
  type QuestionFileProblem,
  type QuestionOption,
  type QuestionType,
} from './types.js';

/** Maps a path inside the YAML document to `file:line:col` (or just the file when unknown). */
export type Locate = (path: readonly (string | number)[]) => string;

const QUESTION_KEYS = [
  'variable',
  'label',
  'description',
  'type',
  'required',
  'default',
  'group',
  'min_length',
  'max_length',
  'min',
  'max',
  'options',
  'valid_chars',
  'invalid_chars',
  'subquestions',
  'show_if',
  'show_subquestion_if',
  // Undocumented or dashboard-only keys seen in real charts; accepted quietly.
  'show_subquestions_if',
  'satisfies',
  'tooltip',
  'multiple',
  'searchable',
  'hidden',
  // Jexl expressions of the dashboard; accepted but not evaluated (warned).
  'if',
  'subquestions_if',
  'subquestion_if',
];
const FILE_KEYS = ['questions', 'rancher_min_version', 'rancher_max_version', 'categories', 'namespace', 'labels'];

interface Ctx {
  readonly locate: Locate;
  readonly problems: QuestionFileProblem[];
  readonly groups: Map<string, string>;
}

function problem(
  ctx: Ctx,
  severity: 'error' | 'warning',
  path: readonly (string | number)[],
  message: string,
  extra: {variable?: string; hint?: string} = {},
): void {
  ctx.problems.push({severity, where: ctx.locate(path), message, ...extra});
}

function readNumber(
  ctx: Ctx,
  raw: Record<string, unknown>,
  key: string,
  path: readonly (string | number)[],
  variable: string,
): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : NaN;
  if (Number.isNaN(number)) {
    problem(ctx, 'error', [...path, key], `${key} must be a number (got ${JSON.stringify(value)})`, {
      variable,
      hint: `Write ${key}: 10`,
    });
    return undefined;
  }
  return number;
}

function readString(
  ctx: Ctx,
  raw: Record<string, unknown>,
  key: string,
  path: readonly (string | number)[],
  variable: string,
): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  problem(ctx, 'error', [...path, key], `${key} must be text`, {variable});
  return undefined;
}

function readOptions(
  ctx: Ctx,
  raw: unknown,
  path: readonly (string | number)[],
  variable: string,
): QuestionOption[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) {
    const options: QuestionOption[] = [];
    raw.forEach((item, index) => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
        options.push({value: item, label: String(item)});
      // `- null` (or `- ~`, `-`): Rancher's select shows an empty entry; choosing it leaves the value empty.
      else if (item === null) options.push({value: '', label: ''});
      else
        problem(ctx, 'error', [...path, 'options', index], 'each option must be a plain value', {
          variable,
          hint: 'Use a list of values, or a mapping value: label.',
        });
    });
    return options;
  }
  if (isPlainObject(raw))
    return Object.entries(raw).map(([value, label]) => ({
      value,
      label: label === null || label === undefined ? value : String(label),
    }));
  problem(ctx, 'error', [...path, 'options'], 'options must be a list or a mapping of value: label', {variable});
  return undefined;
}

function readCondition(
  ctx: Ctx,
  raw: unknown,
  path: readonly (string | number)[],
  key: string,
  variable: string,
): Condition | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') {
    problem(ctx, 'error', [...path, key], `${key} must be a string such as "a=b&&c!=d"`, {variable});
    return undefined;
  }
  const parsed = parseCondition(raw);
  if (!parsed.ok) {
    problem(ctx, 'error', [...path, key], `${key} '${raw}' does not parse: ${parsed.error}`, {
      variable,
      hint: 'Write key=value or key!=value joined with && and ||; group with parentheses; quote values with spaces.',
    });
    return undefined;
  }
  return parsed.condition;
}

function groupName(ctx: Ctx, group: string): string {
  // Rancher groups tabs case-insensitively and shows the first spelling.
  const key = group.trim().toLowerCase();
  const known = ctx.groups.get(key);
  if (known !== undefined) return known;
  ctx.groups.set(key, group.trim());
  return group.trim();
}

function readQuestion(
  ctx: Ctx,
  raw: unknown,
  path: readonly (string | number)[],
  depth: number,
  parentGroup: string,
): Question | undefined {
  if (!isPlainObject(raw)) {
    problem(ctx, 'error', path, 'each question must be a mapping with at least variable and label');
    return undefined;
  }
  const variable = raw['variable'];
  if (typeof variable !== 'string' || variable.trim() === '') {
    problem(ctx, 'error', path, 'question has no variable', {hint: 'Add variable: some.values.path'});
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (QUESTION_KEYS.includes(key)) continue;
    const suggestion = closest(key, QUESTION_KEYS);
    problem(ctx, 'warning', [...path, key], `unknown key '${key}' (ignored)`, {
      variable,
      ...(suggestion ? {hint: `Did you mean '${suggestion}'?`} : {}),
    });
  }
  for (const key of ['if', 'subquestions_if', 'subquestion_if']) {
    if (raw[key] !== undefined)
      problem(ctx, 'warning', [...path, key], `'${key}' (a dashboard Jexl expression) is not evaluated`, {
        variable,
        hint: 'Use show_if / show_subquestion_if.',
      });
  }
  const rawType = raw['type'] === undefined || raw['type'] === null ? 'string' : raw['type'];
  if (typeof rawType !== 'string') {
    problem(ctx, 'error', [...path, 'type'], 'type must be text', {variable});
    return undefined;
  }
  const lowered = rawType.trim().toLowerCase();
  const type: QuestionType = (KNOWN_TYPES as readonly string[]).includes(lowered)
    ? (lowered as QuestionType)
    : 'string';
  const label = readString(ctx, raw, 'label', path, variable);
  if (label === undefined)
    problem(ctx, 'warning', path, 'question has no label', {
      variable,
      hint: 'Rancher requires label; the variable is shown instead.',
    });
  const description = readString(ctx, raw, 'description', path, variable);
  const groupRaw = readString(ctx, raw, 'group', path, variable);
  const group = groupRaw && groupRaw.trim() !== '' ? groupName(ctx, groupRaw) : parentGroup;

  let required = false;
  const requiredRaw = raw['required'];
  if (requiredRaw === true || requiredRaw === 'true') required = true;
  else if (requiredRaw !== undefined && requiredRaw !== null && requiredRaw !== false && requiredRaw !== 'false') {
    problem(ctx, 'error', [...path, 'required'], 'required must be true or false', {variable});
  }

  const min = readNumber(ctx, raw, 'min', path, variable);
  const max = readNumber(ctx, raw, 'max', path, variable);
  const minLength = readNumber(ctx, raw, 'min_length', path, variable);
  const maxLength = readNumber(ctx, raw, 'max_length', path, variable);
  if (min !== undefined && max !== undefined && min > max)
    problem(ctx, 'error', [...path, 'min'], `min ${min} is greater than max ${max}`, {variable});
  if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
    problem(ctx, 'error', [...path, 'min_length'], `min_length ${minLength} is greater than max_length ${maxLength}`, {
      variable,
    });
  }
  for (const [key, value] of [
    ['min_length', minLength],
    ['max_length', maxLength],
  ] as const) {
    if (value !== undefined && (value < 0 || !Number.isInteger(value)))
      problem(ctx, 'error', [...path, key], `${key} must be a whole number ≥ 0`, {variable});
  }

  const options = readOptions(ctx, raw['options'], path, variable);
  if (type === 'enum' && (!options || options.length === 0)) {
    // Rancher accepts it (an empty select); the answer, typically from values or a default, is text.
    problem(ctx, 'warning', [...path, 'type'], 'an enum question without options: Rancher shows an empty list', {
      variable,
      hint: 'Add options: [a, b] or options: {a: Label A}, or use type: string. Until then any answer is taken as text.',
    });
  }
  const validChars = readString(ctx, raw, 'valid_chars', path, variable);
  const invalidChars = readString(ctx, raw, 'invalid_chars', path, variable);
  for (const [key, source] of [
    ['valid_chars', validChars],
    ['invalid_chars', invalidChars],
  ] as const) {
    if (source === undefined) continue;
    const rule = compileCharRule(source);
    if (typeof rule === 'string')
      problem(ctx, 'error', [...path, key], `${key} ${rule}`, {
        variable,
        hint: 'Write a character-class body such as a-z0-9.-',
      });
  }

  const showIfSource = typeof raw['show_if'] === 'string' ? raw['show_if'] : undefined;
  const showIf = readCondition(ctx, raw['show_if'], path, 'show_if', variable);
  const triggerKey = raw['show_subquestion_if'] !== undefined ? 'show_subquestion_if' : 'show_subquestions_if';
  const triggerRaw = raw[triggerKey];
  let showSubquestionIf: boolean | string | undefined;
  if (typeof triggerRaw === 'boolean' || typeof triggerRaw === 'string') showSubquestionIf = triggerRaw;
  else if (typeof triggerRaw === 'number') showSubquestionIf = String(triggerRaw);
  else if (triggerRaw !== undefined && triggerRaw !== null)
    problem(ctx, 'error', [...path, triggerKey], `${triggerKey} must be true, false or a value`, {variable});

  const subquestions: Question[] = [];
  const subRaw = raw['subquestions'];
  if (subRaw !== undefined && subRaw !== null) {
    if (!Array.isArray(subRaw))
      problem(ctx, 'error', [...path, 'subquestions'], 'subquestions must be a list of questions', {variable});
    else {
      subRaw.forEach((child, index) => {
        const sub = readQuestion(ctx, child, [...path, 'subquestions', index], depth + 1, group);
        if (sub) subquestions.push(sub);
      });
    }
  }

  const rawDefault = raw['default'];
  const coerced =
    rawDefault === undefined ? undefined : coerceAnswer({type, ...(options ? {options} : {})}, rawDefault);
  return {
    variable: variable.trim(),
    label: label ?? variable,
    ...(description !== undefined ? {description} : {}),
    type,
    rawType,
    required,
    ...(coerced?.ok && coerced.value !== undefined ? {default: coerced.value} : {}),
    ...(rawDefault !== undefined ? {rawDefault} : {}),
    group,
    ...(min !== undefined ? {min} : {}),
    ...(max !== undefined ? {max} : {}),
    ...(minLength !== undefined ? {minLength} : {}),
    ...(maxLength !== undefined ? {maxLength} : {}),
    ...(options ? {options} : {}),
    ...(validChars !== undefined ? {validChars} : {}),
    ...(invalidChars !== undefined ? {invalidChars} : {}),
    ...(showIf ? {showIf} : {}),
    ...(showIfSource !== undefined ? {showIfSource} : {}),
    ...(showSubquestionIf !== undefined ? {showSubquestionIf} : {}),
    subquestions,
    location: {where: ctx.locate(path)},
    depth,
  };
}

function readMeta(ctx: Ctx, root: Record<string, unknown>): QuestionFileMeta {
  const text = (key: string): string | undefined =>
    typeof root[key] === 'string' || typeof root[key] === 'number' ? String(root[key]) : undefined;
  const categories = Array.isArray(root['categories']) ? root['categories'].map(String) : undefined;
  const labels = isPlainObject(root['labels'])
    ? Object.fromEntries(Object.entries(root['labels']).map(([k, v]) => [k, String(v)]))
    : undefined;
  for (const key of Object.keys(root)) {
    if (FILE_KEYS.includes(key)) continue;
    const suggestion = closest(key, FILE_KEYS);
    problem(
      ctx,
      'warning',
      [key],
      `unknown top-level key '${key}' (ignored)`,
      suggestion ? {hint: `Did you mean '${suggestion}'?`} : {},
    );
  }
  const min = text('rancher_min_version');
  const max = text('rancher_max_version');
  const namespace = text('namespace');
  return {
    ...(min !== undefined ? {rancherMinVersion: min} : {}),
    ...(max !== undefined ? {rancherMaxVersion: max} : {}),
    ...(categories ? {categories} : {}),
    ...(namespace !== undefined ? {namespace} : {}),
    ...(labels ? {labels} : {}),
  };
}

function flatten(questions: readonly Question[]): Question[] {
  return questions.flatMap((question) => [question, ...flatten(question.subquestions)]);
}

/**
 * Parses the YAML root of a questions file. Never throws for bad content: see `problems`. `notes`
 * are warnings from reading the file (what a lenient YAML read accepted), listed first.
 */
export function parseQuestions(
  root: unknown,
  options: {
    source: string;
    locate?: Locate;
    notes?: ReadonlyArray<{readonly where?: string; readonly message: string; readonly hint?: string}>;
  },
): QuestionFile {
  const ctx: Ctx = {
    locate: options.locate ?? (() => options.source),
    problems: (options.notes ?? []).map((note) => ({
      severity: 'warning',
      where: note.where ?? options.source,
      message: note.message,
      ...(note.hint ? {hint: note.hint} : {}),
    })),
    groups: new Map(),
  };
  const empty = {source: options.source, meta: {}, questions: [], all: [], groups: [], problems: ctx.problems};
  if (!isPlainObject(root)) {
    problem(ctx, 'error', [], 'a questions file must be a mapping with a questions: list');
    return empty;
  }
  if (!Array.isArray(root['questions'])) {
    problem(
      ctx,
      'error',
      root['questions'] === undefined ? [] : ['questions'],
      'questions: must be a list of questions',
      {hint: 'Start the file with questions: and a list of - variable: … items.'},
    );
    return {...empty, meta: readMeta(ctx, root)};
  }
  const meta = readMeta(ctx, root);
  const questions: Question[] = [];
  root['questions'].forEach((raw, index) => {
    const question = readQuestion(ctx, raw, ['questions', index], 0, '');
    if (question) questions.push(question);
  });
  const all = flatten(questions);
  const seen = new Map<string, Question>();
  for (const question of all) {
    const first = seen.get(question.variable);
    if (first && !first.showIf && !question.showIf && question.depth === first.depth && question.depth === 0) {
      problem(
        ctx,
        'warning',
        [],
        `variable '${question.variable}' is asked twice without show_if (${first.location.where} and ${question.location.where})`,
        {
          variable: question.variable,
          hint: 'The first visible question wins; remove the duplicate or give each a show_if.',
        },
      );
    }
    if (!first) seen.set(question.variable, question);
  }
  return {source: options.source, meta, questions, all, groups: orderGroups(questions), problems: ctx.problems};
}

function orderGroups(questions: readonly Question[]): string[] {
  const groups: string[] = [];
  for (const question of flatten(questions)) if (!groups.includes(question.group)) groups.push(question.group);
  return groups;
}

/** True when the file has an `error` problem and cannot be evaluated. */
export function hasFatalProblems(file: QuestionFile): boolean {
  return file.problems.some((item) => item.severity === 'error');
}
