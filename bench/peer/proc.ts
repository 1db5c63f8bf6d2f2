import {closeSync, openSync, readFileSync, readSync, statSync} from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux we run on). */
const HZ = 100;

/** CPU time (user + system, ms) the process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state ppid … utime(14) stime(15).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / HZ;
}

/** Resident set size (MB) now. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** What one client asked the API server in a window, from the audit log. */
export interface RequestCount {
  readonly total: number;
  readonly byVerb: Readonly<Record<string, number>>;
  /** One line per request: verb and path (for the report's detail). */
  readonly requests: readonly string[];
}

/** The audit log's size now: the start of a window. */
export function auditMark(file: string): number {
  return statSync(file).size;
}

/**
 * Requests `user` made from `startMs` to `endMs` (by the time the API server received them), read
 * from the audit log written since `mark`. Each request counts once: a watch logs when its stream
 * starts and again when it ends, a plain request once when it completes.
 */
export function countRequests(file: string, mark: number, user: string, startMs: number, endMs: number): RequestCount {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(size - mark);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, mark);
  } finally {
    closeSync(fd);
  }
  const seen = new Set<string>();
  const byVerb: Record<string, number> = {};
  const requests: string[] = [];
  for (const line of buffer.toString('utf8').split('\n')) {
    if (!line.includes(user)) continue;
    let entry: {
      auditID: string;
      verb: string;
      requestURI: string;
      requestReceivedTimestamp: string;
      user?: {username?: string};
    };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.user?.username !== user || seen.has(entry.auditID)) continue;
    const at = Date.parse(entry.requestReceivedTimestamp);
    if (at < startMs || at >= endMs) continue;
    seen.add(entry.auditID);
    byVerb[entry.verb] = (byVerb[entry.verb] ?? 0) + 1;
    requests.push(`${entry.verb} ${entry.requestURI.split('?')[0]}`);
  }
  return {total: seen.size, byVerb, requests};
}
