import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {goTime, listen, now, readBody, sendError, sendJson, sendText, stamp} from './go-http.js';
import {namespaceNameError, ttlError} from './rules.js';
import {buildSqliteDatabase} from './sqlite.js';

/**
 * A test double of turso-server (apps/turso-server in Buntime), written from the contract in
 * buntime-upstream-facts §6: two listeners on 127.0.0.1 (admin REST API and the data-port proxy),
 * bearer auth on both with /healthz and /readyz open, Go-style JSON error bodies, the namespace
 * record rules (explicit create → locked; first data-port access → auto, unlocked) and a backup
 * route that streams a real SQLite file. Knobs let tests inject latency, fail a backup or crash a
 * namespace's process. It is the only test double the project allows.
 */
export type Origin = 'auto' | 'explicit';

export interface NamespaceSeed {
  readonly name: string;
  readonly origin?: Origin;
  /** Default: true for explicit, false for auto (what the server would have stored). */
  readonly locked?: boolean;
  readonly ttl?: string;
  readonly createdAt?: Date;
  readonly lastAccessAt?: Date;
  /** False seeds a namespace whose tursodb process is not running (it crashed or failed to spawn). */
  readonly running?: boolean;
  /** Rows of the `kv` table inside the namespace's database (what a backup contains). */
  readonly rows?: readonly (readonly [string, string])[];
}

export interface TursoDoubleOptions {
  /** TURSO_ADMIN_TOKEN; empty or missing disables auth on the admin port. */
  readonly adminToken?: string;
  /** TURSO_AUTH_TOKEN; empty or missing disables auth on the data port. */
  readonly dataToken?: string;
  readonly namespaces?: readonly NamespaceSeed[];
  /** TURSO_ALLOW_AUTO_PROVISION (default true). */
  readonly autoProvision?: boolean;
  /** TURSO_MAX_NAMESPACES (default 256; 0 = unlimited); counts running processes. */
  readonly maxNamespaces?: number;
  /** TURSO_DATA_DIR as reported in archive paths (default /var/lib/turso). */
  readonly dataDir?: string;
  /** Latency added before every non-health request, on both ports (default 0). */
  readonly delayMs?: number;
}

export interface RecordedRequest {
  readonly port: 'admin' | 'data';
  readonly method: string;
  readonly path: string;
  /** Whether an Authorization header was sent (its value is never recorded). */
  readonly authorized: boolean;
}

