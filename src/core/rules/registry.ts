/**
 * All value rules in one list, plus checks contributed from elsewhere. To plug in another module's
 * `checkValues(values) → findings` (e.g. the chart's mandatory-default rules), add it to
 * EXTERNAL_CHECKS below — one import and one line (it returns the shared Finding type).
 */
import {errorsFirst} from '../findings.js';
import type {Finding} from '../findings.js';
import type {Rule, RuleContext, ValuesCheck} from './types.js';
import {namesLengthRule, releaseNameRule} from './naming.js';
import {autoscalingRule, pdbRule, replicasRwxRule, replicasSyncRule} from './scaling.js';
import {authDbSyncRule, pluginSyncRule} from './sync.js';
import {ingressHostRule, ingressTlsRule, routeRule, serviceTypeRule} from './ingress.js';
import {backupAdminTokenRule, backupRule, tursoSharedFileRule, tursoTokensRule} from './turso.js';
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
  tursoSharedFileRule,
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
    for (const item of check(ctx.values)) {
      if (item.path && (covered.has(`error:${item.path}`) || covered.has(`${item.severity}:${item.path}`))) continue;
      findings.push(item);
    }
  }
  return errorsFirst(findings);
}
