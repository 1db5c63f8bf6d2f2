/**
 * All value rules in one list, plus checks contributed from elsewhere. To plug in another module's
 * `checkValues(values) → findings` (e.g. the chart's mandatory-default rules), add it to
 * EXTERNAL_CHECKS below — one import and one line; its findings are normalised into Finding.
 */
import type {Rule, RuleContext, Finding, ExternalFinding, ValuesCheck} from './types.js';
import {namesLengthRule, releaseNameRule} from './naming.js';
import {autoscalingRule, pdbRule, replicasRwxRule, replicasSyncRule} from './scaling.js';
import {authDbSyncRule, pluginSyncRule} from './sync.js';
import {ingressHostRule, ingressTlsRule, routeRule, serviceTypeRule} from './ingress.js';
import {backupAdminTokenRule, backupRule, tursoTokensRule} from './turso.js';
import {legacyLibsqlRule, legacyLitestreamRule, legacyMasterKeyRule} from './legacy.js';
import {apiPrefixRule, durationRule, enumRule, integerRule, listEntriesRule, quantityRule} from './formats.js';
import {storageClassRule} from './storage.js';
import {existingSecretRule, rootKeyRule} from './security.js';
import {checkValues} from '../chart-rules/values.js';

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
  existingSecretRule,
];

/** Checks written outside src/core/rules: the chart's mandatory-default rules (seed principles 1–2). */
export const EXTERNAL_CHECKS: readonly ValuesCheck[] = [checkValues];

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
  // An external check may say what a rule here already said about the same value: keep one.
  const covered = new Set(findings.map((item) => `${item.severity}:${item.path ?? ''}`));
  for (const check of options.external ?? EXTERNAL_CHECKS) {
    for (const item of check(ctx.values).map(normalizeExternal)) {
      if (item.path && (covered.has(`error:${item.path}`) || covered.has(`${item.severity}:${item.path}`))) continue;
      findings.push(item);
    }
  }
  return [
    ...findings.filter((item) => item.severity === 'error'),
    ...findings.filter((item) => item.severity === 'warning'),
  ];
}
