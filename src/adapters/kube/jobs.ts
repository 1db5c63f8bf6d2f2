import type * as k8s from '@kubernetes/client-node';
import {ExternalError} from '../../core/errors.js';
import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

/** Creating the restore's objects from plain manifests, and reading a Job's log. */
type Conn = Pick<KubeConnection, 'batch' | 'core'>;

export async function createJob(conn: Conn, namespace: string, manifest: Record<string, unknown>): Promise<string> {
  const body = manifest as unknown as k8s.V1Job;
  try {
    const created = await conn.batch.createNamespacedJob({namespace, body});
    return created.metadata?.name ?? body.metadata?.name ?? '';
  } catch (error) {
    throw new ExternalError(`Cannot create Job ${body.metadata?.name}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} create -f job.yaml`,
      hint: 'Your kube user needs create on jobs in this namespace.',
    });
  }
}

export async function claimExists(conn: Conn, namespace: string, name: string): Promise<boolean> {
  try {
    await conn.core.readNamespacedPersistentVolumeClaim({namespace, name});
    return true;
  } catch (error) {
    if ((error as {code?: number}).code === 404) return false;
    throw new ExternalError(`Cannot read PVC ${name}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} get pvc ${name}`,
    });
  }
}

export async function createClaim(conn: Conn, namespace: string, manifest: Record<string, unknown>): Promise<void> {
  const body = manifest as unknown as k8s.V1PersistentVolumeClaim;
  try {
    await conn.core.createNamespacedPersistentVolumeClaim({namespace, body});
  } catch (error) {
    throw new ExternalError(`Cannot create PVC ${body.metadata?.name}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} create -f pvc.yaml`,
    });
  }
}

/** The log of one container of the Job's (newest) pod, or undefined when there is none. */
export async function jobLog(
  conn: Conn,
  namespace: string,
  job: string,
  container: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const pods = await conn.core.listNamespacedPod(
    {namespace, labelSelector: `batch.kubernetes.io/job-name=${job}`},
    callOptions(15_000, signal),
  );
  const pod = [...pods.items].sort(
    (a, b) => (b.metadata?.creationTimestamp?.getTime() ?? 0) - (a.metadata?.creationTimestamp?.getTime() ?? 0),
  )[0];
  if (!pod?.metadata?.name) return undefined;
  try {
    return await conn.core.readNamespacedPodLog(
      {namespace, name: pod.metadata.name, container, tailLines: 200},
      callOptions(15_000, signal),
    );
  } catch {
    return undefined;
  }
}
