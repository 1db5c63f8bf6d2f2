/**
 * The value rules a single answer can be held to the moment it is given, so the wizard says "2Gb
 * is not CPU" at the CPU question instead of in the Review. Only rules about the value itself
 * (type, unit, range, format), or about answers asked before it, run here: a rule that depends on
 * a question still to come would block an answer the user is about to make valid.
 */
import {apiPrefixRule, durationRule, enumRule, integerRule, listEntriesRule, quantityRule} from './formats.js';
import {ingressHostRule} from './ingress.js';
import {autoscalingRule} from './scaling.js';
import {authDbSyncRule, pluginSyncRule} from './sync.js';
import type {Finding} from '../findings.js';
import type {Rule, RuleContext} from './types.js';

interface AnswerRule {
  readonly rule: Rule;
  /** The paths this rule may judge at answer time (default: any). */
  readonly paths?: readonly string[];
}

const ANSWER_RULES: readonly AnswerRule[] = [
  {rule: quantityRule},
  {rule: durationRule},
  {rule: enumRule},
  {rule: integerRule},
  {rule: apiPrefixRule},
  {rule: listEntriesRule},
  {rule: ingressHostRule},
  // maxReplicas is asked after minReplicas; the "no target" finding waits for both targets.
  {rule: autoscalingRule, paths: ['autoscaling.minReplicas', 'autoscaling.maxReplicas']},
  // Shown only in sync mode without turso-server, both asked before the URL.
  {rule: authDbSyncRule, paths: ['buntime.authDb.syncUrl']},
  {rule: pluginSyncRule, paths: ['plugins.turso.sync.url']},
];

/** The first error the rules find at `variable` in `values` (which already hold the answer). */
export function answerProblem(ctx: RuleContext, variable: string): Finding | undefined {
  for (const {rule, paths} of ANSWER_RULES) {
    if (paths && !paths.includes(variable)) continue;
    const found = rule.check(ctx).find((item) => item.severity === 'error' && item.path === variable);
    if (found) return found;
  }
  return undefined;
}