export interface TursoDouble {
  readonly adminPort: number;
  readonly dataPort: number;
  readonly adminUrl: string;
  readonly dataUrl: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Changes the injected latency for later requests. */
  setDelay(ms: number): void;
  /** Makes the next backups of `name` fail with 500 `backup failed` and this detail. */
  failBackup(name: string, detail?: string): void;
  clearBackupFailure(name: string): void;
  /** Simulates the namespace's tursodb process dying: the record stays, lookups see it stopped. */
  crashNamespace(name: string): void;
  /** The stored record as the admin API would show it, or undefined. */
  view(name: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

interface NamespaceRecord {
  name: string;
  origin: Origin;
  createdAt: string;
  lastAccessAt: string;
  locked: boolean;
  ttl: string;
  port: number;
  running: boolean;
  rows: (readonly [string, string])[];
}

export async function startTursoDouble(options: TursoDoubleOptions = {}): Promise<TursoDouble> {
  const adminToken = options.adminToken ?? '';
  const dataToken = options.dataToken ?? '';
  const autoProvision = options.autoProvision ?? true;
  const maxNamespaces = options.maxNamespaces ?? 256;
  const dataDir = options.dataDir ?? '/var/lib/turso';
  let delayMs = options.delayMs ?? 0;
  const records = new Map<string, NamespaceRecord>();
  const backupFailures = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextPort = 9000;

  const runningCount = (): number => [...records.values()].filter((record) => record.running).length;
  // Round-robin backend ports from TURSO_BACKEND_PORT_START, as the supervisor allocates them.
  const spawn = (record: NamespaceRecord): void => {
    record.port = nextPort;
    nextPort = nextPort >= 9999 ? 9000 : nextPort + 1;
    record.running = true;
  };

  /** Supervisor.EnsureRunning: spawn if needed, keep an existing record's origin and lock. */
  const ensureRunning = (name: string, origin: Origin): string | undefined => {
    const existing = records.get(name);
    if (existing?.running) return undefined;
    if (maxNamespaces > 0 && runningCount() >= maxNamespaces) return `max namespaces reached (${maxNamespaces})`;
    const record = existing ?? {
      name,
      origin,
      createdAt: now(),
      lastAccessAt: '',
      locked: origin === 'explicit',
      ttl: '',
      port: 0,
      running: false,
      rows: [],
    };
    if (!existing) {
      record.lastAccessAt = record.createdAt;
      records.set(name, record);
    }
    spawn(record);
    return undefined;
  };

  const database = (record: NamespaceRecord): Uint8Array =>
    buildSqliteDatabase([{name: 'kv', columns: ['k TEXT', 'v TEXT'], rows: record.rows}]);

  const view = (record: NamespaceRecord): Record<string, unknown> => ({
    name: record.name,
    origin: record.origin,
    createdAt: record.createdAt,
    lastAccessAt: record.lastAccessAt,
    locked: record.locked,
    ...(record.ttl ? {ttl: record.ttl} : {}),
    ...(record.port ? {port: record.port} : {}),
    sizeBytes: database(record).length,
  });

  for (const seed of options.namespaces ?? []) {
    const error = namespaceNameError(seed.name);
    if (error) throw new Error(`turso double seed: ${error}`);
    const origin = seed.origin ?? 'explicit';
    const createdAt = seed.createdAt ? goTime(seed.createdAt) : now();
    const record: NamespaceRecord = {
      name: seed.name,
      origin,
      createdAt,
      lastAccessAt: seed.lastAccessAt ? goTime(seed.lastAccessAt) : createdAt,
      locked: seed.locked ?? origin === 'explicit',
      ttl: seed.ttl ?? '',
      port: 0,
      running: false,
      rows: [...(seed.rows ?? [])],
    };
    records.set(seed.name, record);
    // Restore respawns every stored namespace at boot.
    if (seed.running !== false) spawn(record);
  }

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** bearerAuth: exact `Bearer <token>` or `bearer <token>`; health routes always open. */
  const authorize = (req: IncomingMessage, res: ServerResponse, token: string, path: string): boolean => {
    if (token === '' || path === '/healthz' || path === '/readyz') return true;
    const header = req.headers.authorization ?? '';
    if (header === `Bearer ${token}` || header === `bearer ${token}`) return true;
    sendText(res, 401, 'unauthorized', {'WWW-Authenticate': 'Bearer realm="turso-server"'});
    return false;
  };

  const handle =
    (
      port: 'admin' | 'data',
      token: string,
      route: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>,
    ) =>
    async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://double').pathname);
      } catch {
        sendText(res, 400, '400 Bad Request');
        return;
      }
      requests.push({port, method: req.method ?? 'GET', path, authorized: req.headers.authorization !== undefined});
      if (!authorize(req, res, token, path)) return;
      if (path === '/healthz' || path === '/readyz') {
        res.writeHead(200, {'Content-Type': 'text/plain; charset=utf-8'});
        res.end('ok');
        return;
      }
      if (delayMs > 0) await sleep(delayMs);
      if (res.destroyed) return;
      await route(req, res, path);
    };

  const admin = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    if (path === '/v1/namespaces') {
      if (method !== 'GET') return sendError(res, 405, 'method not allowed', 'use GET');
      return sendJson(res, 200, {namespaces: [...records.values()].map(view)});
    }
    if (!path.startsWith('/v1/namespaces/')) return sendText(res, 404, '404 page not found');
    const rest = path.slice('/v1/namespaces/'.length);
    if (rest === '') return sendError(res, 400, 'missing namespace', 'path is /v1/namespaces/:name[/action]');
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    const action = slash < 0 ? '' : rest.slice(slash + 1);
    const invalid = namespaceNameError(name);
    if (invalid) return sendError(res, 400, 'invalid namespace', invalid);
    const record = records.get(name);
    const notFound = (): void => sendError(res, 404, 'namespace not found', `namespace not found: ${name}`);

