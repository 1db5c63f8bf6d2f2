import {readdirSync, readFileSync} from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly argv: readonly string[];
}

function parentOf(pid: string): number {
  // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after the last ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function isDescendant(pid: number, ancestor: number): boolean {
  let current = pid;
  for (let depth = 0; depth < 32 && current > 1; depth++) {
    if (current === ancestor) return true;
    try {
      current = parentOf(String(current));
    } catch {
      return false;
    }
  }
  return current === ancestor;
}

/**
 * Processes whose argv[0] is `binary`, read from /proc as any local user could. Other people run
 * the same cached helm on this machine, so by default only our own descendants count.
 */
export function processesOf(binary: string, options: {ancestor?: number | 'any'} = {}): ProcessInfo[] {
  const ancestor = options.ancestor ?? process.pid;
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv[0] !== binary) continue;
      const pid = Number(entry);
      if (ancestor !== 'any' && !isDescendant(pid, ancestor)) continue;
      found.push({pid, ppid: parentOf(entry), argv});
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

/** Every process's argv joined, for "does this secret appear anywhere" checks. */
export function allCommandLines(): string[] {
  const lines: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      lines.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // Exited while we looked.
    }
  }
  return lines;
}

export async function waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Samples, every few milliseconds until stop(), the argv of `root` and of every process below it,
 * as any local user could read them from /proc. stop() returns each distinct argv seen.
 */
export function sampleArgv(root: number, intervalMs = 5): {stop(): string[][]} {
  const seen = new Map<string, string[]>();
  const sample = (): void => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      try {
        if (pid !== root && !isDescendant(pid, root)) continue;
        const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
        if (argv.length > 0) seen.set(argv.join('\0'), argv);
      } catch {
        // Exited while we looked.
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return [...seen.values()];
    },
  };
}
