import {type ChildProcess, spawn} from 'node:child_process';
import {closeSync, openSync, readFileSync} from 'node:fs';

/** A component exited because another process took its port between our probe and its bind. */
export class PortInUseError extends Error {}

export interface ProcessSpec {
  /** Short name used in messages and as the log file name (etcd, kube-apiserver, ...). */
  readonly name: string;
  readonly binary: string;
  readonly args: readonly string[];
  /** stdout and stderr are appended here. */
  readonly logFile: string;
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * One cluster component run as a child of the calling process, in the caller's process group (the
 * daemon is a group leader, so `kill -- -PGID` reaches every component even if the daemon died).
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    const fd = openSync(this.spec.logFile, 'a');
    try {
      const child = spawn(this.spec.binary, [...this.spec.args], {
        cwd: this.spec.cwd,
        env: this.spec.env ?? process.env,
        stdio: ['ignore', fd, fd],
      });
      this.child = child;
      this.exit = new Promise((resolve) => {
        child.once('exit', () => resolve());
        // A spawn failure (ENOENT/EACCES) emits 'error' and no 'exit'.
        child.once('error', () => resolve());
      });
    } finally {
      closeSync(fd);
    }
  }

  /** The last lines of the component's log, for error messages. */
  logTail(lines = 25): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /**
   * Polls `check` every 100 ms until it resolves true. Fails fast when the process exits (with its log
   * tail, and as PortInUseError when it lost its port) and after `timeoutMs`.
   */
  async waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw this.exitError(what);
      let ok = false;
      try {
        ok = await check();
      } catch {
        ok = false;
      }
      if (ok) return;
      if (!this.running) throw this.exitError(what);
      if (Date.now() > deadline) {
        throw new Error(
          `${this.spec.name}: ${what} not reached in ${Math.round(timeoutMs / 1000)} s. Log tail:\n${this.logTail()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private exitError(what: string): Error {
    const tail = this.logTail();
    const code = this.child?.exitCode ?? this.child?.signalCode ?? 'spawn failure';
    const message = `${this.spec.name} exited (${code}) before ${what}. Log tail:\n${tail}`;
    return /address already in use/i.test(tail) ? new PortInUseError(message) : new Error(message);
  }

  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}
