/**
 * Values rendering: chart defaults ← preset values ← answers files ← `--set`, run through the
 * questions engine (types, visibility, hidden answers dropped) and the rules. Produces the full
 * values, the overrides worth committing, their split into public and secret parts, and findings
 * located at the file:line or `--set` that caused them. Pure: the caller reads and writes files.
 */
import {evaluateQuestions, type Evaluation} from '../questions/evaluate.js';
import type {QuestionFile} from '../questions/types.js';
import type {Preset} from '../presets/preset.js';
import {runRules, type RunRulesOptions} from '../rules/registry.js';
import type {ClusterContext, Finding} from '../rules/types.js';
import {checkPath, knownPaths, unknownLeaves} from './known-paths.js';
import {type Values, getPath, hasPath, isPlainObject, mergeValues, splitPath} from './paths.js';
import {isSecretPath, secretPaths, splitSecrets} from './secrets.js';
import {type SetAssignment, applySets} from './set.js';
import {typeMismatches} from './type-check.js';

/** One answers/values file, with a way to turn a value path into `file:line:col`. */
export interface ValuesLayer {
  readonly label: string;
  readonly values: Values;
  readonly locate?: (path: readonly (string | number)[]) => string;
}

export interface RenderInput {
  readonly chartDefaults: Values;
  readonly questions?: QuestionFile;
  readonly preset?: Preset & {readonly locate?: ValuesLayer['locate']};
  readonly files?: readonly ValuesLayer[];
  readonly sets?: readonly SetAssignment[];
  readonly release: string;
  readonly namespace?: string;
  readonly cluster?: ClusterContext;
  readonly rules?: RunRulesOptions;
}

export interface RenderResult {
  /** Everything helm will see (chart defaults included). */
  readonly values: Values;
  /** Only what differs from the chart defaults: the file worth committing (before the secret split). */
  readonly overrides: Values;
  readonly public: Values;
  readonly secrets: Values;
  readonly secretPaths: readonly string[];
  readonly findings: readonly Finding[];
  readonly evaluation?: Evaluation;
  readonly ok: boolean;
}

/** Maps that accept any key although the chart default lists some (Kubernetes resource maps). */
const OPEN_MAPS = ['resources', 'tursoServer.resources', 'serviceAccount'];

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** The part of `values` that differs from `defaults`. */
export function diffValues(values: Values, defaults: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    const base = defaults[key];
    if (isPlainObject(value) && isPlainObject(base) && Object.keys(base).length > 0) {
      const inner = diffValues(value, base);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else if (!Object.hasOwn(defaults, key) || !deepEqual(value, base)) out[key] = value;
  }
  return out;
}

function toSegments(path: string): string[] {
  return splitPath(path.replace(/\[(\d+)\]/g, '.$1'));
}

/**
 * `--set path=value` for one assignment. Built from the assignment, not the whole argument, which
 * may hold other assignments — and a secret's value is never repeated.
 */
function setLabel(assignment: SetAssignment, secrets: readonly string[]): string {
  if (isSecretPath(assignment.path, secrets)) return `--set ${assignment.path}=…`;
  const raw = typeof assignment.raw === 'string' ? assignment.raw : `{${assignment.raw.join(',')}}`;
  return `--set ${assignment.path}=${raw}`;
}

/** Finds which layer wrote `path` last (for `where`), or undefined for chart defaults. */
function origin(input: RenderInput, path: string, secrets: readonly string[]): string | undefined {
  const sets = input.sets ?? [];
  for (let index = sets.length - 1; index >= 0; index--) {
    const assignment = sets[index] as SetAssignment;
    // A rejected secret was never applied, so it cannot be where a value came from.
    if (isSecretPath(assignment.path, secrets)) continue;
    if (path === assignment.path || path.startsWith(`${assignment.path}.`) || assignment.path.startsWith(`${path}.`)) return setLabel(assignment, secrets);
  }
  const files = input.files ?? [];
  for (let index = files.length - 1; index >= 0; index--) {
    const layer = files[index] as ValuesLayer;
    if (hasPath(layer.values, path)) return layer.locate ? layer.locate(toSegments(path)) : layer.label;
  }
  if (input.preset && hasPath(input.preset.values, path)) {
    const layer = presetLayer(input.preset);
    return layer.locate ? layer.locate(toSegments(path)) : layer.label;
  }
  return undefined;
}

/** A preset's values as a layer whose locations point inside its `values:` key. */
function presetLayer(preset: NonNullable<RenderInput['preset']>): ValuesLayer {
  const locate = preset.locate;
  return {label: preset.source, values: preset.values, ...(locate ? {locate: (path: readonly (string | number)[]) => locate(['values', ...path])} : {})};
}

function pathFindings(input: RenderInput, known: ReturnType<typeof knownPaths>, secrets: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const assignment of input.sets ?? []) {
    if (isSecretPath(assignment.path, secrets)) {
      out.push({id: 'set.secret', severity: 'error', path: assignment.path, where: setLabel(assignment, secrets), message: `${assignment.path} is a secret; --set would leave it in your shell history and the process list`, hint: 'Put it in a values file with mode 0600 (-f secrets.yaml, or -f - to read stdin), or use the existingSecret option.'});
      continue;
    }
    const check = checkPath(known, assignment.path);
    if (!check.known) out.push({id: 'values.unknown', severity: 'error', path: assignment.path, where: setLabel(assignment, secrets), message: check.message, hint: check.closest ? `Did you mean '${check.closest}'?` : 'Run `buntime-deploy render` without it, or check the chart values.'});
  }
  // A preset is ours to fix (error); a user's values file may carry keys for other tools (warning).
  const layers: Array<[ValuesLayer, 'error' | 'warning']> = [
    ...(input.preset ? [[presetLayer(input.preset), 'error'] as [ValuesLayer, 'error']] : []),
    ...(input.files ?? []).map((layer) => [layer, 'warning'] as [ValuesLayer, 'warning']),
  ];
  for (const [layer, severity] of layers) {
    for (const {path, check} of unknownLeaves(known, layer.values)) {
      out.push({id: 'values.unknown', severity, path, where: layer.locate ? layer.locate(toSegments(path)) : layer.label, message: `${check.message}; helm would ignore it`, hint: check.closest ? `Did you mean '${check.closest}'?` : 'Remove it, or check the spelling against the chart values.'});
    }
  }
  return out;
}

