import {ExternalError} from '../core/errors.js';
import type {KubeConnection} from './kube/client.js';
import {openPortForward, type PortForwardHandle} from './kube/port-forward.js';
import {readSecretKey, type ReleaseWiring} from './kube/workloads.js';
import {createTursoAdminClient, type TursoAdminClient} from './turso-admin.js';

/**
 * turso-server reached from outside the cluster: its admin API and its data port through
 * port-forwards to its pod, with the tokens read from the Secrets its StatefulSet names (kept in
 * memory only).
 */
type Conn = Pick<KubeConnection, 'core' | 'apps' | 'batch' | 'k8s' | 'kc'>;
type Turso = NonNullable<ReleaseWiring['turso']>;

export interface TursoAdminAccess {
  readonly client: TursoAdminClient;
  close(): Promise<void>;
}

export async function openTursoAdmin(
  conn: Conn,
  namespace: string,
  turso: Turso,
  options: {timeoutMs?: number} = {},
): Promise<TursoAdminAccess> {
  const token = turso.token ? await readSecretKey(conn, namespace, turso.token) : undefined;
  const forward = await openPortForward({conn, namespace, pod: turso.pod, port: turso.adminPort});
  const client = createTursoAdminClient({
    baseUrl: forward.url,
    ...(token ? {token} : {}),
    timeoutMs: options.timeoutMs ?? 5000,
    target: `pod ${namespace}/${turso.pod} port ${turso.adminPort}`,
    ...(turso.token ? {tokenSource: `Secret ${namespace}/${turso.token.name}, key ${turso.token.key}`} : {}),
    connectionDetail: () => forward.lastError(),
  });
  return {client, close: () => forward.close()};
}

export interface HranaValue {
  readonly type: string;
  readonly value?: unknown;
}

/** A Hrana client for one turso-server's data port (`POST /<ns>/v2/pipeline`). */
export interface TursoData {
  /** Rows of one statement run in namespace `ns`. */
  query(ns: string, sql: string): Promise<HranaValue[][]>;
  close(): Promise<void>;
}

export function createTursoData(baseUrl: string, token: string | undefined, target: string): TursoData {
  return {
    async query(ns, sql) {
      const command = `POST /${ns}/v2/pipeline (turso-server data port, ${target})`;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/${ns}/v2/pipeline`, {
          method: 'POST',
          headers: {'content-type': 'application/json', ...(token ? {authorization: `Bearer ${token}`} : {})},
          body: JSON.stringify({requests: [{type: 'execute', stmt: {sql}}]}),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new ExternalError(`Cannot reach turso-server's data port: ${(error as Error).message}.`, {command});
      }
      const text = await response.text();
      if (response.status !== 200) {
        throw new ExternalError(
          `turso-server's data port answered ${response.status} for ${ns}: ${text.trim().slice(0, 300)}.`,
          {
            command,
            ...(response.status === 401 ? {hint: 'The data token (TURSO_AUTH_TOKEN) was not accepted.'} : {}),
          },
        );
      }
      const result = (
        JSON.parse(text) as {
          results?: {type: string; error?: {message: string}; response?: {result?: {rows?: HranaValue[][]}}}[];
        }
      ).results?.[0];
      if (result?.type !== 'ok')
        throw new ExternalError(`${ns}: ${result?.error?.message ?? 'no result'} (${sql}).`, {command});
      return result.response?.result?.rows ?? [];
    },
    close: async () => undefined,
  };
}

export async function openTursoData(conn: Conn, namespace: string, turso: Turso): Promise<TursoData> {
  const token = turso.dataToken ? await readSecretKey(conn, namespace, turso.dataToken) : undefined;
  const forward: PortForwardHandle = await openPortForward({conn, namespace, pod: turso.pod, port: turso.dataPort});
  const data = createTursoData(forward.url, token, `pod ${namespace}/${turso.pod} port ${turso.dataPort}`);
  return {query: data.query, close: () => forward.close()};
}
