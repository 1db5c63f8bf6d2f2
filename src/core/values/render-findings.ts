/**
 * Findings of a render, located where the user can fix them: the `--set` argument, the answers file
 * line, or the preset that wrote a value. Secret `--set` values are never repeated in a location.
 */
import type {Evaluation} from '../questions/evaluate.js';
import type {QuestionFile} from '../questions/types.js';
import type {Finding} from '../findings.js';
import {type KnownPaths, checkPath, unknownLeaves} from './known-paths.js';
import {hasPath, splitPath} from './paths.js';
import type {RenderInput, ValuesLayer} from './render.js';
import {isSecretPath} from './secrets.js';
import type {SetAssignment} from './set.js';

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
export function origin(input: RenderInput, path: string, secrets: readonly string[]): string | undefined {
  const sets = input.sets ?? [];
  for (let index = sets.length - 1; index >= 0; index--) {
    const assignment = sets[index] as SetAssignment;
    // A rejected secret was never applied, so it cannot be where a value came from.
    if (isSecretPath(assignment.path, secrets)) continue;
    if (path === assignment.path || path.startsWith(`${assignment.path}.`) || assignment.path.startsWith(`${path}.`))
      return setLabel(assignment, secrets);
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
  return {
    label: preset.source,
    values: preset.values,
    ...(locate ? {locate: (path: readonly (string | number)[]) => locate(['values', ...path])} : {}),
  };
}

export function pathFindings(input: RenderInput, known: KnownPaths, secrets: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const assignment of input.sets ?? []) {
    if (isSecretPath(assignment.path, secrets)) {
      out.push({
        id: 'set.secret',
        severity: 'error',
        path: assignment.path,
        where: setLabel(assignment, secrets),
        message: `${assignment.path} is a secret; --set would leave it in your shell history and the process list`,
        hint: 'Put it in a values file with mode 0600 (-f secrets.yaml, or -f - to read stdin), or use the existingSecret option.',
      });
      continue;
    }
    const check = checkPath(known, assignment.path);
    if (!check.known)
      out.push({
        id: 'values.unknown',
        severity: 'error',
        path: assignment.path,
        where: setLabel(assignment, secrets),
        message: check.message,
        hint: check.closest
          ? `Did you mean '${check.closest}'?`
          : 'Run `buntime-deploy render` without it, or check the chart values.',
      });
  }
  // A preset is ours to fix (error). A key in a user's values file is an error when the chart has a
  // schema (helm refuses to install with it) and a warning otherwise (helm would silently ignore it).
  const strict = input.schema !== undefined;
  const layers: Array<[ValuesLayer, 'error' | 'warning']> = [
    ...(input.preset ? [[presetLayer(input.preset), 'error'] as [ValuesLayer, 'error']] : []),
    ...(input.files ?? []).map((layer) => [layer, strict ? 'error' : 'warning'] as [ValuesLayer, 'error' | 'warning']),
  ];
  for (const [layer, severity] of layers) {
    for (const {path, check} of unknownLeaves(known, layer.values)) {
      out.push({
        id: 'values.unknown',
        severity,
        path,
        where: layer.locate ? layer.locate(toSegments(path)) : layer.label,
        message: strict
          ? `${check.message}; the chart's values.schema.json rejects it, so helm would refuse to install`
          : `${check.message}; helm would ignore it`,
        hint: check.closest
          ? `Did you mean '${check.closest}'?`
          : 'Remove it, or check the spelling against the chart values.',
      });
    }
  }
  return out;
}

/** Errors and hidden-answer warnings of the questions engine, as findings. */
export function questionFindings(
  input: RenderInput,
  questions: QuestionFile,
  evaluation: Evaluation,
  secrets: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  for (const error of evaluation.errors) {
    const where = origin(input, error.variable, secrets);
    out.push({
      id: `question.${error.reason}`,
      severity: 'error',
      path: error.variable,
      ...(where ? {where} : {}),
      message: error.message,
      hint: error.hint ?? questionHint(questions, error.variable),
    });
  }
  for (const variable of evaluation.dropped) {
    const question = questions.all.find((item) => item.variable === variable);
    const where = origin(input, variable, secrets);
    out.push({
      id: 'question.hidden',
      severity: 'warning',
      path: variable,
      ...(where ? {where} : {}),
      message: `answer ignored: the question is hidden${question?.showIfSource ? ` (show_if: ${question.showIfSource})` : ''}`,
      hint: 'Remove it, or change the answers that hide it.',
    });
  }
  return out;
}

/**
 * Errors first, then warnings. An unknown-key finding is dropped when a rule already explains that
 * key (a legacy name such as buntime.masterKey).
 */
export function finalizeFindings(findings: readonly Finding[]): Finding[] {
  const explained = new Set(
    findings.filter((item) => item.id !== 'values.unknown' && item.path).map((item) => item.path),
  );
  const kept = findings.filter((item) => !(item.id === 'values.unknown' && item.path && explained.has(item.path)));
  return [...kept.filter((item) => item.severity === 'error'), ...kept.filter((item) => item.severity === 'warning')];
}

function questionHint(file: QuestionFile, variable: string): string {
  const question = file.all.find((item) => item.variable === variable);
  if (!question) return 'Fix the value.';
  const limits: string[] = [];
  if (question.options) limits.push(`one of ${question.options.map((option) => String(option.value)).join(', ')}`);
  if (question.min !== undefined || question.max !== undefined)
    limits.push(
      `a ${question.type === 'float' ? 'number' : 'whole number'} in ${question.min ?? '−∞'}…${question.max ?? '∞'}`,
    );
  if (question.minLength !== undefined || question.maxLength !== undefined)
    limits.push(`${question.minLength ?? 0}–${question.maxLength ?? '∞'} characters`);
  if (question.validChars) limits.push(`only [${question.validChars}]`);
  const byType: Record<string, string> = {
    hostname: 'a DNS name such as buntime.example.com (or *.example.com)',
    boolean: 'true or false',
    int: 'a whole number',
    float: 'a number',
  };
  const expected = limits.length > 0 ? limits.join(', ') : (byType[question.type] ?? `a ${question.type} value`);
  return `${question.label}: give ${expected}.`;
}
