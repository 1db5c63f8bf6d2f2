/**
 * Multi-pod rules: more than one runtime pod needs shared RWX volumes for /data/plugins and /data/apps
 * (unless every pod lands on the one node), and a sync setup so pods do not write conflicting local
 * databases: turso-server (or external sync URLs), authDb.mode=sync and plugins.turso.mode=sync.
 * Both are chart checks (chart-checks.ts): the chart refuses the same values at template time.
 */
import {chartCheckFindings} from './chart-checks.js';
import {flag, number} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

export const replicasRwxRule: Rule = {
  id: 'replicas.rwx',
  severity: 'error',
  description:
    'replicaCount > 1 (or autoscaling) needs ReadWriteMany plugins/apps volumes, unless the cluster has one node.',
  check: (ctx) => chartCheckFindings('replicas.rwx', ctx),
};

export const replicasSyncRule: Rule = {
  id: 'replicas.sync',
  severity: 'error',
  description:
    'replicaCount > 1 (or autoscaling) needs turso-server (or external sync URLs), authDb.mode=sync and plugins.turso.mode=sync.',
  check: (ctx) => chartCheckFindings('replicas.sync', ctx),
};

export const autoscalingRule: Rule = {
  id: 'autoscaling.range',
  severity: 'error',
  description: 'Autoscaling bounds are sane: 1 ≤ minReplicas ≤ maxReplicas, targets 1–100 %.',
  check: ({values}) => {
    if (!flag(values, 'autoscaling.enabled')) return [];
    const out: Finding[] = [];
    const min = number(values, 'autoscaling.minReplicas') ?? 1;
    const max = number(values, 'autoscaling.maxReplicas') ?? 1;
    if (min < 1)
      out.push(
        finding(autoscalingRule, `autoscaling.minReplicas is ${min}; it must be at least 1`, {
          path: 'autoscaling.minReplicas',
        }),
      );
    if (max < min)
      out.push(
        finding(autoscalingRule, `autoscaling.maxReplicas (${max}) is below minReplicas (${min})`, {
          path: 'autoscaling.maxReplicas',
          hint: `Set autoscaling.maxReplicas ≥ ${min}.`,
        }),
      );
    for (const key of ['targetCPUUtilizationPercentage', 'targetMemoryUtilizationPercentage']) {
      const value = number(values, `autoscaling.${key}`);
      if (value !== undefined && (value < 1 || value > 100))
        out.push(
          finding(autoscalingRule, `autoscaling.${key} is ${value}; it must be 1–100`, {path: `autoscaling.${key}`}),
        );
    }
    if (
      number(values, 'autoscaling.targetCPUUtilizationPercentage') === undefined &&
      number(values, 'autoscaling.targetMemoryUtilizationPercentage') === undefined
    ) {
      out.push(
        finding(
          autoscalingRule,
          'autoscaling is enabled without a CPU or memory target, so the HPA has nothing to scale on',
          {
            path: 'autoscaling.targetCPUUtilizationPercentage',
            hint: 'Set autoscaling.targetCPUUtilizationPercentage (e.g. 70).',
          },
        ),
      );
    }
    return out;
  },
};

export const pdbRule: Rule = {
  id: 'pdb.min-available',
  severity: 'warning',
  description: 'A PodDisruptionBudget with minAvailable ≥ replicas blocks node drains.',
  check: ({values}) => {
    if (!flag(values, 'podDisruptionBudget.enabled')) return [];
    const replicas = flag(values, 'autoscaling.enabled')
      ? (number(values, 'autoscaling.minReplicas') ?? 1)
      : (number(values, 'replicaCount') ?? 1);
    const minAvailable = number(values, 'podDisruptionBudget.minAvailable');
    if (minAvailable === undefined || minAvailable < replicas) return [];
    return [
      finding(
        pdbRule,
        `podDisruptionBudget.minAvailable (${minAvailable}) ≥ ${replicas} pod(s): no pod may ever be evicted, so node drains hang`,
        {
          path: 'podDisruptionBudget.minAvailable',
          hint: `Set it to ${Math.max(0, replicas - 1)} or run more replicas.`,
        },
      ),
    ];
  },
};
