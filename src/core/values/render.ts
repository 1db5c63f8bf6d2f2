/**
 * Values rendering: chart defaults ← preset values ← answers files ← `--set`, run through the
 * questions engine (types, visibility, hidden answers dropped) and the rules. Produces the full
 * values, the overrides worth committing, their split into public and secret parts, and findings
 * located at the file:line or `--set` that caused them. Pure: the caller reads and writes files.
 */
import {evaluateQuestions, normalizeAnswers, type Evaluation} from '../questions/evaluate.js';
import type {QuestionFile} from '../questions/types.js';
import type {Preset} from '../presets/preset.js';
import {runRules, type RunRulesOptions} from '../rules/registry.js';
import type {Finding} from '../findings.js';
import type {ClusterContext} from '../rules/types.js';
import {knownPaths} from './known-paths.js';
import {type Values, getPath, isPlainObject, mergeValues} from './paths.js';
import {finalizeFindings, origin, pathFindings, questionFindings} from './render-findings.js';
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
  /** The chart's values.schema.json: with it, unknown keys are errors (helm rejects them). */
  readonly schema?: Values;
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

/**
 * Without a schema: maps that accept any key although the chart default lists some (Kubernetes
 * resource maps). With one, the schema says which maps are open.
 */
const OPEN_MAPS = ['resources', 'tursoServer.resources', 'serviceAccount'];

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
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

/** Renders and validates; never throws for bad values (see `findings` / `ok`). */
export function renderValues(raw: RenderInput): RenderResult {
  // Rancher-style flat answers (`ingress.host: x` at the top level) mean the nested path.
  const input: RenderInput = raw.files
    ? {...raw, files: raw.files.map((layer) => ({...layer, values: normalizeAnswers(layer.values)}))}
    : raw;
  const secrets = secretPaths(input.questions?.all ?? []);
  const known = knownPaths(input.chartDefaults, {
    questions: input.questions?.all.map((question) => question.variable) ?? [],
    ...(input.schema ? {schema: input.schema} : {open: OPEN_MAPS}),
  });
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
    for (const item of questionFindings(input, input.questions, evaluation, secrets)) {
      if (item.severity === 'error' && item.path) questionPaths.add(item.path);
      findings.push(item);
    }
  } else values = mergeValues(base, answers);

  for (const mismatch of typeMismatches(values, input.chartDefaults)) {
    if (questionPaths.has(mismatch.path)) continue;
    questionPaths.add(mismatch.path);
    const where = origin(input, mismatch.path, secrets);
    findings.push({
      id: 'values.type',
      severity: 'error',
      path: mismatch.path,
      ...(where ? {where} : {}),
      message: `expected a ${mismatch.expected}, got a ${mismatch.actual}`,
      hint: `The chart default is ${JSON.stringify(getPath(input.chartDefaults, mismatch.path))}; write a value of the same kind.`,
    });
  }
  const ruleFindings = runRules(
    {
      values,
      release: input.release,
      ...(input.namespace ? {namespace: input.namespace} : {}),
      ...(input.cluster ? {cluster: input.cluster} : {}),
    },
    input.rules,
  );
  for (const item of ruleFindings) {
    // A question or type error already explains this path; a second message about it is noise.
    if (item.path && questionPaths.has(item.path)) continue;
    const where = item.where ?? (item.path ? origin(input, item.path, secrets) : undefined);
    findings.push(where ? {...item, where} : item);
  }
  const overrides = diffValues(values, input.chartDefaults);
  const split = splitSecrets(overrides, secrets);
  const sorted = finalizeFindings(findings);
  return {
    values,
    overrides,
    public: split.public,
    secrets: split.secrets,
    secretPaths: secrets,
    findings: sorted,
    ...(evaluation ? {evaluation} : {}),
    ok: !sorted.some((item) => item.severity === 'error'),
  };
}
