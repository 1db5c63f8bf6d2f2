import {request as httpRequest} from 'node:http';
import {Agent, type AgentOptions, type RequestOptions, request as httpsRequest} from 'node:https';
import type * as k8s from '@kubernetes/client-node';

/**
 * The Kubernetes calls buntime-deploy makes, over plain HTTP(S) with the kubeconfig's credentials.
 *
 * Why not client-node's generated API classes: they come with an ObjectSerializer that references
 * every model of every API group, about 2.5 MB of the bundle for two dozen calls. We keep
 * client-node for what is hard to get right — kubeconfig loading and auth (certs, tokens, exec and
 * OIDC plugins: `applyToHTTPSOptions`), Watch and PortForward — and make these calls ourselves with
 * the same method names, parameter objects and error shape (`code` = HTTP status, `body` = response
 * text), so callers read exactly like client-node code. Timestamps are revived to Date as client-node
 * does, so the types below are honest.
 */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Default 30 s: a silent API server must not keep the process alive. */
  readonly timeoutMs?: number;
  /**
   * false: timestamps stay strings (JSON.parse without a reviver). For large LISTs whose items are
   * reduced right away (the live screen's pods): a reviver made parsing 5000 pods several times slower.
   */
  readonly revive?: boolean;
}

/** A failed API call: HTTP status and body, like client-node's ApiException. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    readonly code: number,
    readonly body: string,
    message: string,
  ) {
    super(message);
  }
}

/** Keys whose string values client-node deserialises to Date. */
const DATE_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'lastTransitionTime',
  'lastProbeTime',
  'lastHeartbeatTime',
  'lastUpdateTime',
  'startTime',
  'completionTime',
  'lastScheduleTime',
  'lastSuccessfulTime',
  'startedAt',
  'finishedAt',
  'time',
]);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function revive(key: string, value: unknown): unknown {
  return typeof value === 'string' && DATE_KEYS.has(key) && RFC3339.test(value) ? new Date(value) : value;
}

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  /** Return the body as text instead of parsing JSON (pod logs). */
  readonly text?: boolean;
}

/**
 * client-node's applyToHTTPSOptions makes a new https.Agent for every call, so every call paid a
 * new TLS handshake (and parsed the CA again). Calls to a cluster without a proxy share one
 * keep-alive agent per set of TLS settings instead; its idle sockets do not keep the process alive.
 */
const agents = new Map<string, Agent>();
function sharedAgent(options: RequestOptions): Agent | undefined {
  const given = options.agent as (Agent & {options?: AgentOptions}) | undefined;
  if (!(given instanceof Agent) || !given.options) return undefined;
  const tls = given.options;
  const key = JSON.stringify([tls.ca, tls.cert, tls.key, tls.pfx, tls.servername, tls.rejectUnauthorized]);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({...tls, keepAlive: true});
    agents.set(key, agent);
  }
  return agent;
}

