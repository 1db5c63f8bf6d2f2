import {callOptions, apiReason, apiStatus} from './api-options.js';
import {connect, type KubeConnection} from './client.js';
import {latestReleases, type FoundRelease} from './helm-releases.js';
import type {CallOptions} from './rest.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A StorageClass as the Start screen and the planner need it (RWX capability is added by core's table). */
export interface StorageClassInfo {
  readonly name: string;
  readonly provisioner: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly isDefault: boolean;
  readonly allowVolumeExpansion: boolean;
  readonly volumeBindingMode: string;
}

export interface ClusterIssuerInfo {
  readonly name: string;
  /** Ready condition; undefined when the issuer has no status yet. */
  readonly ready: boolean | undefined;
}

export interface OnlineCluster {
  readonly online: true;
  readonly connection: KubeConnection;
  readonly context: string;
  readonly server: string;
  /** e.g. v1.36.3 */
  readonly serverVersion: string;
  readonly nodes: {readonly total: number; readonly ready: number};
  readonly namespace: {readonly name: string; readonly exists: boolean};
  /** Namespaces the user can list (empty when forbidden). */
  readonly namespaces: readonly string[];
  readonly storageClasses: readonly StorageClassInfo[];
  /** installed=false when the cert-manager CRD is absent. */
  readonly clusterIssuers: {readonly installed: boolean; readonly items: readonly ClusterIssuerInfo[]};
  /** Buntime releases (chart name `buntime`) the user can see, newest revision each. */
  readonly releases: readonly FoundRelease[];
  /** Things we could not read (RBAC), shown as dim notes instead of failing. */
  readonly notes: readonly string[];
}

export interface OfflineCluster {
  readonly online: false;
  readonly reason: string;
  readonly hint: string;
  readonly context?: string;
  readonly server?: string;
}

export type ClusterInfo = OnlineCluster | OfflineCluster;

export interface InspectOptions {
  readonly env: Env;
  readonly kubeContext?: string;
  readonly namespace: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Look for existing Buntime releases (default true); `releases` is [] when false. */
  readonly releases?: boolean;
}

const CHART_NAME = 'buntime';

function isNodeReady(node: {status?: {conditions?: Array<{type?: string; status?: string}>}}): boolean {
  return (
    node.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false
  );
}

function isDefaultClass(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return (
    annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

/**
 * Looks at the cluster before anything is asked: context, server version, nodes, namespace,
 * StorageClasses, cert-manager ClusterIssuers and existing Buntime releases. Never throws for an
 * unreachable cluster: that is the "offline" result, and the wizard switches to render-only mode.
 */
export async function inspectCluster(options: InspectOptions): Promise<ClusterInfo> {
  const timeoutMs = options.timeoutMs ?? 8000;
  let connection: KubeConnection | undefined;
  try {
    connection = await connect({env: options.env, context: options.kubeContext});
  } catch (error) {
    return {
      online: false,
      reason: error instanceof Error ? error.message : String(error),
      hint: 'Check your kubeconfig (KUBECONFIG or ~/.kube/config).',
    };
  }
  if (!connection) {
    return {
      online: false,
      reason: 'No kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist).',
      hint: 'Point KUBECONFIG at your cluster, or continue in render-only mode: values and the exact helm command are written for you.',
    };
  }
  const opts = (): CallOptions => callOptions(timeoutMs, options.signal);
  const {context, server} = connection;
  let serverVersion: string;
  try {
    serverVersion = (await connection.version.getCode(opts())).gitVersion;
  } catch (error) {
    const status = apiStatus(error);
    return {
      online: false,
      context,
      server,
      reason:
        status === 401 || status === 403
          ? `The API server refused our credentials (HTTP ${status}).`
          : `Cannot reach the API server at ${server}: ${apiReason(error)}.`,
      hint:
        status === 401
          ? 'Your credentials may have expired: log in again (e.g. refresh the kubeconfig).'
          : 'Check the VPN/network and the kube context, or continue in render-only mode.',
    };
  }
  const notes: string[] = [];
  const attempt = async <T>(what: string, call: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      notes.push(`Could not read ${what}: ${apiReason(error)}`);
      return fallback;
    }
  };
  const [nodes, namespaces, classes, issuers, releases] = await Promise.all([
    attempt('nodes', async () => (await connection.core.listNode({}, opts())).items, []),
    attempt(
      'namespaces',
      async () => (await connection.core.listNamespace({}, opts())).items.map((ns) => ns.metadata?.name ?? ''),
      [] as string[],
    ),
    attempt('StorageClasses', async () => (await connection.storage.listStorageClass({}, opts())).items, []),
    readIssuers(connection, opts, notes),
    options.releases === false ? [] : readReleases(connection, options.namespace, opts, notes),
  ]);
  let namespaceExists = namespaces.includes(options.namespace);
  if (namespaces.length === 0) {
    namespaceExists = await connection.core.readNamespace({name: options.namespace}, opts()).then(
      () => true,
      () => false,
    );
  }
  return {
    online: true,
    connection,
    context,
    server,
    serverVersion,
    nodes: {total: nodes.length, ready: nodes.filter(isNodeReady).length},
    namespace: {name: options.namespace, exists: namespaceExists},
    namespaces: namespaces.filter(Boolean).sort(),
    storageClasses: classes.map((sc) => ({
      name: sc.metadata?.name ?? '',
      provisioner: sc.provisioner,
      parameters: sc.parameters ?? {},
      isDefault: isDefaultClass(sc.metadata?.annotations),
      allowVolumeExpansion: sc.allowVolumeExpansion === true,
      volumeBindingMode: sc.volumeBindingMode ?? 'Immediate',
    })),
    clusterIssuers: issuers,
    releases,
    notes,
  };
}

async function readIssuers(
  connection: KubeConnection,
  opts: () => CallOptions,
  notes: string[],
): Promise<OnlineCluster['clusterIssuers']> {
  try {
    const list = (await connection.custom.listClusterCustomObject(
      {group: 'cert-manager.io', version: 'v1', plural: 'clusterissuers'},
      opts(),
    )) as {
      items?: Array<{metadata?: {name?: string}; status?: {conditions?: Array<{type?: string; status?: string}>}}>;
    };
    const items = (list.items ?? []).map((item) => {
      const ready = item.status?.conditions?.find((condition) => condition.type === 'Ready');
      return {name: item.metadata?.name ?? '', ready: ready ? ready.status === 'True' : undefined};
    });
    return {installed: true, items};
  } catch (error) {
    // 404 = the CRD is not installed (no cert-manager): a normal answer, not a failure.
    if (apiStatus(error) !== 404) notes.push(`Could not list cert-manager ClusterIssuers: ${apiReason(error)}`);
    return {installed: false, items: []};
  }
}

async function readReleases(
  connection: KubeConnection,
  namespace: string,
  opts: () => CallOptions,
  notes: string[],
): Promise<FoundRelease[]> {
  const labelSelector = 'owner=helm';
  try {
    const all = await connection.core.listSecretForAllNamespaces({labelSelector}, opts());
    return latestReleases(all.items, CHART_NAME);
  } catch {
    // No cluster-wide read: look in the target namespace only.
    try {
      const local = await connection.core.listNamespacedSecret({namespace, labelSelector}, opts());
      return latestReleases(local.items, CHART_NAME);
    } catch (error) {
      if (apiStatus(error) !== 404) notes.push(`Could not look for existing releases: ${apiReason(error)}`);
      return [];
    }
  }
}
