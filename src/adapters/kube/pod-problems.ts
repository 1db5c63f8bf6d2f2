import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

export interface PodProblem {
  readonly pod: string;
  readonly phase: string;
  /** Waiting/terminated reason of the first unhappy container (ImagePullBackOff, CrashLoopBackOff…). */
  readonly reason?: string;
  readonly message?: string;
  /** Warning events of the pod, newest last. */
  readonly events: ReadonlyArray<{readonly reason: string; readonly message: string; readonly count: number}>;
}

const TIMEOUT_MS = 10_000;

function time(value: Date | string | undefined): number {
  return value === undefined ? 0 : new Date(value).getTime();
}

/**
 * Why the release's pods are not Ready, with their Warning events: what a failed install shows
 * instead of helm's bare "context deadline exceeded".
 */
export async function podProblems(
  connection: KubeConnection,
  namespace: string,
  release: string,
): Promise<{problems: PodProblem[]; error?: string}> {
  try {
    const pods = await connection.core.listNamespacedPod(
      {namespace, labelSelector: `app.kubernetes.io/instance=${release}`},
      callOptions(TIMEOUT_MS),
    );
    const problems: PodProblem[] = [];
    for (const pod of pods.items) {
      const name = pod.metadata?.name ?? '';
      const ready = pod.status?.conditions?.some(
        (condition) => condition.type === 'Ready' && condition.status === 'True',
      );
      if (ready || pod.status?.phase === 'Succeeded') continue;
      const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
      const unhappy = statuses.find(
        (status) => status.state?.waiting || (status.state?.terminated && status.state.terminated.exitCode !== 0),
      );
      const state = unhappy?.state?.waiting ?? unhappy?.state?.terminated;
      const events = await connection.core.listNamespacedEvent(
        {namespace, fieldSelector: `involvedObject.name=${name},type=Warning`},
        callOptions(TIMEOUT_MS),
      );
      problems.push({
        pod: name,
        phase: pod.status?.phase ?? 'Unknown',
        reason: state?.reason ?? pod.status?.reason,
        message: state?.message ?? pod.status?.message,
        events: events.items
          .sort((a, b) => time(a.lastTimestamp ?? a.eventTime) - time(b.lastTimestamp ?? b.eventTime))
          .slice(-5)
          .map((event) => ({reason: event.reason ?? '', message: event.message ?? '', count: event.count ?? 1})),
      });
    }
    return {problems};
  } catch (error) {
    return {problems: [], error: apiReason(error)};
  }
}

/**
 * Warning events of the release's pods, grouped by pod, for pods that are already gone (a failed
 * install rolled back by --atomic deletes them, but their events stay for an hour).
 */
export async function podEventProblems(
  connection: KubeConnection,
  namespace: string,
  podPrefix: string,
): Promise<PodProblem[]> {
  try {
    const events = await connection.core.listNamespacedEvent(
      {namespace, fieldSelector: 'involvedObject.kind=Pod,type=Warning'},
      callOptions(TIMEOUT_MS),
    );
    const byPod = new Map<string, PodProblem['events'][number][]>();
    for (const event of events.items.sort(
      (a, b) => time(a.lastTimestamp ?? a.eventTime) - time(b.lastTimestamp ?? b.eventTime),
    )) {
      const pod = event.involvedObject.name ?? '';
      if (!pod.startsWith(podPrefix)) continue;
      byPod.set(pod, [
        ...(byPod.get(pod) ?? []),
        {reason: event.reason ?? '', message: event.message ?? '', count: event.count ?? 1},
      ]);
    }
    return [...byPod].map(([pod, list]) => ({
      pod,
      phase: 'Deleted',
      reason: list[list.length - 1]?.reason,
      events: list.slice(-5),
    }));
  } catch {
    return [];
  }
}
