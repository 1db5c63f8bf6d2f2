import type * as k8s from '@kubernetes/client-node';
import {ExternalError} from '../../core/errors.js';
import type {BudgetFact, RolloutPod, RolloutSet} from '../../core/operate/restart.js';
import {restartPatch} from '../../core/operate/restart.js';
import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';
import {statefulSetPods, type PodFact} from './runtime.js';

const TIMEOUT_MS = 15_000;
type Conn = Pick<KubeConnection, 'core' | 'apps' | 'policy'>;

/** `kubectl rollout restart statefulset/NAME`: the restartedAt annotation on the pod template. */
export async function restartStatefulSet(conn: Conn, namespace: string, name: string, at: Date): Promise<void> {
  try {
    await conn.apps.patchNamespacedStatefulSet(
      {namespace, name, body: restartPatch(at), fieldManager: 'buntime-deploy'},
      callOptions(TIMEOUT_MS),
    );
  } catch (error) {
    throw new ExternalError(`Could not restart StatefulSet ${name}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} rollout restart statefulset/${name}`,
    });
  }
}

export function rolloutSet(set: k8s.V1StatefulSet): RolloutSet {
  return {
    replicas: set.spec?.replicas ?? 1,
    generation: set.metadata?.generation ?? 0,
    observedGeneration: set.status?.observedGeneration ?? 0,
    ...(set.status?.updateRevision ? {updateRevision: set.status.updateRevision} : {}),
    ...(set.status?.currentRevision ? {currentRevision: set.status.currentRevision} : {}),
    updatedReplicas: set.status?.updatedReplicas ?? 0,
    readyReplicas: set.status?.readyReplicas ?? 0,
  };
}

export function rolloutPod(pod: PodFact): RolloutPod {
  return {
    name: pod.name,
    uid: pod.uid,
    ordinal: pod.ordinal,
    ready: pod.ready,
    deleting: pod.deleting,
    ...(pod.revision ? {revision: pod.revision} : {}),
  };
}

/** The StatefulSet and its pods, now. */
export async function readRollout(
  conn: Conn,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<{set: k8s.V1StatefulSet; pods: PodFact[]}> {
  const set = await conn.apps.readNamespacedStatefulSet({namespace, name}, callOptions(TIMEOUT_MS, signal));
  return {set, pods: await statefulSetPods(conn, namespace, set, signal)};
}

function matches(selector: k8s.V1LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  if (wanted.length === 0 && (selector?.matchExpressions ?? []).length === 0) return false;
  return (
    wanted.every(([key, value]) => labels[key] === value) &&
    (selector?.matchExpressions ?? []).every((expression) => {
      const value = labels[expression.key];
      switch (expression.operator) {
        case 'In':
          return value !== undefined && (expression.values ?? []).includes(value);
        case 'NotIn':
          return value === undefined || !(expression.values ?? []).includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

/** The PodDisruptionBudgets that cover the StatefulSet's pods (by its pod template labels). */
export async function budgetsFor(conn: Conn, namespace: string, set: k8s.V1StatefulSet): Promise<BudgetFact[]> {
  const labels = set.spec?.template.metadata?.labels ?? {};
  try {
    const list = await conn.policy.listNamespacedPodDisruptionBudget({namespace}, callOptions(TIMEOUT_MS));
    return list.items
      .filter((budget) => matches(budget.spec?.selector, labels))
      .map((budget) => ({
        name: budget.metadata?.name ?? '',
        ...(budget.spec?.minAvailable !== undefined ? {minAvailable: budget.spec.minAvailable} : {}),
        ...(budget.spec?.maxUnavailable !== undefined ? {maxUnavailable: budget.spec.maxUnavailable} : {}),
        disruptionsAllowed: budget.status?.disruptionsAllowed ?? 0,
        currentHealthy: budget.status?.currentHealthy ?? 0,
        desiredHealthy: budget.status?.desiredHealthy ?? 0,
      }));
  } catch (error) {
    throw new ExternalError(`Could not read the PodDisruptionBudgets of ${namespace}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} get pdb`,
    });
  }
}

/**
 * Records the order in which pods with new UIDs appear (a watch, started before the restart, so no
 * creation is missed; the API's creation timestamps have one-second resolution, too coarse for a
 * fast rollout). `stop()` ends the watch and returns the names in order.
 */
export async function watchReplacements(
  conn: Pick<KubeConnection, 'k8s' | 'kc'>,
  namespace: string,
  set: k8s.V1StatefulSet,
  before: ReadonlySet<string>,
): Promise<{stop(): string[]}> {
  const selector = Object.entries(set.spec?.selector?.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const order: string[] = [];
  const seen = new Set<string>();
  const watcher = new conn.k8s.Watch(conn.kc);
  const started = watcher
    .watch(
      `/api/v1/namespaces/${namespace}/pods`,
      {labelSelector: selector},
      (_type: string, pod: k8s.V1Pod) => {
        const uid = pod.metadata?.uid ?? '';
        const name = pod.metadata?.name ?? '';
        if (!uid || before.has(uid) || seen.has(uid)) return;
        seen.add(uid);
        order.push(name);
      },
      () => undefined,
    )
    .catch(() => undefined);
  // client-node's watch has no timeout of its own: one that does not start within 10 s is given
  // up (the order then comes from the pods' creation times), and closed if it starts later.
  let late = false;
  const controller = await Promise.race([
    started,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref()),
  ]);
  if (!controller) {
    late = true;
    void started.then((lateController) => lateController?.abort());
  }
  return {
    stop() {
      controller?.abort();
      return late ? [] : [...order];
    },
  };
}
