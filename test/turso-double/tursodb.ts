import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {createRequire} from 'node:module';
import {connect} from 'node:net';
import {dirname, join} from 'node:path';

/**
 * The real tursodb 0.6.0 (the version turso-server supervises), from the npm package
 * @tursodatabase/cli-linux-x64-gnu, and the few ways the double and the tests talk to it:
 * spawn `tursodb FILE --sync-server 127.0.0.1:PORT` in its own process group, wait for the port,
 * send Hrana pipelines, and read a stopped database offline.
 */
export const TURSODB: string = join(
  dirname(createRequire(import.meta.url).resolve('@tursodatabase/cli-linux-x64-gnu/package.json')),
  'tursodb',
);

/** Process groups still alive, killed if the test process exits without closing its doubles. */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export interface TursodbProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Resolves with the exit code or signal once the process group leader has exited. */
  readonly exited: Promise<string>;
  /** The last lines tursodb wrote (stdout and stderr), for failure messages. */
  log(): string;
  /** Signals the whole process group (tursodb, or the shell that delays it). */
  signal(signal: NodeJS.Signals): void;
}

/**
 * Spawns tursodb serving `dbPath` on 127.0.0.1:`port`, in its own process group as the supervisor
 * does (Setpgid). `delayMs` makes it start listening that much later (a slow start), by sleeping
 * in a shell that then execs tursodb.
 */
export function spawnTursodb(dbPath: string, port: number, delayMs = 0): TursodbProcess {
  const args = [dbPath, '--sync-server', `127.0.0.1:${port}`];
  const child =
    delayMs > 0
      ? spawn('sh', ['-c', `sleep ${delayMs / 1000} && exec "$0" "$@"`, TURSODB, ...args], {
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(TURSODB, args, {detached: true, stdio: ['ignore', 'pipe', 'pipe']});
  const pid = child.pid as number;
  live.add(pid);
  const lines: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) {
      // Every readiness probe makes tursodb log this; it says nothing.
      if (line.trim() && !line.includes('Invalid HTTP request')) lines.push(line);
    }
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(pid);
      resolve(signal ?? `exit status ${code}`);
    });
    child.once('error', (error) => {
      live.delete(pid);
      resolve(error.message);
    });
  });
  return {
    child,
    port,
    exited,
    log: () => lines.join('\n'),
    signal(signal) {
      try {
        process.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    },
  };
}

/** One TCP connect attempt (200 ms, like the supervisor's DialTimeout). */
export function probePort(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({host: '127.0.0.1', port});
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(200, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface HranaResult {
  readonly type: 'ok' | 'error';
  readonly response?: {result?: {cols?: {name?: string}[]; rows?: {type: string; value?: unknown}[][]}};
  readonly error?: {message: string; code: string};
}

/** POST /v2/pipeline with one execute request per statement. */
export async function pipeline(baseUrl: string, sqls: readonly string[], token?: string): Promise<HranaResult[]> {
  const response = await fetch(`${baseUrl}/v2/pipeline`, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...(token ? {authorization: `Bearer ${token}`} : {})},
    body: JSON.stringify({requests: sqls.map((sql) => ({type: 'execute', stmt: {sql}}))}),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`pipeline returned ${response.status}: ${text}`);
  return (JSON.parse(text) as {results: HranaResult[]}).results;
}

/** Runs tursodb offline on a file nobody serves (`-q -m list FILE SQL`); returns stdout. */
export function offline(file: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(TURSODB, ['-q', '-m', 'list', file, sql], {encoding: 'utf8'}, (error, stdout, stderr) => {
      // tursodb reports SQL errors on stdout and still exits 0; treat its error box as a failure.
      if (error || /×/.test(stdout)) reject(new Error(`tursodb ${file} "${sql}": ${stderr || stdout || error}`));
      else resolve(stdout);
    });
  });
}
