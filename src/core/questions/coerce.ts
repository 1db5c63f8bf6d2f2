/**
 * Turning raw answers (YAML scalars, `--set` strings, prompt input, Rancher's all-string answers)
 * into the question's type, so values are written with the types the chart expects.
 */
import {closest} from '../suggest.js';
import {KNOWN_TYPES, type Question, type QuestionType, isStringType} from './types.js';

export type Coerced =
  | {readonly ok: true; readonly value: unknown}
  | {readonly ok: false; readonly reason: 'type' | 'option'; readonly message: string; readonly hint?: string};

/** How a value may appear in a message: password answers are never echoed. */
export function describeValue(type: QuestionType, value: unknown): string {
  if (type === 'password') return '(hidden)';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function coerceScalar(type: QuestionType, raw: unknown): Coerced {
  const shown = describeValue(type, raw);
  switch (type) {
    case 'boolean':
      if (typeof raw === 'boolean') return {ok: true, value: raw};
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim()))
        return {ok: true, value: raw.trim().toLowerCase() === 'true'};
      return {
        ok: false,
        reason: 'type',
        message: `expected true or false, got ${shown}`,
        hint: 'Use true or false (not yes/no or 1/0).',
      };
    case 'int':
      if (typeof raw === 'number' && Number.isInteger(raw)) return {ok: true, value: raw};
      if (typeof raw === 'string' && INT.test(raw.trim())) return {ok: true, value: Number(raw.trim())};
      return {
        ok: false,
        reason: 'type',
        message: `expected a whole number, got ${shown}`,
        hint: 'Write digits only, e.g. 3.',
      };
    case 'float':
      if (typeof raw === 'number' && Number.isFinite(raw)) return {ok: true, value: raw};
      if (typeof raw === 'string' && FLOAT.test(raw.trim())) return {ok: true, value: Number(raw.trim())};
      return {ok: false, reason: 'type', message: `expected a number, got ${shown}`, hint: 'Write a number, e.g. 0.5.'};
    default:
      if (typeof raw === 'string') return {ok: true, value: raw};
      // YAML turns `tag: 1.10` into a number; string questions want the text back.
      if (typeof raw === 'number' || typeof raw === 'boolean') return {ok: true, value: String(raw)};
      return {
        ok: false,
        reason: 'type',
        message: `expected text, got ${shown}`,
        hint: 'Give a single text value, not a list or mapping.',
      };
  }
}

/** True for the answers that mean "no value": undefined, null and (for non-string types) ''. */
export function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Coerces one raw answer to the question's type. Empty answers stay `undefined` for non-string
 * types (so `required` can report them) and `''` for string types.
 */
export function coerceAnswer(
  question: Pick<Question, 'type' | 'options'> & {readonly rawType?: string},
  raw: unknown,
): Coerced {
  if (raw === undefined || raw === null) return {ok: true, value: undefined};
  // Types we do not know (yaml, array[string], map[string]…) run as text, but their values may be
  // structured: pass lists and maps through rather than calling them wrong.
  if (
    typeof raw === 'object' &&
    question.rawType !== undefined &&
    !(KNOWN_TYPES as readonly string[]).includes(question.rawType.trim().toLowerCase())
  ) {
    return {ok: true, value: raw};
  }
  if (raw === '' || (typeof raw === 'string' && raw.trim() === '' && !isStringType(question.type))) {
    return {ok: true, value: isStringType(question.type) ? '' : undefined};
  }
  if (question.type === 'enum' && (question.options ?? []).length > 0) {
    const options = question.options ?? [];
    if (typeof raw === 'object')
      return {ok: false, reason: 'type', message: `expected one of the options, got ${describeValue('enum', raw)}`};
    const text = String(raw);
    const option = options.find((candidate) => String(candidate.value) === text);
    if (option) return {ok: true, value: option.value};
    const choices = options.map((candidate) => String(candidate.value));
    const near = choices.find((choice) => choice.toLowerCase() === text.toLowerCase()) ?? closest(text, choices);
    return {
      ok: false,
      reason: 'option',
      message: `${describeValue('enum', raw)} is not one of the options`,
      hint: `${near ? `Did you mean '${near}'? ` : ''}Choose one of: ${choices.join(', ')}.`,
    };
  }
  // An enum without options (Rancher shows an empty list) takes its answer as text.
  return coerceScalar(question.type === 'enum' ? 'string' : question.type, raw);
}
