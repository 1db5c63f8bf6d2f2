import {ExternalError} from '../core/errors.js';
import type {TursoNamespace} from '../core/status/store.js';

/**
 * HTTP client for turso-server's admin REST API (buntime-upstream-facts §6.7): bearer token,
 * a timeout on every call, and errors that say what to check for the three ways it usually
 * fails (wrong token, no answer, nothing listening). The token never appears in a message.
 */
export interface TursoAdminOptions {
  /** e.g. http://127.0.0.1:41234 (a port-forward) or http://buntime-turso-admin:8081 */
  readonly baseUrl: string;
  readonly token?: string;
  readonly timeoutMs?: number;
  /**
   * Timeout of `create` (default 15 s). The server answers it only after the new namespace's
   * tursodb listens or TURSO_STARTUP_TIMEOUT (5 s) has passed, so a shorter client timeout turns a
   * slow start, or the server's own error, into "did not answer".
   */
  readonly createTimeoutMs?: number;
  /** Where the token came from, for the 401 hint (e.g. "Secret zomme/buntime-turso, key TURSO_ADMIN_TOKEN"). */
  readonly tokenSource?: string;
  /** What the base URL reaches, for connection hints (e.g. "pod zomme/buntime-turso-0 port 8081"). */
  readonly target?: string;
  /** Extra detail for connection failures (e.g. the port-forward's last error). */
  readonly connectionDetail?: () => string | undefined;
}

export type TursoAdminFailure = 'unauthorized' | 'timeout' | 'unreachable' | 'http';

/** An admin API failure; `kind` lets the screen react (e.g. stop polling on 401). */
export class TursoAdminError extends ExternalError {
  readonly kind: TursoAdminFailure;
  readonly status: number | undefined;
  /** The server's error body `{code, detail}`, when it sent one. */
  readonly code: string | undefined;
  readonly detail: string | undefined;

  constructor(
    kind: TursoAdminFailure,
    message: string,
    options: {command: string; hint?: string; status?: number; code?: string; detail?: string; cause?: unknown},
  ) {
    super(message, options);
    this.kind = kind;
    this.status = options.status;
    this.code = options.code;
    this.detail = options.detail;
  }
}

export interface NamespaceViewJson {
  name: string;
  origin: 'auto' | 'explicit';
  createdAt: string;
  lastAccessAt: string;
  locked: boolean;
  ttl?: string;
  port?: number;
  sizeBytes: number;
}

export interface TursoAdminClient {
  list(): Promise<TursoNamespace[]>;
  get(name: string): Promise<TursoNamespace>;
  /** POST …/create: a new namespace is explicit and locked. */
  create(name: string): Promise<TursoNamespace>;
  setLocked(name: string, locked: boolean): Promise<TursoNamespace>;
}

/** The admin API's JSON view as the store's namespace (timestamps in ms). */
export function toNamespace(view: NamespaceViewJson): TursoNamespace {
  const created = Date.parse(view.createdAt);
  const accessed = Date.parse(view.lastAccessAt);
  return {
    name: view.name,
    origin: view.origin,
    locked: view.locked,
    ...(Number.isNaN(created) ? {} : {createdAt: created}),
    ...(Number.isNaN(accessed) ? {} : {lastAccessAt: accessed}),
    ...(view.ttl ? {ttl: view.ttl} : {}),
    sizeBytes: view.sizeBytes,
  };
}

function rootCause(error: unknown): {code?: string; message: string} {
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  const code = (current as {code?: unknown} | undefined)?.code;
  return {
    ...(typeof code === 'string' ? {code} : {}),
    message: current instanceof Error ? current.message : String(current),
  };
}

export function createTursoAdminClient(options: TursoAdminOptions): TursoAdminClient {
  const base = options.baseUrl.replace(/\/$/, '');
  const defaultTimeoutMs = options.timeoutMs ?? 5000;
  const createTimeoutMs = Math.max(options.createTimeoutMs ?? 15_000, defaultTimeoutMs);
  const target = options.target ?? base;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    expected: number,
    timeoutMs = defaultTimeoutMs,
  ): Promise<T> {
    const command = `${method} ${path} (turso-server admin API, ${target})`;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: options.token ? {authorization: `Bearer ${options.token}`} : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = rootCause(error);
      if (
        (error as Error).name === 'TimeoutError' ||
        cause.code === 'ABORT_ERR' ||
        /aborted due to timeout/i.test(cause.message)
      ) {
        throw new TursoAdminError('timeout', `turso-server admin API did not answer within ${timeoutMs / 1000} s.`, {
          command,
          hint: 'The turso-server pod may be overloaded or stuck: check that it is Ready and look at its logs (l).',
          cause: error,
        });
      }
      const detail = options.connectionDetail?.() || undefined;
      const refused = cause.code === 'ECONNREFUSED' || /connection refused|ECONNREFUSED/i.test(detail ?? '');
      throw new TursoAdminError(
        'unreachable',
        `Cannot reach the turso-server admin API${refused ? ' (connection refused)' : ''}: ${detail ?? cause.code ?? cause.message}.`,
        {
          command,
          hint: 'turso unreachable: check the turso-server pod is Running and Ready, its admin port (tursoServer.service.adminPort) and the <fullname>-turso-admin Service.',
          cause: error,
        },
      );
    }
    if (response.status === expected) return (await response.json()) as T;
    const text = await response.text();
    if (response.status === 401) {
      throw new TursoAdminError('unauthorized', 'turso-server admin API rejected the admin token (401 Unauthorized).', {
        command,
        status: 401,
        hint: `${options.tokenSource ? `The token is read from ${options.tokenSource}; it` : 'The token'} must match TURSO_ADMIN_TOKEN of the running turso-server (restart the turso pod after rotating it).`,
      });
    }
    let code: string | undefined;
    let detail: string | undefined;
    let summary = text.trim();
    try {
      const body = JSON.parse(text) as {code?: unknown; detail?: unknown};
      code = typeof body.code === 'string' ? body.code : undefined;
      detail = typeof body.detail === 'string' ? body.detail : undefined;
      summary = [code, detail].filter(Boolean).join(': ');
    } catch {
      // Not the JSON error body; keep the text.
    }
    throw new TursoAdminError(
      'http',
      `turso-server admin API answered ${response.status}: ${summary || response.statusText}.`,
      {
        command,
        status: response.status,
        ...(code ? {code} : {}),
        ...(detail ? {detail} : {}),
        ...(code === 'create failed'
          ? {
              hint: 'turso-server could not start the namespace (its tursodb did not listen in time, or the server is at TURSO_MAX_NAMESPACES): see the turso-server pod logs (l).',
            }
          : {}),
      },
    );
  }

  const named = (name: string, action = ''): string =>
    `/v1/namespaces/${encodeURIComponent(name)}${action ? `/${action}` : ''}`;
  return {
    async list() {
      const body = await call<{namespaces: NamespaceViewJson[]}>('GET', '/v1/namespaces', 200);
      return body.namespaces.map(toNamespace);
    },
    async get(name) {
      return toNamespace(await call<NamespaceViewJson>('GET', named(name), 200));
    },
    async create(name) {
      return toNamespace(await call<NamespaceViewJson>('POST', named(name, 'create'), 201, createTimeoutMs));
    },
    async setLocked(name, locked) {
      return toNamespace(await call<NamespaceViewJson>('POST', named(name, locked ? 'lock' : 'unlock'), 200));
    },
  };
}
