import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import {readdir} from 'node:fs/promises';
import {createServer, type IncomingMessage, request, type ServerResponse} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {goTime, listen, now, readBody, sendError, sendJson, sendText, stamp} from './go-http.js';
import {namespaceNameError, ttlError} from './rules.js';
import {type NamespaceRecord, type Origin, StateStore} from './state.js';
import {pipeline, probePort, spawnTursodb, type TursodbProcess} from './tursodb.js';

/**
 * A test double of turso-server (apps/turso-server in Buntime) with the real database underneath:
 * it keeps the admin and data-port contract of buntime-upstream-facts §6 (bearer auth with /healthz
 * and /readyz open, Go-style JSON errors, the namespace record rules) and, like the real
 * supervisor, runs one real `tursodb <dataDir>/<ns>.db --sync-server 127.0.0.1:<port>` per
 * namespace: spawned in its own process group, waited for up to the startup timeout, respawned at
 * boot from `_state/namespaces.json`, proxied to by path on the data port, and asked for backups
 * with `VACUUM INTO` over Hrana. Knobs let tests add latency, fail a backup, kill a namespace's
 * process or make it slow to listen. It is the only test double the project allows.
 */
export type {Origin};

export interface NamespaceSeed {
  readonly name: string;
  readonly origin?: Origin;
  /** Default: true for explicit, false for auto (what the server would have stored). */
  readonly locked?: boolean;
  readonly ttl?: string;
  readonly createdAt?: Date;
  readonly lastAccessAt?: Date;
  /**
   * False: the record is in the state file but its tursodb was not started at boot (as when the
   * server's Restore failed to spawn it): listed without a port, backups fail "not running".
   */
  readonly running?: boolean;
}

export interface TursoDoubleOptions {
  /** TURSO_ADMIN_TOKEN; empty or missing disables auth on the admin port. */
  readonly adminToken?: string;
  /** TURSO_AUTH_TOKEN; empty or missing disables auth on the data port. */
  readonly dataToken?: string;
  /** Records added to the state file before boot (boot then respawns them, as Restore does). */
  readonly namespaces?: readonly NamespaceSeed[];
  /** TURSO_ALLOW_AUTO_PROVISION (default true). */
  readonly autoProvision?: boolean;
  /** TURSO_MAX_NAMESPACES (default 256; 0 = unlimited); counts running processes. */
  readonly maxNamespaces?: number;
  /**
   * TURSO_DATA_DIR. Default: a new temporary directory, removed by close(). A given directory is
   * kept, so a second double on it restarts from its state (the pod restarting on its volume).
   */
  readonly dataDir?: string;
  /** TURSO_STARTUP_TIMEOUT in ms (default 5000). */
  readonly startupTimeoutMs?: number;
  /** TURSO_BACKEND_PORT_START/END. Default: a random 500-port window in 20000-31999, so parallel doubles rarely meet. */
  readonly backendPorts?: {readonly start: number; readonly end: number};
  /** Latency added before every non-health request, on both ports (default 0). */
  readonly delayMs?: number;
  /** Per namespace: how long its tursodb waits before it starts listening (a slow start). */
  readonly startDelayMs?: Readonly<Record<string, number>>;
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
  readonly dataDir: string;
  /** Why namespaces failed to respawn at boot (the server logs these and boots anyway). */
  readonly bootErrors: readonly string[];
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Changes the injected latency for later requests. */
  setDelay(ms: number): void;
  /** Makes later spawns of `name` wait this long before listening (0 = normal). */
  setStartDelay(name: string, ms: number): void;
  /**
   * Makes later backups of `name` stream `mangle(snapshot)` instead of the snapshot (with its own
   * Content-Length): what a broken proxy or disk in between would hand the client. Undefined clears.
   */
  mangleBackup(name: string, mangle: ((snapshot: Buffer) => Buffer) | undefined): void;
  /**
   * Makes the next backups of `name` fail with 500 `backup failed` and this detail: the next
   * `times` of them, or every one until clearBackupFailure.
   */
  failBackup(name: string, detail?: string, times?: number): void;
  clearBackupFailure(name: string): void;
  /** Kills the namespace's tursodb (SIGKILL to its group): the record stays, lookups see it stopped. */
  crashNamespace(name: string): Promise<void>;
  /** Whether the namespace's tursodb is running now. */
  running(name: string): boolean;
  /** The base URL of the namespace's own tursodb (bypassing the proxy), when it runs. */
  backendUrl(name: string): string | undefined;
  /** The last lines the namespace's tursodb wrote. */
  log(name: string): string;
  /** The stored record as the admin API would show it, or undefined. */
  view(name: string): Record<string, unknown> | undefined;
  /** Stops like the pod on SIGTERM: listeners, then every tursodb (SIGTERM, SIGKILL after 5 s). */
  close(): Promise<void>;
}

