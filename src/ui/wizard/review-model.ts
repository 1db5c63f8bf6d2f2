import type {CredentialName} from '../../core/credentials/keys.js';
import type {PlannedChange, PreflightCheck} from '../../core/upgrade/types.js';

/** A chart rule result as the Review shows it (core's rules map onto this). */
export interface RuleView {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly hint?: string;
  /** Value path or file:line. */
  readonly where?: string;
  /** The value path it is about, when it is about one (the question "change my answers" reopens). */
  readonly path?: string;
}

export interface CredentialView {
  readonly name: CredentialName;
  readonly state: 'generated' | 'kept' | 'provided';
}

/** Everything the Review shows; also the `--json` output of install/upgrade (no secret values in it). */
export interface ReviewModel {
  readonly mode: 'install' | 'upgrade' | 'render';
  readonly release: string;
  readonly namespace: string;
  readonly context?: string;
  readonly chart: string;
  /** The values file as it will be written (masked YAML). */
  readonly valuesYaml: string;
  readonly rules: readonly RuleView[];
  readonly checks: readonly PreflightCheck[];
  /** Upgrades only: labelled changes against the live release. */
  readonly changes: readonly PlannedChange[];
  /** Where the secrets live: the credentials Secret (cluster) or the 0600 file (render-only). */
  readonly secretsAt: string;
  readonly credentials: readonly CredentialView[];
  /** The helm command that will run (file paths, never secrets). */
  readonly command: string;
  readonly blockers: readonly string[];
  readonly warnings: readonly string[];
}

/** Errors anywhere block; warnings need a yes. */
export function reviewVerdict(model: Pick<ReviewModel, 'blockers' | 'warnings' | 'rules'>): {
  errors: number;
  warnings: number;
} {
  const ruleErrors = model.rules.filter((rule) => rule.severity === 'error').length;
  const ruleWarnings = model.rules.filter((rule) => rule.severity === 'warning').length;
  return {errors: model.blockers.length + ruleErrors, warnings: model.warnings.length + ruleWarnings};
}

const LABEL_ORDER = [
  'immutable',
  'deletes-data',
  'recreate',
  'delete',
  'rolling-restart',
  'in-place',
  'create',
] as const;

/** Changes ordered from dangerous to harmless, so the eye lands on blockers first. */
export function orderedChanges(changes: readonly PlannedChange[]): PlannedChange[] {
  return [...changes].sort(
    (a, b) => LABEL_ORDER.indexOf(a.label) - LABEL_ORDER.indexOf(b.label) || a.key.localeCompare(b.key),
  );
}

/** A value in a diff, whole (never cut: it wraps on screen). */
export function showValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The value paths behind the Review's errors (or warnings): the questions to ask again. */
export function problemPaths(
  model: Pick<ReviewModel, 'rules' | 'checks'>,
  severity: 'error' | 'warning' = 'error',
): string[] {
  const paths = [
    ...model.rules.filter((rule) => rule.severity === severity).flatMap((rule) => (rule.path ? [rule.path] : [])),
    ...model.checks
      .filter((check) => check.severity === severity)
      .flatMap((check) => (check.fixes ?? []).map((fix) => fix.path)),
  ];
  return [...new Set(paths)];
}
