/**
 * Validation of one question's value, stricter than Rancher where its users complain: `required`
 * is enforced, `min: 0`/`max: 0` count, lengths are checked, character rules apply to every
 * character. An empty optional value skips every other check.
 */
import {checkHostname} from '../values/formats.js';
import {charsInside, charsOutside, compileCharRule, showChars} from './chars.js';
import {coerceAnswer, describeValue, isEmptyAnswer} from './coerce.js';
import {type Question, type QuestionError, isNumericType, isStringType} from './types.js';

function error(question: Question, reason: QuestionError['reason'], message: string): QuestionError {
  return {variable: question.variable, reason, message};
}

function checkNumber(question: Question, value: number): QuestionError | undefined {
  if (question.min !== undefined && value < question.min)
    return error(question, 'below_min', `${value} is below the minimum ${question.min}`);
  if (question.max !== undefined && value > question.max)
    return error(question, 'above_max', `${value} is above the maximum ${question.max}`);
  return undefined;
}

function checkText(question: Question, text: string): QuestionError | undefined {
  const length = [...text].length;
  const shown = describeValue(question.type, text);
  if (question.minLength !== undefined && length < question.minLength) {
    return error(question, 'too_short', `${shown} is ${length} characters long; at least ${question.minLength} needed`);
  }
  if (question.maxLength !== undefined && length > question.maxLength) {
    return error(question, 'too_long', `${shown} is ${length} characters long; at most ${question.maxLength} allowed`);
  }
  const secret = question.type === 'password';
  if (question.validChars !== undefined) {
    const rule = compileCharRule(question.validChars);
    if (typeof rule !== 'string') {
      const bad = charsOutside(rule, text);
      if (bad === 'whole') return error(question, 'invalid_chars', `${shown} does not match ${question.validChars}`);
      if (bad.length > 0) {
        return error(
          question,
          'invalid_chars',
          secret
            ? `the value contains characters outside [${question.validChars}]`
            : `${shown} contains ${showChars(bad)}, which ${bad.length === 1 ? 'is' : 'are'} not allowed (allowed: ${question.validChars})`,
        );
      }
    }
  }
  if (question.invalidChars !== undefined) {
    const rule = compileCharRule(question.invalidChars);
    if (typeof rule !== 'string') {
      const bad = charsInside(rule, text);
      if (bad === 'whole')
        return error(question, 'invalid_chars', `${shown} matches the forbidden pattern ${question.invalidChars}`);
      if (bad.length > 0)
        return error(
          question,
          'invalid_chars',
          secret
            ? `the value contains forbidden characters [${question.invalidChars}]`
            : `${shown} contains the forbidden ${showChars(bad)}`,
        );
    }
  }
  if (question.type === 'hostname') {
    const problem = checkHostname(text);
    if (problem)
      return error(
        question,
        'type',
        `${describeValue('hostname', text)} is not a valid host name: it ${problem.reason}${problem.suggestion ? ` (did you mean '${problem.suggestion}'?)` : ''}`,
      );
  }
  return undefined;
}

/**
 * Checks a value that is already in place (coerced answer, preset or chart default). Returns the
 * first problem, so a prompt can show one message at a time.
 */
export function validateValue(question: Question, value: unknown): QuestionError | undefined {
  if (isEmptyAnswer(value)) {
    return question.required ? error(question, 'required', `${question.label} is required`) : undefined;
  }
  // Re-coerce: values from presets or the chart may still be strings ("3") or the wrong type.
  const coerced = coerceAnswer(question, value);
  if (!coerced.ok)
    return {...error(question, coerced.reason, coerced.message), ...(coerced.hint ? {hint: coerced.hint} : {})};
  const typed = coerced.value;
  if (isEmptyAnswer(typed))
    return question.required ? error(question, 'required', `${question.label} is required`) : undefined;
  if (isNumericType(question.type) && typeof typed === 'number') return checkNumber(question, typed);
  if (isStringType(question.type) && typeof typed === 'string') return checkText(question, typed);
  return undefined;
}

/**
 * The one call a prompt makes: coerce raw input, then validate. `value` is what to store.
 * The wizard and CI reach the same verdict because evaluate() runs the same two steps.
 */
export function checkAnswer(question: Question, raw: unknown): {value: unknown; error?: QuestionError} {
  const coerced = coerceAnswer(question, raw);
  if (!coerced.ok)
    return {
      value: raw,
      error: {...error(question, coerced.reason, coerced.message), ...(coerced.hint ? {hint: coerced.hint} : {})},
    };
  const problem = validateValue(question, coerced.value);
  return problem ? {value: coerced.value, error: problem} : {value: coerced.value};
}
