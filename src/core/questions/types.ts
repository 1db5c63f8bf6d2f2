/**
 * The model of a Rancher `questions.yml` after parsing. Field names are camelCase versions of the
 * documented YAML keys; values are already coerced (numbers are numbers, defaults have the question's
 * type) so the evaluator and the prompts never re-interpret raw YAML.
 */
import type {Condition} from './condition.js';

/** Types the engine understands; anything else is read as `string` and reported by `questions check`. */
export const KNOWN_TYPES = [
  'string',
  'multiline',
  'boolean',
  'int',
  'float',
  'enum',
  'password',
  'hostname',
  'storageclass',
  'pvc',
  'secret',
] as const;
export type QuestionType = (typeof KNOWN_TYPES)[number];

/** Types whose answer is a string (everything except boolean, int and float). */
export function isStringType(type: QuestionType): boolean {
  return type !== 'boolean' && type !== 'int' && type !== 'float';
}

export function isNumericType(type: QuestionType): type is 'int' | 'float' {
  return type === 'int' || type === 'float';
}

/** One `enum` choice. `value` keeps the YAML scalar type so `options: [1, 2]` answers stay numbers. */
export interface QuestionOption {
  readonly value: string | number | boolean;
  readonly label: string;
}

/** Where a question came from, for messages like `questions.yml:12:5`. */
export interface SourceLocation {
  /** Pre-formatted `file:line:col`, or the file name alone when the position is unknown. */
  readonly where: string;
}

export interface Question {
  /** Dotted values path (`ingress.tls.enabled`). */
  readonly variable: string;
  readonly label: string;
  readonly description?: string;
  readonly type: QuestionType;
  /** The `type` exactly as written, so a lint can report `type: text` even though it runs as string. */
  readonly rawType: string;
  readonly required: boolean;
  /** Coerced to `type`; undefined when absent, empty, or not coercible (the lint reports that). */
  readonly default?: unknown;
  /** `default` exactly as written, for the lint. */
  readonly rawDefault?: unknown;
  /** Group after inheritance from the parent; '' when none (shown as "Questions", like Rancher). */
  readonly group: string;
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly options?: readonly QuestionOption[];
  /** Character-class bodies (`a-z0-9`); every character must (not) match `[body]`. */
  readonly validChars?: string;
  readonly invalidChars?: string;
  readonly showIf?: Condition;
  readonly showIfSource?: string;
  /** true / false / a value the parent's answer must equal for the subquestions to show. */
  readonly showSubquestionIf?: boolean | string;
  readonly subquestions: readonly Question[];
  readonly location: SourceLocation;
  /** Nesting depth: 0 for top-level questions. */
  readonly depth: number;
}

/** File-level metadata Rancher reads from questions.yml. */
export interface QuestionFileMeta {
  readonly rancherMinVersion?: string;
  readonly rancherMaxVersion?: string;
  readonly categories?: readonly string[];
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A problem found while reading the file. `error` makes the file unusable; `warning` does not. */
export interface QuestionFileProblem {
  readonly severity: 'error' | 'warning';
  readonly where: string;
  /** The question's variable, when the problem belongs to one. */
  readonly variable?: string;
  readonly message: string;
  readonly hint?: string;
}

export interface QuestionFile {
  readonly source: string;
  readonly meta: QuestionFileMeta;
  /** Top-level questions in file order (subquestions hang below their parent). */
  readonly questions: readonly Question[];
  /** Every question, depth-first in file order (parents before their subquestions). */
  readonly all: readonly Question[];
  /** Group names in order of first appearance. */
  readonly groups: readonly string[];
  readonly problems: readonly QuestionFileProblem[];
}

/** The documented `reason` codes of `questions eval --json`. */
export type ErrorReason =
  | 'required'
  | 'below_min'
  | 'above_max'
  | 'too_short'
  | 'too_long'
  | 'invalid_chars'
  | 'type'
  | 'option';

export interface QuestionError {
  readonly variable: string;
  readonly reason: ErrorReason;
  /** Safe to print: password values are never echoed. */
  readonly message: string;
  /** How to fix it, when the check knows better than the generic hint (not part of the eval JSON). */
  readonly hint?: string;
}
