/**
 * The one finding type of every check in the product: value rules (src/core/rules), the chart's
 * mandatory-default rules (src/core/chart-rules), render and question findings, and what `lint`,
 * `render`, the wizard and the chart's own template checks report. A finding names its rule, how
 * bad it is, what is wrong, how to fix it, the value path it is about and where it was written.
 */

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable rule id, e.g. `replicas.rwx` or `mandatory-volume` (the READMEs list them). */
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  /** The fix, as something a person can do. */
  readonly hint?: string;
  /** Dotted value path (or rendered object, `StatefulSet/buntime`) the finding is about. */
  readonly path?: string;
  /** Where the offending value was written, for display (`answers.yaml:4:3`, `--set a=b`, `preset k3s`). */
  readonly where?: string;
  /** The file the finding is located in (a template, a values file), when it is about a file. */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
}

/** True when any finding is an error (exit codes depend on it). */
export function hasErrors(findings: ReadonlyArray<{readonly severity: string}>): boolean {
  return findings.some((item) => item.severity === 'error');
}

/** `where`, else `file:line`, else undefined: the one place a person looks. */
export function locationOf(item: Finding): string | undefined {
  if (item.where) return item.where;
  if (item.file) return item.line ? `${item.file}:${item.line}` : item.file;
  return undefined;
}

/** Errors first, then warnings, each group in its original order. */
export function errorsFirst<T extends {readonly severity: string}>(findings: readonly T[]): T[] {
  return [
    ...findings.filter((item) => item.severity === 'error'),
    ...findings.filter((item) => item.severity !== 'error'),
  ];
}