/** Renders and validates; never throws for bad values (see `findings` / `ok`). */
export function renderValues(input: RenderInput): RenderResult {
  const secrets = secretPaths(input.questions?.all ?? []);
  const known = knownPaths(input.chartDefaults, {questions: input.questions?.all.map((question) => question.variable) ?? [], open: OPEN_MAPS});
  const findings: Finding[] = pathFindings(input, known, secrets);
  const base = input.preset ? mergeValues(input.chartDefaults, input.preset.values) : input.chartDefaults;
  let answers: Values = {};
  for (const layer of input.files ?? []) answers = mergeValues(answers, layer.values);
  const safeSets = (input.sets ?? []).filter((assignment) => !isSecretPath(assignment.path, secrets));
  answers = applySets(answers, safeSets, (path) => getPath(base, path));

  let values: Values;
  let evaluation: Evaluation | undefined;
  const questionPaths = new Set<string>();
  if (input.questions) {
    evaluation = evaluateQuestions(input.questions, {base, answers, defaults: input.preset?.questionDefaults ?? {}});
    values = mergeValues(base, evaluation.values);
    for (const error of evaluation.errors) {
      questionPaths.add(error.variable);
      const where = origin(input, error.variable, secrets);
      findings.push({id: `question.${error.reason}`, severity: 'error', path: error.variable, ...(where ? {where} : {}), message: error.message, hint: error.hint ?? questionHint(input.questions, error.variable)});
    }
    for (const variable of evaluation.dropped) {
      const question = input.questions.all.find((item) => item.variable === variable);
      const where = origin(input, variable, secrets);
      findings.push({id: 'question.hidden', severity: 'warning', path: variable, ...(where ? {where} : {}), message: `answer ignored: the question is hidden${question?.showIfSource ? ` (show_if: ${question.showIfSource})` : ''}`, hint: 'Remove it, or change the answers that hide it.'});
    }
  } else values = mergeValues(base, answers);

  for (const mismatch of typeMismatches(values, input.chartDefaults)) {
    if (questionPaths.has(mismatch.path)) continue;
    questionPaths.add(mismatch.path);
    const where = origin(input, mismatch.path, secrets);
    findings.push({id: 'values.type', severity: 'error', path: mismatch.path, ...(where ? {where} : {}), message: `expected a ${mismatch.expected}, got a ${mismatch.actual}`, hint: `The chart default is ${JSON.stringify(getPath(input.chartDefaults, mismatch.path))}; write a value of the same kind.`});
  }
  const ruleFindings = runRules({values, release: input.release, ...(input.namespace ? {namespace: input.namespace} : {}), ...(input.cluster ? {cluster: input.cluster} : {})}, input.rules);
  for (const item of ruleFindings) {
    // A question or type error already explains this path; a second message about it is noise.
    if (item.path && questionPaths.has(item.path)) continue;
    const where = item.where ?? (item.path ? origin(input, item.path, secrets) : undefined);
    findings.push(where ? {...item, where} : item);
  }
  // An unknown-key warning adds nothing when a rule already explains that key (legacy names).
  const explained = new Set(findings.filter((item) => item.id !== 'values.unknown' && item.path).map((item) => item.path));
  const kept = findings.filter((item) => !(item.id === 'values.unknown' && item.severity === 'warning' && item.path && explained.has(item.path)));
  findings.length = 0;
  findings.push(...kept);
  const overrides = diffValues(values, input.chartDefaults);
  const split = splitSecrets(overrides, secrets);
  const sorted = [...findings.filter((item) => item.severity === 'error'), ...findings.filter((item) => item.severity === 'warning')];
  return {values, overrides, public: split.public, secrets: split.secrets, secretPaths: secrets, findings: sorted, ...(evaluation ? {evaluation} : {}), ok: !sorted.some((item) => item.severity === 'error')};
}

function questionHint(file: QuestionFile, variable: string): string {
  const question = file.all.find((item) => item.variable === variable);
  if (!question) return 'Fix the value.';
  const limits: string[] = [];
  if (question.options) limits.push(`one of ${question.options.map((option) => String(option.value)).join(', ')}`);
  if (question.min !== undefined || question.max !== undefined) limits.push(`a ${question.type === 'float' ? 'number' : 'whole number'} in ${question.min ?? '−∞'}…${question.max ?? '∞'}`);
  if (question.minLength !== undefined || question.maxLength !== undefined) limits.push(`${question.minLength ?? 0}–${question.maxLength ?? '∞'} characters`);
  if (question.validChars) limits.push(`only [${question.validChars}]`);
  const byType: Record<string, string> = {hostname: 'a DNS name such as buntime.example.com (or *.example.com)', boolean: 'true or false', int: 'a whole number', float: 'a number'};
  const expected = limits.length > 0 ? limits.join(', ') : (byType[question.type] ?? `a ${question.type} value`);
  return `${question.label}: give ${expected}${question.description ? ` (${question.description})` : ''}.`;
}
