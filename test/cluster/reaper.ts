import {readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cacheDir} from './tools.js';

/** Work directories are named like this under the OS temp dir; the reaper scans for the prefix. */
export const WORKDIR_PREFIX = 'buntime-cluster-';

/** True when a process with this pid exists and is not a zombie waiting to be reaped. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (pid < 0) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** True while any process of the group exists. */
export function groupAlive(pgid: number): boolean {
  return processAlive(-pgid);
}

/** The process group of a pid, from /proc/<pid>/stat (undefined if it is gone). */
function processGroup(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) are: state ppid pgrp ...
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/**
 * Processes of one cluster, read from /proc: their command line mentions the cluster's work
 * directory (every component has it in its arguments) and they are either in the cluster's process
 * group or, when that is unknown, a harness binary or the daemon. Matching on all of this, not on a
 * name or a pid alone, means a recycled pid, another developer's cluster or a test's own process
 * that merely points at the kubeconfig (a tmux session running the CLI) is never touched.
 */
export function clusterProcesses(workdir: string, pgid?: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      // Exact argument or a path inside it: /tmp/x-ab must not match /tmp/x-abc.
      if (!args.some((arg) => arg === workdir || arg.includes(`${workdir}/`))) continue;
      const ours =
        pgid !== undefined && pgid > 0
          ? processGroup(entry) === pgid
          : (args[0] ?? '').startsWith(cacheDir()) || args.some((arg) => arg.endsWith('/test/cluster/daemon.ts'));
      if (ours) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

/** SIGKILLs what is left of a cluster (see clusterProcesses); pgid < 1 when unknown. */
export function killGroup(pgid: number, workdir: string): void {
  const known = pgid > 0 ? pgid : undefined;
  try {
    // The whole group first (daemon plus children), but only if the group still belongs to us.
    if (known !== undefined && clusterProcesses(workdir, known).length > 0) process.kill(-known, 'SIGKILL');
  } catch {
    // Already gone.
  }
  for (const pid of clusterProcesses(workdir, known)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Removes clusters nobody can stop any more: an e2e cluster whose starter (vitest) and daemon are
 * gone but whose components survived (e.g. the daemon was SIGKILLed), a `cluster up` cluster whose
 * daemon died, or a work directory abandoned during startup. Live clusters, including other
 * developers' runs, are left alone. Returns the directories removed.
 */
export function reapStaleClusters(now = Date.now()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((entry) => entry.startsWith(WORKDIR_PREFIX));
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const workdir = join(tmpdir(), entry);
    let state: {daemonPid: number; ownerPid: number; lifeline: boolean; info: {pgid: number}} | undefined;
    try {
      state = JSON.parse(readFileSync(join(workdir, 'state.json'), 'utf8'));
    } catch {
      state = undefined;
    }
    let stale: boolean;
    if (state) {
      stale = !processAlive(state.daemonPid) || (state.lifeline && !processAlive(state.ownerPid));
    } else {
      // Starting (no state yet) or abandoned; only an old directory nothing uses is abandoned.
      let age = 0;
      try {
        age = now - statSync(workdir).mtimeMs;
      } catch {
        continue;
      }
      stale = age > 15 * 60_000 && clusterProcesses(workdir).length === 0;
    }
    if (!stale) continue;
    killGroup(state?.info.pgid ?? -1, workdir);
    rmSync(workdir, {recursive: true, force: true});
    removed.push(workdir);
  }
  return removed;
}
