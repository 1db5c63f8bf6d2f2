/**
 * "The cluster works", checked the way a test would notice it does not: every kind the tests use is
 * served, and a Job really runs (scheduler, controller manager and kwok all connected).
 */
import type {KubeConfig} from '@kubernetes/client-node';
import {httpsGet, type ProbeTarget} from './probe.js';

type K8s = typeof import('@kubernetes/client-node');

/**
 * LIST paths of the kinds tests touch. After a restart kube-apiserver reports /readyz ok while some
 * of them (custom resources above all) still answer 429 "storage is (re)initializing"; client-go
 * retries that, @kubernetes/client-node does not.
 */
const SERVED = [
  '/api/v1/namespaces',
  '/api/v1/nodes',
  '/api/v1/pods',
  '/api/v1/services',
  '/api/v1/secrets',
  '/api/v1/configmaps',
  '/api/v1/events',
  '/api/v1/persistentvolumeclaims',
  '/api/v1/persistentvolumes',
  '/apis/apps/v1/statefulsets',
  '/apis/apps/v1/deployments',
  '/apis/batch/v1/jobs',
  '/apis/batch/v1/cronjobs',
  '/apis/storage.k8s.io/v1/storageclasses',
  '/apis/coordination.k8s.io/v1/leases',
  '/apis/cert-manager.io/v1/clusterissuers',
  '/apis/kwok.x-k8s.io/v1alpha1/portforwards',
  '/apis/kwok.x-k8s.io/v1alpha1/clusterportforwards',
  '/apis/kwok.x-k8s.io/v1alpha1/logs',
  '/apis/kwok.x-k8s.io/v1alpha1/clusterlogs',
];

/** Resolves once every path in SERVED lists with 200. */
export async function waitAllServed(target: ProbeTarget, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...SERVED];
  while (pending.length > 0) {
    const results = await Promise.all(
      pending.map(async (path) => ({
        path,
        ok: (await httpsGet(target, `${path}?limit=1`).catch(() => ({status: 0}))).status === 200,
      })),
    );
    pending = results.filter((r) => !r.ok).map((r) => r.path);
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`kube-apiserver still not serving ${pending.join(', ')} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let probes = 0;

/**
 * Runs a Job in kube-system and waits for it to complete: the job controller, the scheduler and
 * kwok must all be watching the API server. The Job and its pod are deleted afterwards.
 */
export async function runProbeJob(lib: K8s, kc: KubeConfig, timeoutMs = 60_000): Promise<void> {
  const batch = kc.makeApiClient(lib.BatchV1Api);
  const name = `harness-probe-${process.pid}-${++probes}`;
  await batch.createNamespacedJob({
    namespace: 'kube-system',
    body: {
      metadata: {name, labels: {'buntime-test/probe': 'true'}},
      spec: {
        backoffLimit: 0,
        template: {spec: {restartPolicy: 'Never', containers: [{name: 'probe', image: 'probe.invalid/none'}]}},
      },
    },
  });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await batch.readNamespacedJob({namespace: 'kube-system', name}).catch(() => undefined);
      if (job?.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')) return;
      if (Date.now() > deadline)
        throw new Error(`probe Job kube-system/${name} did not complete in ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await batch
      .deleteNamespacedJob({namespace: 'kube-system', name, propagationPolicy: 'Background'})
      .catch(() => undefined);
  }
}
