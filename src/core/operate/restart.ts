import type {PreflightCheck} from '../upgrade/types.js';

/** The pod annotation `kubectl rollout restart` sets; changing it changes the template, so pods roll. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** The strategic merge patch `kubectl rollout restart statefulset/X` sends (RFC 3339, seconds). */
export function restartPatch(at: Date): object {
  return {spec: {template: {metadata: {annotations: {[RESTARTED_AT]: at.toISOString().replace(/\.\d{3}Z$/, 'Z')}}}}};
}

/** A pod as the rollout follower sees it. */
export interface RolloutPod {
  readonly name: string;
  readonly uid: string;
  readonly ordinal: number;
  readonly ready: boolean;
  readonly deleting: boolean;
  readonly revision?: string;
}

/** The StatefulSet's status fields a rollout is judged by. */
export interface RolloutSet {
  readonly replicas: number;
  readonly generation: number;
  readonly observedGeneration: number;
  readonly updateRevision?: string;
  readonly currentRevision?: string;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
}

export type PodPhase = 'waiting' | 'stopping' | 'starting' | 'ready';

export interface RolloutView {
  readonly pods: readonly {readonly name: string; readonly phase: PodPhase; readonly detail?: string}[];
  readonly done: boolean;
}

/**
 * Where a restart stands, pod by pod: a pod is replaced once a pod of its name with a new UID runs
 * the update revision, and done once that pod is Ready. The StatefulSet controller goes from the
 * highest ordinal down, one pod at a time (RollingUpdate, maxUnavailable 1), so the list is in
 * that order. The whole rollout is done when the controller says so too (observed generation,
 * every replica updated and Ready).
 */
export function rolloutView(before: readonly RolloutPod[], now: readonly RolloutPod[], set: RolloutSet): RolloutView {
  const old = new Map(before.map((pod) => [pod.name, pod.uid]));
  const current = new Map(now.map((pod) => [pod.name, pod]));
  const names = [...new Set([...before.map((pod) => pod.name), ...now.map((pod) => pod.name)])];
  const ordinal = (name: string): number => Number(/-(\d+)$/.exec(name)?.[1] ?? 0);
  names.sort((a, b) => ordinal(b) - ordinal(a));
  const pods = names
    .filter((name) => ordinal(name) < Math.max(set.replicas, 1) || current.has(name))
    .map((name) => {
      const pod = current.get(name);
      if (!pod) return {name, phase: 'stopping' as const, detail: 'deleted, waiting for the new pod'};
      const replaced = pod.uid !== old.get(name) && (!set.updateRevision || pod.revision === set.updateRevision);
      if (!replaced)
        return pod.deleting
          ? {name, phase: 'stopping' as const, detail: 'terminating'}
          : {name, phase: 'waiting' as const};
      return pod.ready
        ? {name, phase: 'ready' as const}
        : {name, phase: 'starting' as const, detail: 'new pod, not Ready yet'};
    });
  const done =
    set.observedGeneration >= set.generation &&
    set.updatedReplicas >= set.replicas &&
    set.readyReplicas >= set.replicas &&
    pods.every((pod) => pod.phase === 'ready');
  return {pods, done};
}

/** A PodDisruptionBudget as the restart preflight needs it. */
export interface BudgetFact {
  readonly name: string;
  readonly minAvailable?: string | number;
  readonly maxUnavailable?: string | number;
  readonly disruptionsAllowed: number;
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
}

/**
 * Before a restart: a StatefulSet rolling update takes one pod down at a time and does not go
 * through the eviction API, so a PodDisruptionBudget is honoured only if we check it first. A
 * budget that allows no disruption now blocks; one pod means a short outage (a warning).
 */
export function restartChecks(input: {
  readonly statefulSet: string;
  readonly replicas: number;
  readonly readyPods: number;
  readonly budgets: readonly BudgetFact[];
  readonly release: string;
}): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  if (input.replicas === 0) {
    checks.push({
      id: 'no-replicas',
      severity: 'error',
      message: `StatefulSet ${input.statefulSet} is scaled to 0: there is nothing to restart.`,
    });
    return checks;
  }
  for (const budget of input.budgets) {
    const rule =
      budget.minAvailable !== undefined
        ? `minAvailable ${budget.minAvailable}`
        : `maxUnavailable ${budget.maxUnavailable ?? '?'}`;
    if (budget.disruptionsAllowed < 1) {
      checks.push({
        id: 'pdb',
        severity: 'error',
        message: `PodDisruptionBudget ${budget.name} (${rule}) allows no disruption now: ${budget.currentHealthy} healthy, ${budget.desiredHealthy} required. Restarting a pod would break it.`,
        hint:
          input.replicas === 1
            ? 'With one replica every restart is an outage: raise replicaCount, or lower podDisruptionBudget.minAvailable (buntime-deploy upgrade).'
            : 'Wait until every pod is Ready (buntime-deploy status), then try again.',
      });
    } else {
      checks.push({
        id: 'pdb',
        severity: 'info',
        message: `PodDisruptionBudget ${budget.name} (${rule}) allows ${budget.disruptionsAllowed} disruption(s); the StatefulSet replaces one pod at a time and waits for it to be Ready.`,
      });
    }
  }
  if (input.replicas === 1 && !checks.some((check) => check.severity === 'error')) {
    checks.push({
      id: 'single-pod',
      severity: 'warning',
      message: `${input.statefulSet} has one pod: it is unavailable while it restarts.`,
    });
  }
  if (input.readyPods < input.replicas) {
    checks.push({
      id: 'not-ready',
      severity: 'warning',
      message: `Only ${input.readyPods} of ${input.replicas} pods of ${input.statefulSet} are Ready now.`,
      hint: 'A restart replaces the unready ones too; look at them first (buntime-deploy status).',
    });
  }
  return checks;
}