/** Performs one call with the kubeconfig's cluster URL and credentials. */
export async function kubeRequest<T>(kc: k8s.KubeConfig, call: Call, options: CallOptions = {}): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeApiError(0, '', 'The kubeconfig has no current cluster.');
  const url = new URL(cluster.server.replace(/\/+$/, '') + call.path);
  for (const [name, value] of Object.entries(call.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));
  const requestOptions: RequestOptions = {method: call.method, headers: {accept: 'application/json'}};
  await kc.applyToHTTPSOptions(requestOptions);
  if (url.protocol === 'https:' && !cluster.proxyUrl) {
    const agent = sharedAgent(requestOptions);
    if (agent) requestOptions.agent = agent;
  }
  const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
  if (payload) {
    requestOptions.headers = {
      ...requestOptions.headers,
      'content-type': 'application/json',
      'content-length': String(payload.length),
    };
  }
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(options.signal ? [options.signal] : [])];
  requestOptions.signal = AbortSignal.any(signals);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const {status, text} = await new Promise<{status: number; text: string}>((resolve, reject) => {
    const req = send(url, requestOptions, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8')}));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
  if (status < 200 || status >= 300) {
    let message = text.trim();
    try {
      message = (JSON.parse(text) as {message?: string}).message ?? message;
    } catch {
      // Not a Status object.
    }
    throw new KubeApiError(
      status,
      text,
      `${call.method} ${url.pathname} → HTTP ${status}${message ? `: ${message}` : ''}`,
    );
  }
  if (call.text) return text as T;
  return (options.revive === false ? JSON.parse(text) : JSON.parse(text, revive)) as T;
}

type Namespaced = {readonly namespace: string};
type Named = Namespaced & {readonly name: string};
type ListParams = {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  /** The token of the previous page (metadata.continue). */
  readonly continue?: string;
};

function list(params: ListParams): Query {
  return {
    labelSelector: params.labelSelector,
    fieldSelector: params.fieldSelector,
    limit: params.limit,
    continue: params.continue,
  };
}

/** The subset of CoreV1Api we use. */
export function coreApi(kc: k8s.KubeConfig) {
  const get = <T>(path: string, query?: Query, options?: CallOptions) =>
    kubeRequest<T>(kc, {method: 'GET', path, ...(query ? {query} : {})}, options);
  return {
    listNode: (params: ListParams = {}, options?: CallOptions) =>
      get<k8s.V1NodeList>('/api/v1/nodes', list(params), options),
    listNamespace: (params: ListParams = {}, options?: CallOptions) =>
      get<k8s.V1NamespaceList>('/api/v1/namespaces', list(params), options),
    readNamespace: (params: {name: string}, options?: CallOptions) =>
      get<k8s.V1Namespace>(`/api/v1/namespaces/${params.name}`, undefined, options),
    createNamespace: (params: {body: k8s.V1Namespace}, options?: CallOptions) =>
      kubeRequest<k8s.V1Namespace>(kc, {method: 'POST', path: '/api/v1/namespaces', body: params.body}, options),
    listNamespacedPod: (params: Namespaced & ListParams, options?: CallOptions) =>
      get<k8s.V1PodList>(`/api/v1/namespaces/${params.namespace}/pods`, list(params), options),
    readNamespacedPodLog: (
      params: Named & {
        container?: string;
        tailLines?: number;
        previous?: boolean;
        sinceSeconds?: number;
        timestamps?: boolean;
      },
      options?: CallOptions,
    ) =>
      kubeRequest<string>(
        kc,
        {
          method: 'GET',
          path: `/api/v1/namespaces/${params.namespace}/pods/${params.name}/log`,
          query: {
            container: params.container,
            tailLines: params.tailLines,
            previous: params.previous,
            sinceSeconds: params.sinceSeconds,
            timestamps: params.timestamps,
          },
          text: true,
        },
        options,
      ),
    listNamespacedEvent: (params: Namespaced & ListParams, options?: CallOptions) =>
      get<k8s.CoreV1EventList>(`/api/v1/namespaces/${params.namespace}/events`, list(params), options),
    listNamespacedPersistentVolumeClaim: (params: Namespaced & ListParams, options?: CallOptions) =>
      get<k8s.V1PersistentVolumeClaimList>(
        `/api/v1/namespaces/${params.namespace}/persistentvolumeclaims`,
        list(params),
        options,
      ),
    readNamespacedService: (params: Named, options?: CallOptions) =>
      get<k8s.V1Service>(`/api/v1/namespaces/${params.namespace}/services/${params.name}`, undefined, options),
    readNamespacedConfigMap: (params: Named, options?: CallOptions) =>
      get<k8s.V1ConfigMap>(`/api/v1/namespaces/${params.namespace}/configmaps/${params.name}`, undefined, options),
    readNamespacedPersistentVolumeClaim: (params: Named, options?: CallOptions) =>
      get<k8s.V1PersistentVolumeClaim>(
        `/api/v1/namespaces/${params.namespace}/persistentvolumeclaims/${params.name}`,
        undefined,
        options,
      ),
    createNamespacedPersistentVolumeClaim: (
      params: Namespaced & {body: k8s.V1PersistentVolumeClaim},
      options?: CallOptions,
    ) =>
      kubeRequest<k8s.V1PersistentVolumeClaim>(
        kc,
        {method: 'POST', path: `/api/v1/namespaces/${params.namespace}/persistentvolumeclaims`, body: params.body},
        options,
      ),
    listNamespacedSecret: (params: Namespaced & ListParams, options?: CallOptions) =>
      get<k8s.V1SecretList>(`/api/v1/namespaces/${params.namespace}/secrets`, list(params), options),
    listSecretForAllNamespaces: (params: ListParams = {}, options?: CallOptions) =>
      get<k8s.V1SecretList>('/api/v1/secrets', list(params), options),
    readNamespacedSecret: (params: Named, options?: CallOptions) =>
      get<k8s.V1Secret>(`/api/v1/namespaces/${params.namespace}/secrets/${params.name}`, undefined, options),
    createNamespacedSecret: (params: Namespaced & {body: k8s.V1Secret}, options?: CallOptions) =>
      kubeRequest<k8s.V1Secret>(
        kc,
        {method: 'POST', path: `/api/v1/namespaces/${params.namespace}/secrets`, body: params.body},
        options,
      ),
    replaceNamespacedSecret: (params: Named & {body: k8s.V1Secret}, options?: CallOptions) =>
      kubeRequest<k8s.V1Secret>(
        kc,
        {method: 'PUT', path: `/api/v1/namespaces/${params.namespace}/secrets/${params.name}`, body: params.body},
        options,
      ),
  };
}

/** The subset of AppsV1Api we use. */
export function appsApi(kc: k8s.KubeConfig) {
  const statefulSet = (params: Named): string =>
    `/apis/apps/v1/namespaces/${params.namespace}/statefulsets/${params.name}`;
  return {
    readNamespacedStatefulSet: (params: Named, options?: CallOptions) =>
      kubeRequest<k8s.V1StatefulSet>(kc, {method: 'GET', path: statefulSet(params)}, options),
    readNamespacedStatefulSetScale: (params: Named, options?: CallOptions) =>
      kubeRequest<k8s.V1Scale>(kc, {method: 'GET', path: `${statefulSet(params)}/scale`}, options),
    replaceNamespacedStatefulSetScale: (params: Named & {body: k8s.V1Scale}, options?: CallOptions) =>
      kubeRequest<k8s.V1Scale>(kc, {method: 'PUT', path: `${statefulSet(params)}/scale`, body: params.body}, options),
    listNamespacedStatefulSet: (params: Namespaced & ListParams, options?: CallOptions) =>
      kubeRequest<k8s.V1StatefulSetList>(
        kc,
        {method: 'GET', path: `/apis/apps/v1/namespaces/${params.namespace}/statefulsets`, query: list(params)},
        options,
      ),
  };
}

/** The subset of BatchV1Api we use. */
export function batchApi(kc: k8s.KubeConfig) {
  return {
    listNamespacedCronJob: (params: Namespaced & ListParams, options?: CallOptions) =>
      kubeRequest<k8s.V1CronJobList>(
        kc,
        {method: 'GET', path: `/apis/batch/v1/namespaces/${params.namespace}/cronjobs`, query: list(params)},
        options,
      ),
    readNamespacedCronJob: (params: Named, options?: CallOptions) =>
      kubeRequest<k8s.V1CronJob>(
        kc,
        {method: 'GET', path: `/apis/batch/v1/namespaces/${params.namespace}/cronjobs/${params.name}`},
        options,
      ),
    readNamespacedJob: (params: Named, options?: CallOptions) =>
      kubeRequest<k8s.V1Job>(
        kc,
        {method: 'GET', path: `/apis/batch/v1/namespaces/${params.namespace}/jobs/${params.name}`},
        options,
      ),
    listNamespacedJob: (params: Namespaced & ListParams, options?: CallOptions) =>
      kubeRequest<k8s.V1JobList>(
        kc,
        {method: 'GET', path: `/apis/batch/v1/namespaces/${params.namespace}/jobs`, query: list(params)},
        options,
      ),
    createNamespacedJob: (params: Namespaced & {body: k8s.V1Job}, options?: CallOptions) =>
      kubeRequest<k8s.V1Job>(
        kc,
        {method: 'POST', path: `/apis/batch/v1/namespaces/${params.namespace}/jobs`, body: params.body},
        options,
      ),
  };
}

/** The subset of StorageV1Api we use. */
export function storageApi(kc: k8s.KubeConfig) {
  return {
    listStorageClass: (params: ListParams = {}, options?: CallOptions) =>
      kubeRequest<k8s.V1StorageClassList>(
        kc,
        {method: 'GET', path: '/apis/storage.k8s.io/v1/storageclasses', query: list(params)},
        options,
      ),
  };
}

/** The subset of NetworkingV1Api we use. */
export function networkingApi(kc: k8s.KubeConfig) {
  return {
    listNamespacedIngress: (params: Namespaced & ListParams, options?: CallOptions) =>
      kubeRequest<k8s.V1IngressList>(
        kc,
        {
          method: 'GET',
          path: `/apis/networking.k8s.io/v1/namespaces/${params.namespace}/ingresses`,
          query: list(params),
        },
        options,
      ),
  };
}

/** The subset of CustomObjectsApi we use (cluster-scoped lists, e.g. cert-manager ClusterIssuers). */
export function customApi(kc: k8s.KubeConfig) {
  return {
    listClusterCustomObject: (
      params: {group: string; version: string; plural: string} & ListParams,
      options?: CallOptions,
    ) =>
      kubeRequest<{items: Array<Record<string, unknown>>}>(
        kc,
        {method: 'GET', path: `/apis/${params.group}/${params.version}/${params.plural}`, query: list(params)},
        options,
      ),
  };
}

/** VersionApi.getCode. */
export function versionApi(kc: k8s.KubeConfig) {
  return {
    getCode: (options?: CallOptions) => kubeRequest<k8s.VersionInfo>(kc, {method: 'GET', path: '/version'}, options),
  };
}
