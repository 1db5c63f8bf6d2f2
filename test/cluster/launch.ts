import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {ClusterInfo} from './info.js';
import {killGroup, processAlive, WORKDIR_PREFIX} from './reaper.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');

export interface LaunchOptions {
  /** Cluster name (letters, digits, dashes); e2e runs get a random suffix so several can run at once. */
  readonly name: string;
  /** Default: a fresh directory under the OS temp dir. */
  readonly workdir?: string;
  readonly nodes?: number;
  /**
   * Tie the cluster's life to this process: the daemon tears down as soon as this process exits,
   * however it exits. Off for `cluster up`, whose cluster outlives the command.
   */
  readonly lifeline: boolean;
  readonly timeoutMs?: number;
  /** kube-apiserver writes an audit log (ClusterInfo.auditLog); for `npm run bench`, off for tests. */
  readonly audit?: boolean;
}

export interface LaunchedCluster {
  readonly info: ClusterInfo;
  readonly daemonPid: number;
}

/** A unique e2e cluster name: e2e-<pid>-<random>. */
export function uniqueName(prefix = 'e2e'): string {
  return `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Work directory of a named `cluster up` cluster. */
export function namedWorkdir(name: string): string {
  return join(tmpdir(), `${WORKDIR_PREFIX}${name}`);
}

/**
 * Starts the cluster daemon detached and resolves with the cluster's info once it is ready. Ports are
 * probed free and then bound by the components, so another process on this machine can take one in
 * between; that start is retried once with fresh ports.
 */
export async function launchCluster(options: LaunchOptions): Promise<LaunchedCluster> {
  try {
    return await launchOnce(options);
  } catch (error) {
    if (!/address already in use/i.test(String(error))) throw error;
    return launchOnce(options);
  }
}

async function launchOnce(options: LaunchOptions): Promise<LaunchedCluster> {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(options.name)) throw new Error(`invalid cluster name '${options.name}'`);
  const workdir = options.workdir ?? join(tmpdir(), `${WORKDIR_PREFIX}${options.name}`);
  mkdirSync(join(workdir, 'logs'), {recursive: true, mode: 0o700});
  const logFile = join(workdir, 'logs', 'daemon.log');
  const logFd = openSync(logFile, 'a');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = [
    '--import',
    tsx,
    join(HERE, 'daemon.ts'),
    '--name',
    options.name,
    '--workdir',
    workdir,
    '--nodes',
    String(options.nodes ?? 1),
  ];
  if (options.lifeline) args.push('--lifeline');
  if (options.audit) args.push('--audit');
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    detached: true,
    stdio: [options.lifeline ? 'pipe' : 'ignore', 'pipe', logFd],
    env: {...process.env, NODE_OPTIONS: ''},
  });
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the cluster daemon');

  const fail = (message: string): never => {
    killGroup(pid, workdir);
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n') : '';
    rmSync(workdir, {recursive: true, force: true});
    throw new Error(`test cluster '${options.name}' did not start: ${message}\n${tail}`);
  };

  const line = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), options.timeoutMs ?? 180_000);
    const rl = createInterface({input: child.stdout as NodeJS.ReadableStream});
    rl.once('line', (text) => {
      clearTimeout(timer);
      rl.close();
      resolve(text);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  child.stdout?.destroy();
  if (line === undefined) return fail(child.exitCode === null ? 'timed out' : `daemon exited (${child.exitCode})`);
  const message = JSON.parse(line) as {ready?: ClusterInfo; error?: string};
  if (!message.ready) return fail(message.error ?? 'unknown error');
  // Do not keep the caller's event loop alive for the daemon; the lifeline pipe stays open.
  child.unref();
  (child.stdin as (NodeJS.WritableStream & {unref?: () => void}) | null)?.unref?.();
  return {info: message.ready, daemonPid: pid};
}

/**
 * Stops a cluster: asks its daemon to shut down, waits for the whole process group to be gone, then
 * makes sure (SIGKILL to what is left of the group, removal of the work directory). Resolves with the
 * time it took in ms.
 */
export async function stopCluster(info: ClusterInfo, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  try {
    await fetch(`${info.control.url}/shutdown`, {
      method: 'POST',
      headers: {authorization: `Bearer ${info.control.token}`},
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    // Daemon already gone or wedged: the group kill below handles it.
  }
  // The daemon (pid = pgid) exits only after it stopped every component; if it is already dead,
  // whatever it left is killed below.
  const deadline = Date.now() + timeoutMs;
  while (processAlive(info.pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  killGroup(info.pgid, info.workdir);
  rmSync(info.workdir, {recursive: true, force: true});
  return Date.now() - started;
}

/** Reads the state file of a cluster started with `cluster up --name NAME`, if it is running. */
export function readState(
  workdir: string,
): {info: ClusterInfo; daemonPid: number; ownerPid: number; lifeline: boolean} | undefined {
  try {
    return JSON.parse(readFileSync(join(workdir, 'state.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
