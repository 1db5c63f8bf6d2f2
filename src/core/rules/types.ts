/**
 * Value rules: each has an id, a default severity, and a check that returns findings naming the
 * value path and the fix. Rules get an optional cluster context and must work without it.
 */
import type {Finding, Severity} from '../findings.js';
import type {RwxCapability} from '../storage-classes.js';
import type {Values} from '../values/paths.js';

export interface ClusterStorageClass {
  readonly name: string;
  readonly provisioner: string;
  readonly parameters?: Readonly<Record<string, string>>;
  /** Filled in from the provisioner table when absent. */
  readonly capability?: RwxCapability;
  readonly isDefault?: boolean;
}

/** What the wizard learned from the cluster; every field optional (offline render has none). */
export interface ClusterContext {
  readonly nodeCount?: number;
  readonly storageClasses?: readonly ClusterStorageClass[];
  readonly defaultStorageClass?: string;
}

export interface RuleContext {
  readonly values: Values;
  /** Helm release name (for derived object names). */
  readonly release: string;
  readonly namespace?: string;
  readonly cluster?: ClusterContext;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** One line for the README / `--help` list. */
  readonly description: string;
  readonly check: (ctx: RuleContext) => readonly Finding[];
}

/** A check written outside src/core/rules that reports by value path (the chart's mandatory-default `checkValues`). */
export type ValuesCheck = (values: Values) => readonly Finding[];

/** Builds a finding of `rule` (severity overridable for rules that warn in some cases). */
export function finding(
  rule: Pick<Rule, 'id' | 'severity'>,
  message: string,
  extra: {path?: string; hint?: string; severity?: Severity} = {},
): Finding {
  return {
    id: rule.id,
    severity: extra.severity ?? rule.severity,
    message,
    ...(extra.hint ? {hint: extra.hint} : {}),
    ...(extra.path ? {path: extra.path} : {}),
  };
}
