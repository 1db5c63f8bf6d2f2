import {join} from 'node:path';
import type {Pki} from './pki.js';
import type {ProcessSpec} from './processes.js';
import type {toolPaths} from './tools.js';

export type Tools = ReturnType<typeof toolPaths>;

export interface Ports {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  kwok: number;
}

export interface Layout {
  readonly name: string;
  readonly workdir: string;
  readonly logs: string;
  readonly kubeconfig: string;
  readonly kwokConfig: string;
  readonly pki: Pki;
  readonly tools: Tools;
  /** Audit policy and log (only for clusters started with `audit`: the bench counts API requests). */
  readonly audit?: {readonly policy: string; readonly log: string};
}

/** kwok CRDs served, so tests can create PortForward/Logs/Exec objects per pod at run time. */
export const KWOK_CRDS = ['PortForward', 'ClusterPortForward', 'Logs', 'ClusterLogs', 'Exec', 'ClusterExec'];

/** The components' environment: never a developer's KUBECONFIG or proxy settings. */
function componentEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8'};
  return env;
}

function spec(layout: Layout, name: string, binary: string, args: string[]): ProcessSpec {
  return {name, binary, args, logFile: join(layout.logs, `${name}.log`), cwd: layout.workdir, env: componentEnv()};
}

export function etcdSpec(layout: Layout, ports: Ports): ProcessSpec {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return spec(layout, 'etcd', layout.tools.etcd, [
    `--name=${layout.name}`,
    `--data-dir=${join(layout.workdir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=${layout.name}=${peer}`,
    '--initial-cluster-state=new',
    // The data is thrown away at teardown; fsync only costs time on a shared 2-core machine.
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ]);
}

export function apiserverSpec(layout: Layout, ports: Ports): ProcessSpec {
  const {pki} = layout;
  return spec(layout, 'kube-apiserver', layout.tools.kubeApiserver, [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${ports.apiserver}`,
    `--tls-cert-file=${pki.serverCert}`,
    `--tls-private-key-file=${pki.serverKey}`,
    `--client-ca-file=${pki.caCert}`,
    `--token-auth-file=${pki.tokenFile}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--authorization-mode=Node,RBAC',
    // Nodes carry InternalIP 127.0.0.1 and kwok's port as kubelet port: logs and port-forward reach
    // kwok on loopback (their other addresses are fake and unreachable).
    '--kubelet-preferred-address-types=InternalIP',
    // No kube-proxy or real network: keeping 127.0.0.1 out of the `kubernetes` Endpoints avoids
    // the reconciler's loopback complaints.
    '--endpoint-reconciler-type=none',
    '--allow-privileged=true',
    '--profiling=false',
    ...(layout.audit
      ? [
          `--audit-policy-file=${layout.audit.policy}`,
          `--audit-log-path=${layout.audit.log}`,
          '--audit-log-format=json',
          // One file, never rotated: the bench reads it whole for a window of time.
          '--audit-log-maxsize=0',
        ]
      : []),
  ]);
}

export function controllerManagerSpec(layout: Layout): ProcessSpec {
  return spec(layout, 'kube-controller-manager', layout.tools.kubeControllerManager, [
    `--kubeconfig=${layout.kubeconfig}`,
    '--bind-address=127.0.0.1',
    // 0 = no serving port: one port fewer to race for; readiness is checked through the API.
    '--secure-port=0',
    '--leader-elect=false',
    `--cluster-name=${layout.name}`,
    `--service-account-private-key-file=${layout.pki.serviceAccountKey}`,
    `--root-ca-file=${layout.pki.caCert}`,
    '--controllers=*',
  ]);
}

export function schedulerSpec(layout: Layout): ProcessSpec {
  return spec(layout, 'kube-scheduler', layout.tools.kubeScheduler, [
    `--kubeconfig=${layout.kubeconfig}`,
    '--bind-address=127.0.0.1',
    '--secure-port=0',
    '--leader-elect=false',
  ]);
}

export function kwokSpec(layout: Layout, ports: Ports): ProcessSpec {
  return spec(layout, 'kwok', layout.tools.kwok, [
    `--kubeconfig=${layout.kubeconfig}`,
    `--config=${layout.kwokConfig}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    // kwok serves the kubelet API (logs, port-forward, exec) over TLS, as the API server expects.
    `--tls-cert-file=${layout.pki.serverCert}`,
    `--tls-private-key-file=${layout.pki.serverKey}`,
    '--node-ip=127.0.0.1',
    `--node-port=${ports.kwok}`,
    `--server-address=127.0.0.1:${ports.kwok}`,
    '--node-lease-duration-seconds=40',
    `--enable-crds=${KWOK_CRDS.join(',')}`,
  ]);
}
