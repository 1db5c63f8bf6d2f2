import {readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Work directories are named like this under the OS temp dir; the reaper scans for the prefix. */
export const WORKDIR_PREFIX = 'buntime-cluster-';

/** True when a process with this pid exists (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while any process of the group exists. */
export function groupAlive(pgid: number): boolean {
  return processAlive(-pgid);
}

/**
 * Processes whose command line mentions `workdir` (every component of a cluster has its work
 * directory in its arguments), read from /proc. Matching on the directory, not on a name or a pid
 * alone, means a recycled pid or another developer's cluster is never touched.
 */
export function processesUsing(workdir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      // Exact argument or a path inside it: /tmp/x-ab must not match /tmp/x-abc.
      if (cmdline.split('\0').some((arg) => arg === workdir || arg.includes(`${workdir}/`))) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

/** SIGKILLs what is left of a cluster: every process that belongs to its work directory. */
export function killGroup(pgid: number, workdir: string): void {
  try {
    // The whole group first (daemon plus children), but only if the group still belongs to us.
    if (processesUsing(workdir).includes(pgid)) process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  for (const pid of processesUsing(workdir)) {
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
      stale = age > 15 * 60_000 && processesUsing(workdir).length === 0;
    }
    if (!stale) continue;
    killGroup(state?.info.pgid ?? -1, workdir);
    rmSync(workdir, {recursive: true, force: true});
    removed.push(workdir);
  }
  return removed;
}
