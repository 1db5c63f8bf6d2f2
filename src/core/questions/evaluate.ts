/**
 * The questions engine. One pure function, `evaluateQuestions`, turns a questions file plus
 * {base values, answers, preset defaults} into what is visible, each question's value and source,
 * every validation error, and the resulting values. CI calls it once with an answers file; the
 * wizard calls it again after every answer (withAnswer) and asks `nextQuestion` — same code path.
 *
 * Visibility follows the Rancher dashboard (rancher/dashboard shell/components/Questions/index.vue,
 * `shouldShow`): a show_if reads the current values — answers over the base, then the question's
 * own default — whether or not the question that sets them is shown, and never another question's
 * visibility. So file order does not matter, and two questions that each show while the other is
 * empty are decided by the answers (no cycle). A subquestion shows when its parent does and the
 * parent's value passes show_subquestion_if. Hidden answers are then dropped from the values
 * (Rancher keeps and sends them; see `dropped`).
 */
import {type Values, deletePath, getPath, hasPath, mergeValues, setPath} from '../values/paths.js';
import {coerceAnswer} from './coerce.js';
import {evaluateCondition, subquestionsShown} from './condition.js';
import type {Question, QuestionError, QuestionFile} from './types.js';
import {validateValue} from './validate.js';

export interface EvaluateInput {
  /** Values the answers apply on top of: chart defaults ← preset values (← the live release). */
  readonly base?: Values;
  /** Raw answers: nested values, or Rancher-style flat keys (`ingress.host: x`). Strings are coerced. */
  readonly answers?: Values;
  /** Preset `questionDefaults` (dotted keys): pre-filled answers that lose to real answers. */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/** Where a question's value came from, so a review screen can say "from preset" or "chart default". */
export type ValueSource = 'answer' | 'preset' | 'base' | 'default' | 'none';

export interface QuestionState {
  readonly question: Question;
  readonly visible: boolean;
  /** The value as it will be written (coerced); for a hidden question, the base value. */
  readonly value: unknown;
  readonly source: ValueSource;
  readonly error?: QuestionError;
}

export interface Evaluation {
  /** Every question in display order (groups by first appearance, subquestions after parents). */
  readonly states: readonly QuestionState[];
  readonly visible: readonly string[];
  readonly hidden: readonly string[];
  /** Answers layer: non-question answers plus every visible question's value; hidden answers removed. */
  readonly values: Values;
  readonly errors: readonly QuestionError[];
  /** Variables that were answered but whose question is hidden: their answers were dropped. */
  readonly dropped: readonly string[];
}

/** Expands Rancher-style flat keys (`a.b: 1` at the top level) into nested values. */
export function normalizeAnswers(answers: Values): Values {
  let out: Values = {};
  for (const [key, value] of Object.entries(answers)) {
    out = key.includes('.') ? setPath(out, key, value) : mergeValues(out, {[key]: value});
  }
  return out;
}

const orderCache = new WeakMap<QuestionFile, {order: Question[]; parents: Map<Question, Question>}>();

/** Display order: by group (first appearance), then depth-first file order. Cached per file. */
export function displayOrder(file: QuestionFile): {order: Question[]; parents: Map<Question, Question>} {
  const cached = orderCache.get(file);
  if (cached) return cached;
  const parents = new Map<Question, Question>();
  const walk = (question: Question): void => {
    for (const sub of question.subquestions) {
      parents.set(sub, question);
      walk(sub);
    }
  };
  file.questions.forEach(walk);
  const index = new Map(file.all.map((question, position) => [question, position]));
  const groupIndex = (question: Question): number => file.groups.indexOf(question.group);
  const order = [...file.all].sort(
    (a, b) => groupIndex(a) - groupIndex(b) || (index.get(a) ?? 0) - (index.get(b) ?? 0),
  );
  const result = {order, parents};
  orderCache.set(file, result);
  return result;
}

interface Resolved {
  readonly value: unknown;
  readonly source: ValueSource;
  readonly error?: QuestionError;
}

/** Evaluates every question; see the module comment. */
export function evaluateQuestions(file: QuestionFile, input: EvaluateInput = {}): Evaluation {
  const base = input.base ?? {};
  const answers = normalizeAnswers(input.answers ?? {});
  const defaults = input.defaults ?? {};
  const {order, parents} = displayOrder(file);
  const byVariable = new Map<string, Question[]>();
  for (const question of order)
    byVariable.set(question.variable, [...(byVariable.get(question.variable) ?? []), question]);
  const context = mergeValues(base, answers);

  const resolved = new Map<Question, Resolved>();
  const resolve = (question: Question): Resolved => {
    const known = resolved.get(question);
    if (known) return known;
    let result: Resolved;
    const fromLayer = (raw: unknown, source: ValueSource): Resolved => {
      const coerced = coerceAnswer(question, raw);
      if (coerced.ok) return {value: coerced.value, source};
      return {
        value: raw,
        source,
        error: {
          variable: question.variable,
          reason: coerced.reason,
          message: coerced.message,
          ...(coerced.hint ? {hint: coerced.hint} : {}),
        },
      };
    };
    if (hasPath(answers, question.variable)) result = fromLayer(getPath(answers, question.variable), 'answer');
    else if (Object.hasOwn(defaults, question.variable)) result = fromLayer(defaults[question.variable], 'preset');
    else if (getPath(base, question.variable) !== undefined) {
      const raw = getPath(base, question.variable);
      const coerced = coerceAnswer(question, raw);
      result = {value: coerced.ok ? coerced.value : raw, source: 'base'};
    } else if (question.default !== undefined) result = {value: question.default, source: 'default'};
    else result = {value: undefined, source: 'none'};
    resolved.set(question, result);
    return result;
  };

  const visibility = new Map<Question, boolean>();
  // The current value of a variable, as the dashboard's `values` hold it: the (coerced) answer or
  // base value of its first question, else that question's default; plain values for the rest.
  const lookup = (variable: string): unknown => {
    const question = byVariable.get(variable)?.[0];
    return question ? resolve(question).value : getPath(context, variable);
  };
  function isVisible(question: Question): boolean {
    const known = visibility.get(question);
    if (known !== undefined) return known;
    let visible = true;
    const parent = parents.get(question);
    if (parent) visible = isVisible(parent) && subquestionsShown(parent.showSubquestionIf, resolve(parent).value);
    if (visible && question.showIf) visible = evaluateCondition(question.showIf, lookup);
    visibility.set(question, visible);
    return visible;
  }

  const states: QuestionState[] = [];
  const errors: QuestionError[] = [];
  const visibleVariables = new Set<string>();
  for (const question of order) {
    const visible = isVisible(question);
    if (!visible) {
      states.push({question, visible, value: getPath(base, question.variable), source: 'base'});
      continue;
    }
    visibleVariables.add(question.variable);
    const {value, source, error: coercionError} = resolve(question);
    const error = coercionError ?? validateValue(question, value);
    if (error) errors.push(error);
    states.push({question, visible, value, source, ...(error ? {error} : {})});
  }

  let values = answers;
  const dropped: string[] = [];
  for (const [variable] of byVariable) {
    if (visibleVariables.has(variable) || !hasPath(answers, variable)) continue;
    dropped.push(variable);
    values = deletePath(values, variable);
  }
  for (const state of states) {
    if (state.visible && state.value !== undefined) values = setPath(values, state.question.variable, state.value);
  }
  const visibleList = [...new Set(states.filter((state) => state.visible).map((state) => state.question.variable))];
  const hidden = [
    ...new Set(
      states
        .filter((state) => !state.visible && !visibleVariables.has(state.question.variable))
        .map((state) => state.question.variable),
    ),
  ];
  return {states, visible: visibleList, hidden, values, errors, dropped};
}

/** The input with one more answer (raw; evaluate coerces it). */
export function withAnswer(input: EvaluateInput, variable: string, raw: unknown): EvaluateInput {
  return {...input, answers: setPath(normalizeAnswers(input.answers ?? {}), variable, raw)};
}

/** The input without an answer, so the question falls back to its preset/chart/question default. */
export function withoutAnswer(input: EvaluateInput, variable: string): EvaluateInput {
  return {...input, answers: deletePath(normalizeAnswers(input.answers ?? {}), variable)};
}

/**
 * The first visible question not asked yet, in display order. After each answer the wizard
 * re-evaluates, so a question revealed by a later answer is still found even if it sits earlier.
 */
export function nextQuestion(evaluation: Evaluation, asked: ReadonlySet<string>): QuestionState | undefined {
  return evaluation.states.find((state) => state.visible && !asked.has(state.question.variable));
}

/** Visible questions grouped for tabs/sections, groups in display order. */
export function visibleByGroup(evaluation: Evaluation): Array<{group: string; states: QuestionState[]}> {
  const groups: Array<{group: string; states: QuestionState[]}> = [];
  for (const state of evaluation.states) {
    if (!state.visible) continue;
    let entry = groups.find((candidate) => candidate.group === state.question.group);
    if (!entry) groups.push((entry = {group: state.question.group, states: []}));
    entry.states.push(state);
  }
  return groups;
}
