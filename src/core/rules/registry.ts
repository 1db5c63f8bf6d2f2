/**
 * All value rules in one list, plus checks contributed from elsewhere. To plug in another module's
 * `checkValues(values) → findings` (e.g. the chart's mandatory-default rules), add it to
 * EXTERNAL_CHECKS below — one import and one line; its findings are normalised into Finding.
 */
import {type Rule, type RuleContext, type Finding, type ExternalFinding, type ValuesCheck} from './types.js';
import {namesLengthRule, releaseNameRule} from './naming.js';
import {autoscalingRule, pdbRule, replicasRwxRule, replicasSyncRule} from './scaling.js';
import {authDbSyncRule, pluginSyncRule} from './sync.js';
import {ingressHostRule, ingressTlsRule, routeRule, serviceTypeRule} from './ingress.js';
import {backupAdminTokenRule, backupRule, tursoTokensRule} from './turso.js';
import {legacyLibsqlRule, legacyLitestreamRule, legacyMasterKeyRule} from './legacy.js';
import {apiPrefixRule, durationRule, enumRule, integerRule, listEntriesRule, quantityRule} from './formats.js';
import {rootKeyRule, storageClassRule} from './storage.js';

export const RULES: readonly Rule[] = [
  replicasRwxRule,
  replicasSyncRule,
  autoscalingRule,
  pdbRule,
  authDbSyncRule,
  pluginSyncRule,
  ingressHostRule,
  ingressTlsRule,
  serviceTypeRule,
  routeRule,
  tursoTokensRule,
  backupRule,
  backupAdminTokenRule,
  legacyLibsqlRule,
  legacyMasterKeyRule,
  legacyLitestreamRule,
  quantityRule,
  durationRule,
  enumRule,
  integerRule,
  apiPrefixRule,
  listEntriesRule,
  releaseNameRule,
  namesLengthRule,
  storageClassRule,
  rootKeyRule,
];

/** Checks written outside src/core/rules. Add `checkValues` from src/core/chart-rules here after merging. */
export const EXTERNAL_CHECKS: readonly ValuesCheck[] = [];

/** Turns a loosely shaped external finding into a Finding. */
export function normalizeExternal(item: ExternalFinding): Finding {
  const where = item.where ?? (item.file ? `${item.file}${item.line ? `:${item.line}` : ''}` : undefined);
  return {
    id: item.id ?? item.ruleId ?? item.rule ?? 'chart',
    severity: item.severity === 'warning' ? 'warning' : 'error',
    message: item.message,
    ...(item.hint ? {hint: item.hint} : {}),
    ...(item.path ? {path: item.path} : {}),
    ...(where ? {where} : {}),
  };
}

export interface RunRulesOptions {
  readonly rules?: readonly Rule[];
  readonly external?: readonly ValuesCheck[];
}

/** Runs every rule and external check; errors first, then warnings, each in rule order. */
export function runRules(ctx: RuleContext, options: RunRulesOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) findings.push(...rule.check(ctx));
  for (const check of options.external ?? EXTERNAL_CHECKS) findings.push(...check(ctx.values).map(normalizeExternal));
  return [...findings.filter((item) => item.severity === 'error'), ...findings.filter((item) => item.severity === 'warning')];
}
