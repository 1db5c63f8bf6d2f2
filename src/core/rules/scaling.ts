/**
 * Multi-pod rules: more than one runtime pod needs shared RWX volumes for /data/plugins and /data/apps
 * (unless every pod lands on the one node), and a sync setup so pods do not write conflicting local
 * databases: turso-server (or external sync URLs), authDb.mode=sync and plugins.turso.mode=sync.
 */
import {flag, isMultiPod, multiPodReason, number, text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

const SHARED_VOLUMES = ['plugins', 'apps'] as const;

export const replicasRwxRule: Rule = {
  id: 'replicas.rwx',
  severity: 'error',
  description:
    'replicaCount > 1 (or autoscaling) needs ReadWriteMany plugins/apps volumes, unless the cluster has one node.',
  check: ({values, cluster}) => {
    if (!isMultiPod(values)) return [];
    const out: Finding[] = [];
    for (const volume of SHARED_VOLUMES) {
      const path = `persistence.${volume}.accessMode`;
      if (text(values, path) === 'ReadWriteMany') continue;
      if (cluster?.nodeCount === 1) {
        out.push(
          finding(
            replicasRwxRule,
            `${multiPodReason(values)} with a ReadWriteOnce ${volume} volume works only while the cluster has a single node`,
            {
              path,
              severity: 'warning',
              hint: `All pods share the node's volume now; before adding a node, switch ${path} to ReadWriteMany on an RWX storage class.`,
            },
          ),
        );
        continue;
      }
      out.push(
        finding(
          replicasRwxRule,
          `${multiPodReason(values)} needs ${path}=ReadWriteMany: every pod mounts /data/${volume}`,
          {
            path,
            hint: `Set ${path}=ReadWriteMany and persistence.${volume}.storageClass to an RWX class (NFS, CephFS, Longhorn, EFS, Azure Files…)${cluster?.nodeCount === undefined ? ', or run one replica. On a single-node cluster the wizard allows ReadWriteOnce.' : ', or run one replica.'}`,
          },
        ),
      );
    }
    return out;
  },
};

/** Is there a server to sync with, for the auth DB and for plugin-turso? */
function syncTargets(values: Parameters<Rule['check']>[0]['values']): {auth: boolean; plugin: boolean} {
  const server = flag(values, 'tursoServer.enabled');
  return {
    auth: server || text(values, 'buntime.authDb.syncUrl') !== '',
    plugin: server || text(values, 'plugins.turso.sync.url') !== '',
  };
}

export const replicasSyncRule: Rule = {
  id: 'replicas.sync',
  severity: 'error',
  description:
    'replicaCount > 1 (or autoscaling) needs turso-server (or external sync URLs), authDb.mode=sync and plugins.turso.mode=sync.',
  check: ({values}) => {
    if (!isMultiPod(values)) return [];
    const reason = multiPodReason(values);
    const out: Finding[] = [];
    const targets = syncTargets(values);
    if (!targets.auth || !targets.plugin) {
      out.push(
        finding(replicasSyncRule, `${reason} needs a sync server: pods must not each keep their own database`, {
          path: 'tursoServer.enabled',
          hint: 'Set tursoServer.enabled=true (with tokens) — or, for an external Turso, both buntime.authDb.syncUrl and plugins.turso.sync.url.',
        }),
      );
    }
    if (text(values, 'buntime.authDb.mode') !== 'sync') {
      out.push(
        finding(
          replicasSyncRule,
          `${reason} needs buntime.authDb.mode=sync, or API keys created on one pod are unknown to the others`,
          {path: 'buntime.authDb.mode', hint: 'Set buntime.authDb.mode=sync.'},
        ),
      );
    }
    if (text(values, 'plugins.turso.mode') !== 'sync') {
      out.push(
        finding(
          replicasSyncRule,
          `${reason} needs plugins.turso.mode=sync, or each pod writes its own copy of every database`,
          {path: 'plugins.turso.mode', hint: 'Set plugins.turso.mode=sync.'},
        ),
      );
    }
    return out;
  },
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
