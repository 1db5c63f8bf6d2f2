/**
 * Before any command trusts the cluster: does the API server answer (within the one connect
 * timeout every command uses), does the namespace exist, is the release installed there. So a
 * silent API server fails in 8 s for `status` as for `install`, and a typo in --namespace is called
 * "does not exist" instead of "unhealthy".
 */
import {ExternalError} from '../../core/errors.js';
import {apiReason, apiStatus, callOptions} from './api-options.js';
import {CONNECT_TIMEOUT_MS, type KubeConnection} from './client.js';

/** Refused, reset or "not ready": an API server that is restarting; worth another try within the window. */
function transient(error: unknown): boolean {
  const status = apiStatus(error);
  if (status === 429 || status === 500 || status === 502 || status === 503 || status === 504) return true;
  if (status !== undefined) return false;
  return /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up/.test(`${apiReason(error)} ${String(error)}`);
}

/**
 * Throws ExternalError (exit 1) when the API server does not answer /version within
 * CONNECT_TIMEOUT_MS. A refused connection is tried again until then: an API server that restarts
 * for two seconds is not "unreachable".
 */
export async function probeApiServer(connection: KubeConnection, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (;;) {
    try {
      await connection.version.getCode(callOptions(Math.max(1, deadline - Date.now()), signal));
      return;
    } catch (error) {
      if (signal?.aborted) throw error;
      if (transient(error) && Date.now() + 500 < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      throw unreachable(connection, error);
    }
  }
}

function unreachable(connection: KubeConnection, error: unknown): ExternalError {
  const status = apiStatus(error);
  const reason = apiReason(error);
  return new ExternalError(
    status === 401 || status === 403
      ? `The API server at ${connection.server} refused our credentials (HTTP ${status}).`
      : `Cannot reach the API server at ${connection.server}: ${reason}${reason === 'no answer in time' ? ` (${CONNECT_TIMEOUT_MS / 1000} s)` : ''}.`,
    {
      command: `kubectl cluster-info --context ${connection.context}`,
      hint:
        status === 401
          ? 'Your credentials may have expired: log in again (e.g. refresh the kubeconfig).'
          : 'Check the VPN/network and the kube context.',
    },
  );
}

export interface Presence {
  /** `unknown` when we may not read namespaces (RBAC). */
  readonly namespace: 'exists' | 'missing' | 'unknown';
  readonly release: 'installed' | 'missing' | 'unknown';
  /** Helm releases in the namespace (from their storage Secrets' labels), when readable. */
  readonly releases: readonly string[];
}

/** Whether `namespace` exists and `release` has a Helm record in it (no helm binary needed). */
export async function releasePresence(
  connection: KubeConnection,
  namespace: string,
  release: string,
  signal?: AbortSignal,
): Promise<Presence> {
  const options = callOptions(CONNECT_TIMEOUT_MS, signal);
  let exists: Presence['namespace'] = 'exists';
  try {
    await connection.core.readNamespace({name: namespace}, options);
  } catch (error) {
    exists = apiStatus(error) === 404 ? 'missing' : 'unknown';
  }
  if (exists === 'missing') return {namespace: 'missing', release: 'missing', releases: []};
  // A Helm record, or workloads labelled with the release (Argo CD renders without Helm records).
  const [records, workloads] = await Promise.all([
    connection.core.listNamespacedSecret({namespace, labelSelector: 'owner=helm'}, options).then(
      (list) => [...new Set(list.items.map((item) => item.metadata?.labels?.['name'] ?? '').filter(Boolean))].sort(),
      () => undefined,
    ),
    connection.apps
      .listNamespacedStatefulSet({namespace, labelSelector: `app.kubernetes.io/instance=${release}`, limit: 1}, options)
      .then(
        (list) => list.items.length > 0,
        () => undefined,
      ),
  ]);
  if (records?.includes(release) || workloads === true)
    return {namespace: exists, release: 'installed', releases: records ?? []};
  if (records === undefined || workloads === undefined) return {namespace: exists, release: 'unknown', releases: []};
  return {namespace: exists, release: 'missing', releases: records};
}
