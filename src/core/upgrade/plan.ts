import {setPath, type Values} from '../values/paths.js';
import {classifyChanges, type ClassifyInput} from './classify.js';
import {preflightChecks, type PreflightInput} from './preflight.js';
import type {PlannedChange, PreflightCheck, ValueFix} from './types.js';

export interface UpgradePlan {
  /** Labelled changes against the live release (empty for an install). */
  readonly changes: readonly PlannedChange[];
  readonly checks: readonly PreflightCheck[];
  /** Anything that stops helm from running: immutable changes, data deletion, error checks. */
  readonly blockers: readonly string[];
  /** Things that need an explicit yes: downtime, warnings. */
  readonly warnings: readonly string[];
  /** Every automatic fix on offer (keep live settings, turn on the sync setup…), de-duplicated by path. */
  readonly fixes: readonly ValueFix[];
}

export interface PlanInput {
  /** Absent for a day-zero install. */
  readonly classify?: ClassifyInput;
  readonly preflight: PreflightInput;
}

function uniqueFixes(fixes: readonly ValueFix[]): ValueFix[] {
  const byPath = new Map<string, ValueFix>();
  for (const fix of fixes) if (!byPath.has(fix.path)) byPath.set(fix.path, fix);
  return [...byPath.values()];
}

/**
 * What blocks and what needs an explicit yes, from the labelled changes and the checks: immutable
 * and data-deleting changes and error checks block; recreations and warning checks are warnings.
 * The upgrade and the rollback judge their plans the same way.
 */
export function verdictOf(
  changes: readonly PlannedChange[],
  checks: readonly PreflightCheck[],
): {blockers: string[]; warnings: string[]} {
  return {
    blockers: [
      ...changes
        .filter((change) => change.label === 'immutable' || change.label === 'deletes-data')
        .map((change) => `${change.key}: ${change.reason}`),
      ...checks.filter((check) => check.severity === 'error').map((check) => check.message),
    ],
    warnings: [
      ...changes.filter((change) => change.label === 'recreate').map((change) => `${change.key}: ${change.reason}`),
      ...checks.filter((check) => check.severity === 'warning').map((check) => check.message),
    ],
  };
}

/**
 * The whole plan for one install or upgrade. Immutable and data-deleting changes block: the wizard
 * never lets helm fail half-way on an immutable field, and never deletes data as a side effect.
 */
export function planUpgrade(input: PlanInput): UpgradePlan {
  const changes = input.classify ? classifyChanges(input.classify) : [];
  const checks = preflightChecks(input.preflight);
  const {blockers, warnings} = verdictOf(changes, checks);
  const fixes = uniqueFixes([
    ...changes.flatMap((change) => change.fixes ?? []),
    ...checks.flatMap((check) => check.fixes ?? []),
  ]);
  return {changes, checks, blockers, warnings, fixes};
}

/** Applies value fixes (later fixes for the same path are ignored). */
export function applyFixes(values: Values, fixes: readonly ValueFix[]): Values {
  let result = values;
  for (const fix of uniqueFixes(fixes)) result = setPath(result, fix.path, fix.value);
  return result;
}
