/** Waiting on workloads the way `helm --wait` / `kubectl rollout status` would, from tests. */
import type {V1Job, V1Pod} from '@kubernetes/client-node';
import {kube, waitFor} from './context.js';

function podReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Waits until the StatefulSet has `replicas` ready, updated pods of its current revision; returns them. */
export async function waitForStatefulSetReady(
  namespace: string,
  name: string,
  replicas: number,
  timeoutMs = 120_000,
): Promise<V1Pod[]> {
  const {apps, core} = await kube();
  return waitFor(
    `StatefulSet ${namespace}/${name} to have ${replicas} ready replicas`,
    async () => {
      const sts = await apps.readNamespacedStatefulSet({namespace, name});
      const status = sts.status;
      if (!status || (status.observedGeneration ?? 0) < (sts.metadata?.generation ?? 0)) return undefined;
      if (status.readyReplicas !== replicas || status.updatedReplicas !== replicas || status.replicas !== replicas)
        return undefined;
      const selector = Object.entries(sts.spec?.selector.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const pods = (await core.listNamespacedPod({namespace, labelSelector: selector})).items.filter((pod) =>
        pod.metadata?.ownerReferences?.some((ref) => ref.kind === 'StatefulSet' && ref.name === name),
      );
      return pods.length === replicas && pods.every(podReady) ? pods : undefined;
    },
    timeoutMs,
  );
}

/** Waits until every PVC in the namespace (optionally filtered by name prefix) is Bound. */
export async function waitForClaimsBound(namespace: string, count: number, timeoutMs = 60_000): Promise<void> {
  const {core} = await kube();
  await waitFor(
    `${count} PVCs Bound in ${namespace}`,
    async () => {
      const claims = (await core.listNamespacedPersistentVolumeClaim({namespace})).items;
      return claims.length === count && claims.every((c) => c.status?.phase === 'Bound');
    },
    timeoutMs,
  );
}

/**
 * Creates a Job from a CronJob's template, as `kubectl create job --from=cronjob/NAME` does (owner
 * reference to the CronJob, cronjob.kubernetes.io/instantiate: manual).
 */
export async function createJobFromCronJob(namespace: string, cronJob: string, jobName: string): Promise<V1Job> {
  const {batch} = await kube();
  const cron = await batch.readNamespacedCronJob({namespace, name: cronJob});
  const template = cron.spec?.jobTemplate;
  return batch.createNamespacedJob({
    namespace,
    body: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace,
        labels: template?.metadata?.labels,
        annotations: {...template?.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual'},
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: cronJob,
            uid: cron.metadata?.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: template?.spec,
    },
  });
}

/** Waits for the Job's Complete condition; returns the Job. */
export async function waitForJobComplete(namespace: string, name: string, timeoutMs = 60_000): Promise<V1Job> {
  const {batch} = await kube();
  return waitFor(
    `Job ${namespace}/${name} to complete`,
    async () => {
      const job = await batch.readNamespacedJob({namespace, name});
      if (job.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True')) {
        throw new Error(`Job ${namespace}/${name} failed`);
      }
      return job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? job : undefined;
    },
    timeoutMs,
  );
}
