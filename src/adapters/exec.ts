import type {ResultPromise} from 'execa';
import {ExternalError} from '../core/errors.js';
import {commandLine} from '../core/helm/command.js';

export interface ExecOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Kills the child (SIGTERM, then SIGKILL after `forceKillAfterMs`) when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Grace between SIGTERM and SIGKILL (default 5 s). helm uses it to mark the release failed and
   * roll back; killing it sooner is what leaves releases stuck in pending-*.
   */
  readonly forceKillAfterMs?: number;
  /** Streamed output, one line at a time (without the newline). */
  readonly onStdoutLine?: (line: string) => void;
  readonly onStderrLine?: (line: string) => void;
  /** Text fed to stdin (how we pass anything sensitive: never argv). */
  readonly input?: string;
  /** Called once the child has started, with its pid (so callers can watch or reap it). */
  readonly onSpawn?: (pid: number) => void;
  /** Install hint shown when the binary is missing. */
  readonly missingHint?: string;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** True when the run was stopped by the abort signal. */
  readonly cancelled: boolean;
}

/** Turns chunks into whole lines; flush() emits a last line that had no newline. */
function lineSplitter(callback: ((line: string) => void) | undefined): {
  push(chunk: Buffer | string): void;
  flush(): void;
} {
  let pending = '';
  return {
    push(chunk) {
      if (!callback) return;
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) callback(line.replace(/\r$/, ''));
    },
    flush() {
      if (callback && pending) callback(pending);
      pending = '';
    },
  };
}

/**
 * Runs a program and returns its output without throwing on a non-zero exit. Throws ExternalError
 * only when the program cannot be started (not installed, not executable).
 */
export async function execResult(
  file: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  // Loaded on first use: execa's module set-up is measurable, and the wizard's first frame needs no process.
  const {execa} = await import('execa');
  if (options.signal?.aborted) return {stdout: '', stderr: '', exitCode: 130, cancelled: true};
  // Node keeps the handle of a child that failed to start (ENOENT, EACCES) until the error is
  // emitted on the next tick, with no pid: a kill() before then is kill(0, SIGTERM), which ends
  // every process in our process group (the person's shell job, a CI runner, the test run). So
  // execa gets a signal of its own, aborted only when the child really has a pid.
  const cancel = new AbortController();
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.env === undefined,
    reject: false,
    cleanup: true,
    cancelSignal: cancel.signal,
    forceKillAfterDelay: options.forceKillAfterMs ?? 5000,
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    stripFinalNewline: false,
  });
  const started = child.pid !== undefined;
  const onAbort = (): void => {
    if (started) cancel.abort(options.signal?.reason);
  };
  options.signal?.addEventListener('abort', onAbort, {once: true});
  try {
    return await settle(child, file, args, options);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function settle(
  child: ResultPromise,
  file: string,
  args: readonly string[],
  options: ExecOptions,
): Promise<ExecResult> {
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  const out = lineSplitter(options.onStdoutLine);
  const err = lineSplitter(options.onStderrLine);
  child.stdout?.on('data', out.push);
  child.stderr?.on('data', err.push);
  const result = await child;
  out.flush();
  err.flush();
  const code = (result as {code?: string}).code;
  if (code === 'ENOENT' || code === 'EACCES') {
    throw new ExternalError(`Cannot run '${file}': ${code === 'ENOENT' ? 'not found' : 'permission denied'}.`, {
      command: commandLine(file, args),
      hint: options.missingHint,
    });
  }
  return {
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    exitCode: result.exitCode ?? (result.isCanceled ? 130 : 1),
    cancelled: Boolean(result.isCanceled),
  };
}

/** Like execResult, but a non-zero exit becomes an ExternalError carrying the command and stderr. */
export async function exec(
  file: string,
  args: readonly string[],
  options: ExecOptions & {what?: string} = {},
): Promise<ExecResult> {
  const result = await execResult(file, args, options);
  if (result.exitCode !== 0) {
    throw new ExternalError(
      `${options.what ?? commandLine(file, args.slice(0, 2))} failed (exit ${result.exitCode}).`,
      {
        command: commandLine(file, args),
        stderr: result.stderr || result.stdout,
      },
    );
  }
  return result;
}