    if (action === '' && method === 'GET') {
      return record ? sendJson(res, 200, view(record)) : sendError(res, 404, 'namespace not found', name);
    }
    if (action === '' && method === 'DELETE') {
      records.delete(name);
      return sendJson(res, 200, {name, archivedTo: `${dataDir}/archive/${name}.${stamp()}`, destroyedAt: now()});
    }
    if (action === 'create' && method === 'POST') {
      const error = ensureRunning(name, 'explicit');
      if (error) return sendError(res, 500, 'create failed', error);
      return sendJson(res, 201, view(records.get(name) as NamespaceRecord));
    }
    if ((action === 'lock' || action === 'unlock') && method === 'POST') {
      if (!record) return notFound();
      record.locked = action === 'lock';
      return sendJson(res, 200, view(record));
    }
    if (action === 'ttl' && method === 'POST') {
      const text = await readBody(req);
      let ttl = '';
      if (text.trim() !== '') {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (error) {
          return sendError(res, 400, 'invalid body', (error as Error).message);
        }
        if (body !== null && (typeof body !== 'object' || Array.isArray(body))) {
          return sendError(
            res,
            400,
            'invalid body',
            `json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type struct { TTL string "json:\\"ttl\\"" }`,
          );
        }
        const value = (body as {ttl?: unknown} | null)?.ttl;
        if (value !== undefined && value !== null && typeof value !== 'string') {
          return sendError(
            res,
            400,
            'invalid body',
            `json: cannot unmarshal ${typeof value} into Go struct field .ttl of type string`,
          );
        }
        ttl = typeof value === 'string' ? value : '';
      }
      const invalidTtl = ttlError(ttl);
      if (invalidTtl) return sendError(res, 400, 'invalid ttl', invalidTtl);
      if (!record) return notFound();
      record.ttl = ttl;
      return sendJson(res, 200, view(record));
    }
    if (action === 'access' && method === 'POST') {
      // Upstream dereferences the missing record and the Go server drops the connection.
      if (!record) return void req.socket.destroy();
      record.lastAccessAt = now();
      return sendJson(res, 200, view(record));
    }
    if (action === 'backup' && method === 'GET') {
      if (!record?.running)
        return sendError(res, 500, 'backup failed', `namespace ${JSON.stringify(name)} is not running`);
      const failure = backupFailures.get(name);
      if (failure !== undefined) return sendError(res, 500, 'backup failed', failure);
      const bytes = database(record);
      res.writeHead(200, {
        'Content-Type': 'application/vnd.sqlite3',
        'Content-Disposition': `attachment; filename="${name}-${stamp()}.db"`,
        'Content-Length': String(bytes.length),
      });
      res.end(bytes);
      return;
    }
    return sendError(res, 404, 'unknown route', `${method} ${path}`);
  };

  const data = async (_req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const trimmed = path.startsWith('/') ? path.slice(1) : path;
    const name = trimmed.split('/')[0] ?? '';
    if (path === '/' || name === '')
      return sendError(res, 400, 'missing namespace', 'request path must start with /<namespace>/');
    const invalid = namespaceNameError(name);
    if (invalid) return sendError(res, 400, 'invalid namespace', invalid);
    if (!records.get(name)?.running) {
      if (!autoProvision) {
        return sendError(
          res,
          404,
          'namespace not found',
          `auto-provisioning disabled; create via POST /v1/namespaces/${name}/create on the admin API first`,
        );
      }
      const error = ensureRunning(name, 'auto');
      if (error) return sendError(res, 500, 'auto-provision failed', error);
    }
    (records.get(name) as NamespaceRecord).lastAccessAt = now();
    // The backend is tursodb --sync-server; answer as the upstream test fake does (a Hrana "ok").
    sendJson(res, 200, {results: [{type: 'ok', response: {type: 'execute', result: {}}}]});
  };

  const adminServer = createServer((req, res) => void handle('admin', adminToken, admin)(req, res));
  const dataServer = createServer((req, res) => void handle('data', dataToken, data)(req, res));
  const adminPort = await listen(adminServer);
  const dataPort = await listen(dataServer);

  return {
    adminPort,
    dataPort,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    dataUrl: `http://127.0.0.1:${dataPort}`,
    requests,
    setDelay(ms) {
      delayMs = ms;
    },
    failBackup(name, detail = 'VACUUM INTO failed: disk I/O error (SQLITE_IOERR)') {
      backupFailures.set(name, detail);
    },
    clearBackupFailure(name) {
      backupFailures.delete(name);
    },
    crashNamespace(name) {
      const record = records.get(name);
      // The port stays in the view: upstream does not reset it when the process dies.
      if (record) record.running = false;
    },
    view(name) {
      const record = records.get(name);
      return record ? view(record) : undefined;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const server of [adminServer, dataServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
