import {type ChildProcess, spawn} from 'node:child_process';
import {join} from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** The built CLI, run as a person (or CI) runs it: a real process, real signals. */
export const CLI = join(ROOT, 'bin', 'buntime-deploy.js');

export interface CliProcess {
  readonly child: ChildProcess;
  /** stdout + stderr so far, in arrival order. */
  output(): string;
  /** Resolves when `pattern` has appeared in the output (rejects after timeoutMs or on exit). */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal to the process group, as a terminal's Ctrl-C does (node and helm get it). */
  group(signal: NodeJS.Signals): void;
  /** The exit code (128 + n for a signal). */
  readonly exited: Promise<number>;
  readonly alive: () => boolean;
}

/**
 * Starts `buntime-deploy ARGS` in its own process group with exactly `env` (no TTY: stdin closed),
 * collecting its output.
 */
export function startCli(args: readonly string[], options: {cwd: string; env: Record<string, string>}): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  const waiters = new Set<() => void>();
  const add = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  let running = true;
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      running = false;
      for (const waiter of [...waiters]) waiter();
      resolve(
        code ?? 128 + (signal ? (({SIGINT: 2, SIGKILL: 9, SIGTERM: 15} as Record<string, number>)[signal] ?? 0) : 0),
      );
    });
  });
  return {
    child,
    output: () => text,
    exited,
    alive: () => running,
    group(signal) {
      if (child.pid) process.kill(-child.pid, signal);
    },
    waitFor(pattern, timeoutMs = 60_000) {
      const matches = (): boolean => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)} in:\n${text}`));
        }, timeoutMs);
        const check = (): void => {
          if (matches()) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (!running) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`exited before ${String(pattern)}:\n${text}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs the CLI to completion. */
export async function runCli(
  args: readonly string[],
  options: {cwd: string; env: Record<string, string>},
): Promise<{code: number; output: string}> {
  const started = startCli(args, options);
  const code = await started.exited;
  return {code, output: started.output()};
}
