/** Access to the run's cluster from test workers: its info, client-node clients, polling. */
import type * as k8s from '@kubernetes/client-node';
import {inject} from 'vitest';
import {clusterEnv, type ClusterInfo} from './info.js';

export interface TestCluster extends ClusterInfo {
  /** KUBECONFIG, PATH (helm 3 first, then kubectl 1.36), BUNTIME_TEST_HELM3/HELM4/KUBECTL, BUNTIME_TEST_S3_*. */
  readonly env: Record<string, string>;
}

/** The cluster of this run (provided by test/cluster/global-setup.ts). */
export function getCluster(): TestCluster {
  const info = inject('cluster');
  if (!info)
    throw new Error(
      'No test cluster: e2e tests must run in the vitest "e2e" project (its global setup starts the cluster).',
    );
  return {...info, env: {...clusterEnv(info, process.env['PATH'] ?? '')}};
}

export interface Clients {
  readonly k8s: typeof k8s;
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly batch: k8s.BatchV1Api;
  readonly custom: k8s.CustomObjectsApi;
}

let clients: Promise<Clients> | undefined;

/** client-node API clients for the test cluster (one set per test file). */
export function kube(): Promise<Clients> {
  clients ??= (async () => {
    const lib = await import('@kubernetes/client-node');
    const kc = new lib.KubeConfig();
    kc.loadFromFile(getCluster().kubeconfig);
    return {
      k8s: lib,
      kc,
      core: kc.makeApiClient(lib.CoreV1Api),
      apps: kc.makeApiClient(lib.AppsV1Api),
      batch: kc.makeApiClient(lib.BatchV1Api),
      custom: kc.makeApiClient(lib.CustomObjectsApi),
    };
  })();
  return clients;
}

/** Polls `check` (every 200 ms) until it returns a truthy value, which is returned. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
