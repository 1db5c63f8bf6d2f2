import type * as k8s from '@kubernetes/client-node';
import {ExternalError} from '../../core/errors.js';
import {podGroup} from '../../core/status/store.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';
import {INSTANCE} from './workloads.js';

const TIMEOUT_MS = 15_000;
type Conn = Pick<KubeConnection, 'core' | 'apps'>;

/** A pod of a StatefulSet as restart, logs and plugins need it. */
export interface PodFact {
  readonly name: string;
  readonly uid: string;
  readonly ordinal: number;
  readonly ready: boolean;
  readonly phase: string;
  readonly deleting: boolean;
  /** `controller-revision-hash`: which template revision the pod runs. */
  readonly revision?: string;
  readonly containers: readonly string[];
  readonly node?: string;
  readonly claims: readonly string[];
}

export function podFact(pod: k8s.V1Pod): PodFact {
  const name = pod.metadata?.name ?? '';
  const ordinal = Number(/-(\d+)$/.exec(name)?.[1] ?? -1);
  const revision = pod.metadata?.labels?.['controller-revision-hash'];
  return {
    name,
    uid: pod.metadata?.uid ?? '',
    ordinal,
    ready:
      pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false,
    phase: pod.status?.phase ?? 'Pending',
    deleting: Boolean(pod.metadata?.deletionTimestamp),
    ...(revision ? {revision} : {}),
    containers: (pod.spec?.containers ?? []).map((container) => container.name),
    ...(pod.spec?.nodeName ? {node: pod.spec.nodeName} : {}),
    claims: (pod.spec?.volumes ?? []).flatMap((volume) =>
      volume.persistentVolumeClaim?.claimName ? [volume.persistentVolumeClaim.claimName] : [],
    ),
  };
}

/** The release's StatefulSets: the runtime one and, when enabled, turso-server's. */
export interface ReleaseWorkloads {
  readonly fullname: string;
  readonly runtime?: k8s.V1StatefulSet;
  readonly turso?: k8s.V1StatefulSet;
}

/**
 * Finds the runtime StatefulSet by the release's instance label and its component (`runtime` in
 * this chart, none in upstream's), and turso-server's by component `turso-server`. The fullname
 * comes from the runtime StatefulSet's name, so a fullnameOverride is followed without helm.
 */
export async function releaseWorkloads(conn: Conn, namespace: string, release: string): Promise<ReleaseWorkloads> {
  try {
    const sets = await conn.apps.listNamespacedStatefulSet(
      {namespace, labelSelector: `${INSTANCE}=${release}`},
      callOptions(TIMEOUT_MS),
    );
    const runtime = sets.items.find((set) => podGroup(set.metadata?.labels) === 'runtime');
    const turso = sets.items.find((set) => podGroup(set.metadata?.labels) === 'turso-server');
    const fullname =
      runtime?.metadata?.name ?? turso?.metadata?.name?.replace(/-turso$/, '') ?? chartFullname(release, {});
    return {fullname, ...(runtime ? {runtime} : {}), ...(turso ? {turso} : {})};
  } catch (error) {
    throw new ExternalError(`Could not read the StatefulSets of release ${release}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} get statefulsets -l ${INSTANCE}=${release}`,
    });
  }
}

/**
 * The pods a StatefulSet selects, by its own selector (so they are exactly its pods) and, for the
 * runtime, only runtime pods: upstream's runtime selector also matches turso-server and backup
 * pods, which carry a component label runtime pods lack. Sorted by ordinal.
 */
export async function statefulSetPods(
  conn: Conn,
  namespace: string,
  set: k8s.V1StatefulSet,
  signal?: AbortSignal,
): Promise<PodFact[]> {
  const labels = set.spec?.selector?.matchLabels ?? {};
  const selector = Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const group = podGroup(set.metadata?.labels);
  const name = set.metadata?.name ?? '';
  const pods = await conn.core.listNamespacedPod({namespace, labelSelector: selector}, callOptions(TIMEOUT_MS, signal));
  return pods.items
    .filter((pod) => podGroup(pod.metadata?.labels) === group)
    .filter((pod) =>
      pod.metadata?.ownerReferences?.some((owner) => owner.kind === 'StatefulSet' && owner.name === name),
    )
    .map(podFact)
    .sort((a, b) => a.ordinal - b.ordinal);
}

/** The runtime pods of the release (the runtime StatefulSet's), or [] when it has none. */
export async function runtimePods(
  conn: Conn,
  namespace: string,
  release: string,
  signal?: AbortSignal,
): Promise<{workloads: ReleaseWorkloads; pods: PodFact[]}> {
  const workloads = await releaseWorkloads(conn, namespace, release);
  const pods = workloads.runtime ? await statefulSetPods(conn, namespace, workloads.runtime, signal) : [];
  return {workloads, pods};
}