/** Go's time.Duration.String() for the whole-millisecond values the double uses. */
function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${ms / 1000}s`;
}

export async function startTursoDouble(options: TursoDoubleOptions = {}): Promise<TursoDouble> {
  const adminToken = options.adminToken ?? '';
  const dataToken = options.dataToken ?? '';
  const autoProvision = options.autoProvision ?? true;
  const maxNamespaces = options.maxNamespaces ?? 256;
  const startupTimeoutMs = options.startupTimeoutMs ?? 5000;
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'turso-double-'));
  mkdirSync(dataDir, {recursive: true});
  // Below Linux's ephemeral range (32768+), so a tursodb never takes a port the OS just handed out
  // to someone's freePort().
  const windowStart = 20_000 + Math.floor(Math.random() * 24) * 500;
  const ports = options.backendPorts ?? {start: windowStart, end: windowStart + 499};
  let delayMs = options.delayMs ?? 0;
  const startDelays = new Map(Object.entries(options.startDelayMs ?? {}));
  const backupFailures = new Map<string, {detail: string; left: number}>();
  const backupManglers = new Map<string, (snapshot: Buffer) => Buffer>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const procs = new Map<string, TursodbProcess>();
  const usedPorts = new Set<number>();
  const nameLocks = new Map<string, Promise<unknown>>();
  let nextPort = ports.start;
  let closing = false;

  const store = new StateStore(dataDir);
  for (const seed of options.namespaces ?? []) {
    const error = namespaceNameError(seed.name);
    if (error) throw new Error(`turso double seed: ${error}`);
    const origin = seed.origin ?? 'explicit';
    const createdAt = seed.createdAt ? goTime(seed.createdAt) : now();
    store.records.set(seed.name, {
      name: seed.name,
      origin,
      createdAt,
      lastAccessAt: seed.lastAccessAt ? goTime(seed.lastAccessAt) : createdAt,
      locked: seed.locked ?? origin === 'explicit',
      ...(seed.ttl ? {ttl: seed.ttl} : {}),
    });
  }
  if (options.namespaces?.length) store.flush();

  const portFree = (port: number): Promise<boolean> =>
    new Promise((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });

  /** Round-robin over the backend range, skipping ports we hold or someone else has bound. */
  const allocPort = async (): Promise<number> => {
    for (let i = 0; i <= ports.end - ports.start; i++) {
      const port = nextPort;
      nextPort = nextPort >= ports.end ? ports.start : nextPort + 1;
      if (usedPorts.has(port)) continue;
      usedPorts.add(port);
      if (await portFree(port)) return port;
      usedPorts.delete(port);
    }
    throw new Error('no free backend port in configured range');
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** waitForPort: poll until it accepts a connection or the startup timeout passes. */
  const waitForPort = async (port: number): Promise<string | undefined> => {
    const deadline = Date.now() + startupTimeoutMs;
    for (;;) {
      if (await probePort(port)) return undefined;
      if (Date.now() > deadline)
        return `port ${port} not ready within ${goDuration(startupTimeoutMs)}: dial tcp 127.0.0.1:${port}: connect: connection refused`;
      await sleep(50);
    }
  };

  const withNameLock = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const previous = nameLocks.get(name) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    nameLocks.set(
      name,
      next.catch(() => undefined),
    );
    return next;
  };

  /** Supervisor.EnsureRunning: spawn if needed (serialised per name), record a new namespace. */
  const ensureRunning = (name: string, origin: Origin): Promise<void> =>
    withNameLock(name, async () => {
      if (procs.has(name)) return;
      if (maxNamespaces > 0 && procs.size >= maxNamespaces)
        throw new Error(`max namespaces reached (${maxNamespaces})`);
      const port = await allocPort();
      const proc = spawnTursodb(join(dataDir, `${name}.db`), port, startDelays.get(name) ?? 0);
      const failure = await waitForPort(port);
      if (failure) {
        proc.signal('SIGKILL');
        await proc.exited;
        usedPorts.delete(port);
        throw new Error(`tursodb ${JSON.stringify(name)} failed to listen on ${port}: ${failure}`);
      }
      procs.set(name, proc);
      // The reaper: when the process leaves (killed or crashed), the next access respawns it.
      void proc.exited.then(() => {
        if (procs.get(name) === proc) procs.delete(name);
        usedPorts.delete(port);
      });
      let record = store.records.get(name);
      if (!record) {
        const createdAt = now();
        record = {name, origin, createdAt, lastAccessAt: createdAt, locked: origin === 'explicit'};
        store.records.set(name, record);
        store.flush();
      }
      record.port = port;
    });

  const view = (record: NamespaceRecord): Record<string, unknown> => {
    let sizeBytes = 0;
    try {
      sizeBytes = statSync(join(dataDir, `${record.name}.db`)).size;
    } catch {
      // No file yet: 0, as upstream.
    }
    return {
      name: record.name,
      origin: record.origin,
      createdAt: record.createdAt,
      lastAccessAt: record.lastAccessAt,
      locked: record.locked,
      ...(record.ttl ? {ttl: record.ttl} : {}),
      ...(record.port ? {port: record.port} : {}),
      sizeBytes,
    };
  };

  /** Supervisor.Backup + handleBackup: VACUUM INTO on the running process, stream, delete. */
  const backup = async (name: string, res: ServerResponse): Promise<void> => {
    const ts = stamp();
    const filename = `${name}-${ts}.db`;
    const dest = join(dataDir, '_backups', filename);
    const proc = procs.get(name);
    const failure = async (): Promise<string | undefined> => {
      if (!proc) return `namespace ${JSON.stringify(name)} is not running`;
      const injected = backupFailures.get(name);
      if (injected !== undefined) {
        if (--injected.left <= 0) backupFailures.delete(name);
        return injected.detail;
      }
      mkdirSync(join(dataDir, '_backups'), {recursive: true});
      if (existsSync(dest)) return `destination already exists: ${dest}`;
      const url = `http://127.0.0.1:${proc.port}/v2/pipeline`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {'content-type': 'application/json'},
          body: JSON.stringify({
            requests: [{type: 'execute', stmt: {sql: `VACUUM INTO '${dest.replace(/'/g, "''")}'`}}],
          }),
        });
      } catch (error) {
        return `call tursodb pipeline: Post ${JSON.stringify(url)}: ${(error as Error).message}`;
      }
      const text = await response.text();
      if (response.status !== 200) return `tursodb pipeline returned ${response.status}: ${text}`;
      const results = (JSON.parse(text) as {results?: {type: string; error?: {message: string; code: string}}[]})
        .results;
      if (!results?.length) return `pipeline returned no results (body=${text})`;
      const first = results[0] as {type: string; error?: {message: string; code: string}};
      if (first.type === 'error') return `VACUUM INTO failed: ${first.error?.message} (${first.error?.code})`;
      if (!existsSync(dest)) return `snapshot not present after VACUUM INTO: stat ${dest}: no such file or directory`;
      return undefined;
    };
    const error = await failure();
    if (error) return sendError(res, 500, 'backup failed', error);
    const mangle = backupManglers.get(name);
    if (mangle) {
      const bytes = mangle(readFileSync(dest));
      rmSync(dest, {force: true});
      res.writeHead(200, {
        'Content-Type': 'application/vnd.sqlite3',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Content-Length': String(bytes.length),
      });
      res.end(bytes);
      return;
    }
    const size = statSync(dest).size;
    res.writeHead(200, {
      'Content-Type': 'application/vnd.sqlite3',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(size),
    });
    await new Promise<void>((resolve) => {
      const stream = createReadStream(dest);
      stream.once('error', () => {
        res.destroy();
        resolve();
      });
      stream.once('end', resolve);
      stream.pipe(res);
    });
    // Upstream removes only the snapshot; the empty `-wal` tursodb leaves beside it stays.
    rmSync(dest, {force: true});
  };

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
      try {
        await route(req, res, path);
      } catch (error) {
        if (!res.headersSent) sendError(res, 500, 'internal error', (error as Error).message);
        else res.destroy();
      }
    };

  const archive = (name: string): string => {
    const dir = join(dataDir, 'archive', `${name}.${stamp()}`);
    mkdirSync(dir, {recursive: true});
    return dir;
  };

  const stopProc = async (proc: TursodbProcess): Promise<void> => {
    proc.signal('SIGTERM');
    const timer = setTimeout(() => proc.signal('SIGKILL'), 5000);
    await proc.exited;
    clearTimeout(timer);
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    if (path === '/v1/namespaces') {
      if (method !== 'GET') return sendError(res, 405, 'method not allowed', 'use GET');
      return sendJson(res, 200, {namespaces: store.list().map(view)});
    }
    if (!path.startsWith('/v1/namespaces/')) return sendText(res, 404, '404 page not found');
    const rest = path.slice('/v1/namespaces/'.length);
    if (rest === '') return sendError(res, 400, 'missing namespace', 'path is /v1/namespaces/:name[/action]');
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    const action = slash < 0 ? '' : rest.slice(slash + 1);
    const invalid = namespaceNameError(name);
    if (invalid) return sendError(res, 400, 'invalid namespace', invalid);
    const record = store.records.get(name);
    const notFound = (): void => sendError(res, 404, 'namespace not found', `namespace not found: ${name}`);

    if (action === '' && method === 'GET') {
      return record ? sendJson(res, 200, view(record)) : sendError(res, 404, 'namespace not found', name);
    }
    if (action === '' && method === 'DELETE') {
      const proc = procs.get(name);
      if (proc) await stopProc(proc);
      if (store.records.delete(name)) store.flush();
      const dir = archive(name);
      for (const file of await readdir(dataDir)) {
        if (file.startsWith(`${name}.db`)) renameSync(join(dataDir, file), join(dir, file));
      }
      return sendJson(res, 200, {name, archivedTo: dir, destroyedAt: now()});
    }
    if (action === 'create' && method === 'POST') {
      try {
        await ensureRunning(name, 'explicit');
      } catch (error) {
        return sendError(res, 500, 'create failed', (error as Error).message);
      }
      return sendJson(res, 201, view(store.records.get(name) as NamespaceRecord));
    }
    if ((action === 'lock' || action === 'unlock') && method === 'POST') {
      if (!record) return notFound();
      record.locked = action === 'lock';
      store.flush();
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
      if (ttl) record.ttl = ttl;
      else delete record.ttl;
      store.flush();
      return sendJson(res, 200, view(record));
    }
    if (action === 'access' && method === 'POST') {
      // Upstream dereferences the missing record and the Go server drops the connection.
      if (!record) return void req.socket.destroy();
      record.lastAccessAt = now();
      return sendJson(res, 200, view(record));
    }
    if (action === 'backup' && method === 'GET') return backup(name, res);
    return sendError(res, 404, 'unknown route', `${method} ${path}`);
  };

  /** The data port: split off the namespace, ensure its tursodb runs, reverse-proxy the rest. */
  const data = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const trimmed = path.startsWith('/') ? path.slice(1) : path;
    const name = trimmed.split('/')[0] ?? '';
    if (path === '/' || name === '')
      return sendError(res, 400, 'missing namespace', 'request path must start with /<namespace>/');
    const invalid = namespaceNameError(name);
    if (invalid) return sendError(res, 400, 'invalid namespace', invalid);
    if (!procs.has(name)) {
      if (!autoProvision) {
        return sendError(
          res,
          404,
          'namespace not found',
          `auto-provisioning disabled; create via POST /v1/namespaces/${name}/create on the admin API first`,
        );
      }
      try {
        await ensureRunning(name, 'auto');
      } catch (error) {
        return sendError(res, 500, 'auto-provision failed', (error as Error).message);
      }
    }
    const record = store.records.get(name);
    if (record) record.lastAccessAt = now();
    const proc = procs.get(name);
    if (!proc) return sendError(res, 502, 'upstream error', 'dial tcp: connection refused');
    const raw = req.url ?? '/';
    const query = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';
    const rawPath = raw.slice(0, raw.length - query.length);
    const restPath = rawPath.slice(rawPath.indexOf('/', 1) < 0 ? rawPath.length : rawPath.indexOf('/', 1)) || '/';
    const headers: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers[key] = value;
    headers['host'] = `127.0.0.1:${proc.port}`;
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
    await new Promise<void>((resolve) => {
      const upstream = request(
        {host: '127.0.0.1', port: proc.port, method: req.method, path: `${restPath}${query}`, headers},
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once('end', resolve);
          answer.once('error', () => {
            res.destroy();
            resolve();
          });
        },
      );
      upstream.once('error', (error) => {
        if (!res.headersSent) sendError(res, 502, 'upstream error', error.message);
        else res.destroy();
        resolve();
      });
      req.pipe(upstream);
    });
  };

  // Restore (before the listeners open, as in main.go): respawn every stored namespace; one that
  // fails is logged and left stopped, it does not stop the boot.
  const bootErrors: string[] = [];
  const skip = new Set((options.namespaces ?? []).filter((seed) => seed.running === false).map((seed) => seed.name));
  for (const record of store.list()) {
    if (skip.has(record.name)) continue;
    await ensureRunning(record.name, record.origin).catch((error: Error) => bootErrors.push(error.message));
  }

  const adminServer = createServer((req, res) => void handle('admin', adminToken, admin)(req, res));
  const dataServer = createServer((req, res) => void handle('data', dataToken, data)(req, res));
  const adminPort = await listen(adminServer);
  const dataPort = await listen(dataServer);

  return {
    adminPort,
    dataPort,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    dataUrl: `http://127.0.0.1:${dataPort}`,
    dataDir,
    bootErrors,
    requests,
    setDelay(ms) {
      delayMs = ms;
    },
    setStartDelay(name, ms) {
      startDelays.set(name, ms);
    },
    failBackup(name, detail = 'VACUUM INTO failed: disk I/O error (SQLITE_IOERR)', times = Number.POSITIVE_INFINITY) {
      backupFailures.set(name, {detail, left: times});
    },
    mangleBackup(name, mangle) {
      if (mangle) backupManglers.set(name, mangle);
      else backupManglers.delete(name);
    },
    clearBackupFailure(name) {
      backupFailures.delete(name);
    },
    async crashNamespace(name) {
      const proc = procs.get(name);
      if (!proc) return;
      proc.signal('SIGKILL');
      await proc.exited;
      // Let the reaper run before the caller looks.
      await new Promise((resolve) => setImmediate(resolve));
    },
    running: (name) => procs.has(name),
    backendUrl(name) {
      const proc = procs.get(name);
      return proc ? `http://127.0.0.1:${proc.port}` : undefined;
    },
    log: (name) => procs.get(name)?.log() ?? '',
    view(name) {
      const record = store.records.get(name);
      return record ? view(record) : undefined;
    },
    async close() {
      if (closing) return;
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const server of [adminServer, dataServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await Promise.all([...procs.values()].map(stopProc));
      // Store.Close flushes what the 60 s ticker had not written yet (lastAccessAt).
      if (existsSync(join(dataDir, '_state'))) store.flush();
      if (ownDir) rmSync(dataDir, {recursive: true, force: true});
    },
  };
}

export {pipeline};
