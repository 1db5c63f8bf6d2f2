import {spawnSync} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import {stringify} from 'yaml';
import {ensureTools} from '../../test/cluster/ensure.js';
import {clusterEnv, type ClusterInfo} from '../../test/cluster/info.js';
import {launchCluster, stopCluster, uniqueName} from '../../test/cluster/launch.js';
import {nodeObject} from '../../test/cluster/nodes.js';
import {killGroup, reapStaleClusters} from '../../test/cluster/reaper.js';
import {cacheDir, pinnedVersions} from '../../test/cluster/tools.js';
import {track} from './cleanup.js';

const BUILD = join(import.meta.dirname, '..', '..', 'test', 'cluster', 'build.sh');

/** The k9s binary, built into the test-tool cache on first use (never by npm test). */
export function ensureK9s(): {path: string; version: string} {
  const version = pinnedVersions()['K9S_VERSION'] as string;
  const result = spawnSync('bash', [BUILD, 'k9s'], {stdio: ['ignore', 'ignore', 'inherit']});
  if (result.status !== 0) throw new Error(`building k9s ${version} failed (exit ${result.status}); see above`);
  return {path: join(cacheDir(), `k9s-${version}`, 'k9s'), version};
}

export interface Clients {
  readonly lib: typeof k8s;
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly rbac: k8s.RbacAuthorizationV1Api;
}

/** One identity per tool, so the audit log tells whose requests are whose. */
export interface Identity {
  readonly user: string;
  readonly kubeconfig: string;
}

export interface BenchCluster {
  readonly info: ClusterInfo;
  readonly env: Record<string, string>;
  readonly clients: Clients;
  /** A scratch directory for kubeconfigs, homes and values (removed with the cluster). */
  readonly dir: string;
  /** A ServiceAccount (cluster-admin) and a kubeconfig holding its token. */
  identity(name: string): Promise<Identity>;
  stop(): Promise<void>;
}

/** The node the load pods are bound to (pods: 10000, so the release's own pods still schedule elsewhere). */
export const LOAD_NODE = 'kwok-load-0';

/**
 * The project's test cluster with an audit log, plus a kwok node big enough for the load pods.
 * Its daemon is tied to this process (lifeline), so it goes away with us even on SIGKILL.
 */
export async function startBenchCluster(log: (line: string) => void): Promise<BenchCluster> {
  await ensureTools();
  reapStaleClusters();
  const started = Date.now();
  const {info} = await launchCluster({name: uniqueName('bench'), lifeline: true, nodes: 1, audit: true});
  const untrack = track(() => {
    killGroup(info.pgid, info.workdir);
    rmSync(info.workdir, {recursive: true, force: true});
  });
  log(`cluster ${info.name} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const lib = await import('@kubernetes/client-node');
  const kc = new lib.KubeConfig();
  kc.loadFromFile(info.kubeconfig);
  const clients: Clients = {
    lib,
    kc,
    core: kc.makeApiClient(lib.CoreV1Api),
    rbac: kc.makeApiClient(lib.RbacAuthorizationV1Api),
  };
  const node = nodeObject(0);
  const load: k8s.V1Node = {
    ...node,
    metadata: {
      ...node.metadata,
      name: LOAD_NODE,
      labels: {...node.metadata?.labels, 'kubernetes.io/hostname': LOAD_NODE},
    },
    // Nothing but the bound load pods lands here.
    spec: {taints: [{key: 'bench/load', value: 'true', effect: 'NoSchedule'}]},
    status: {
      ...node.status,
      allocatable: {cpu: '1000', memory: '4Ti', pods: '10000'},
      capacity: {cpu: '1000', memory: '4Ti', pods: '10000'},
      addresses: [
        {type: 'InternalIP', address: '127.0.0.1'},
        {type: 'Hostname', address: LOAD_NODE},
      ],
    },
  };
  await clients.core.createNode({body: load});
  const dir = join(info.workdir, 'bench');
  mkdirSync(dir, {recursive: true, mode: 0o700});
  await clients.core.createNamespace({body: {metadata: {name: 'bench-system'}}});
  const server = info.server;
  const ca = (kc.getCurrentCluster()?.caData ?? '') as string;
  return {
    info,
    env: clusterEnv(info, process.env['PATH'] ?? ''),
    clients,
    dir,
    async identity(name) {
      await clients.core.createNamespacedServiceAccount({namespace: 'bench-system', body: {metadata: {name}}});
      await clients.rbac.createClusterRoleBinding({
        body: {
          metadata: {name: `bench-${name}`},
          roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
          subjects: [{kind: 'ServiceAccount', name, namespace: 'bench-system'}],
        },
      });
      const token = await clients.core.createNamespacedServiceAccountToken({
        namespace: 'bench-system',
        name,
        body: {spec: {audiences: [], expirationSeconds: 86_400}},
      });
      const kubeconfig = join(dir, `kubeconfig-${name}`);
      writeFileSync(
        kubeconfig,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{name: 'bench', cluster: {server, 'certificate-authority-data': ca}}],
          users: [{name, user: {token: token.status?.token}}],
          contexts: [{name: 'bench', context: {cluster: 'bench', user: name, namespace: 'default'}}],
          'current-context': 'bench',
        }),
        {mode: 0o600},
      );
      return {user: `system:serviceaccount:bench-system:${name}`, kubeconfig};
    },
    async stop() {
      await stopCluster(info);
      untrack();
    },
  };
}
