import {ExternalError} from '../../core/errors.js';
import {goDurationMs} from '../../core/values/formats.js';
import type {HistoryEntry} from '../../core/upgrade/recovery.js';
import type {Values} from '../../core/values/paths.js';
import {
  commandLine,
  getManifestArgs,
  getValuesArgs,
  type HelmScope,
  historyArgs,
  rollbackArgs,
  statusArgs,
  uninstallArgs,
} from '../../core/helm/command.js';
import {execResult, type ExecResult} from '../exec.js';
import type {HelmBinary} from './binary.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Which release, where, and with which helm. */
export interface HelmTarget {
  readonly helm: HelmBinary;
  readonly release: string;
  readonly namespace: string;
  readonly kubeContext?: string;
  /** Full environment for helm (KUBECONFIG, HOME, PATH…); the process env when omitted. */
  readonly env?: Env;
}

export interface ApplyOptions {
  readonly helm: HelmBinary;
  /** argv after `helm`, from core's applyArgs (the Review printed exactly this). */
  readonly args: readonly string[];
  /** Full environment for helm (KUBECONFIG, HOME, PATH…); the process env when omitted. */
  readonly env?: Env;
  /** Working directory (relative chart or values paths in `args` are relative to it). */
  readonly cwd?: string;
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting sends helm SIGTERM (it marks the release failed and rolls back), SIGKILL after `killGraceMs`. */
  readonly signal?: AbortSignal;
  readonly killGraceMs?: number;
}

export interface ApplyResult {
  readonly ok: boolean;
  readonly exitCode: number;
  readonly cancelled: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** The command exactly as it ran (values file paths, no secrets). */
  readonly command: string;
  readonly argv: readonly string[];
}

/** How a helm run that changes the release ended, with the command as it can be re-run. */
function applyResult(result: ExecResult, helm: string, args: readonly string[]): ApplyResult {
  return {
    ok: result.exitCode === 0 && !result.cancelled,
    exitCode: result.exitCode,
    cancelled: result.cancelled,
    stdout: result.stdout,
    stderr: result.stderr,
    command: commandLine(helm, args),
    argv: [helm, ...args],
  };
}

/** Kills any helm child still alive when this process exits, so Ctrl-C twice never orphans one. */
function reapOnExit(pid: number): () => void {
  const reap = (): void => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', reap);
  return () => process.off('exit', reap);
}

/**
 * Runs a helm command that changes the release (`upgrade --install … --wait`, rollback, uninstall)
 * with streamed output. Never throws for a helm failure (the caller shows the output and reads the
 * release state); throws ExternalError only when helm cannot start at all.
 */
export async function runHelmChange(options: ApplyOptions): Promise<ApplyResult> {
  let unreap: (() => void) | undefined;
  let result: ExecResult;
  try {
    result = await execResult(options.helm.path, options.args, {
      ...(options.cwd ? {cwd: options.cwd} : {}),
      env: options.env,
      signal: options.signal,
      forceKillAfterMs: options.killGraceMs ?? 60_000,
      onSpawn: (pid) => (unreap = reapOnExit(pid)),
      onStdoutLine: (line) => options.onLine?.(line, 'stdout'),
      onStderrLine: (line) => options.onLine?.(line, 'stderr'),
    });
  } finally {
    unreap?.();
  }
  return applyResult(result, options.helm.path, options.args);
}

/** Runs a read-only helm command built by core/helm (`--output json`); undefined when there is no release. */
async function helmJson<T>(
  target: HelmTarget,
  full: string[],
  what: string,
  signal?: AbortSignal,
): Promise<T | undefined> {
  const result = await execResult(target.helm.path, full, {env: target.env, signal});
  if (result.cancelled) {
    throw new ExternalError(`${what} was stopped before it finished (cluster not answering?).`, {
      command: commandLine(target.helm.path, full),
    });
  }
  if (result.exitCode !== 0) {
    if (/release: not found/.test(result.stderr)) return undefined;
    throw new ExternalError(`${what} failed (exit ${result.exitCode}).`, {
      command: commandLine(target.helm.path, full),
      stderr: result.stderr,
    });
  }
  const text = result.stdout.trim();
  return (text === '' || text === 'null' ? {} : JSON.parse(text)) as T;
}

/** `helm status -o json`, trimmed to what we use. undefined when the release does not exist. */
export interface ReleaseStatus {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  readonly info: {
    readonly status: string;
    readonly description?: string;
    readonly last_deployed?: string;
    readonly notes?: string;
  };
  readonly chart?: {
    readonly metadata?: {readonly name?: string; readonly version?: string; readonly appVersion?: string};
  };
}

export async function releaseStatus(target: HelmTarget, signal?: AbortSignal): Promise<ReleaseStatus | undefined> {
  const status = await helmJson<ReleaseStatus & {config?: unknown; manifest?: unknown}>(
    target,
    statusArgs(scopeOf(target)),
    'helm status',
    signal,
  );
  if (!status) return undefined;
  // `config` holds the user values (secrets included) and `manifest` the Secrets: never keep them.
  const {config: _config, manifest: _manifest, ...safe} = status;
  return safe;
}

/** `helm history -o json`; [] when the release does not exist. */
export async function releaseHistory(target: HelmTarget, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return (await helmJson<HistoryEntry[]>(target, historyArgs(scopeOf(target)), 'helm history', signal)) ?? [];
}

/**
 * User-supplied values (`helm get values`) of the deployed revision, or of `revision`. May contain
 * secrets: never display raw.
 */
export async function releaseUserValues(
  target: HelmTarget,
  signal?: AbortSignal,
  revision?: number,
): Promise<Values | undefined> {
  return helmJson<Values>(
    target,
    getValuesArgs(scopeOf(target), revision !== undefined ? {revision} : {}),
    'helm get values',
    signal,
  );
}

/** Every value of the deployed revision, chart defaults included (`helm get values -a`). */
export async function releaseAllValues(target: HelmTarget, signal?: AbortSignal): Promise<Values | undefined> {
  return helmJson<Values>(target, getValuesArgs(scopeOf(target), {all: true}), 'helm get values --all', signal);
}

/** The rendered manifest of the deployed revision, or of `revision` (contains Secrets: parse, never print). */
export async function releaseManifest(
  target: HelmTarget,
  signal?: AbortSignal,
  revision?: number,
): Promise<string | undefined> {
  const args = getManifestArgs(scopeOf(target), revision);
  const result = await execResult(target.helm.path, args, {env: target.env, signal});
  if (result.exitCode !== 0) {
    if (/release: not found/.test(result.stderr)) return undefined;
    throw new ExternalError(`helm get manifest failed (exit ${result.exitCode}).`, {
      command: commandLine(target.helm.path, args),
      stderr: result.stderr,
    });
  }
  return result.stdout;
}

export interface StepOptions {
  readonly timeout: string;
  /** SIGTERM→SIGKILL grace (default: the timeout plus two minutes: a rollback must finish). */
  readonly killGraceMs?: number;
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readonly signal?: AbortSignal;
}

export function scopeOf(target: HelmTarget): HelmScope {
  return {
    release: target.release,
    namespace: target.namespace,
    ...(target.kubeContext ? {kubeContext: target.kubeContext} : {}),
  };
}

/** `helm rollback REL REV --wait`: `rollback`, and the recovery for a stuck pending-upgrade/rollback. */
export async function rollbackRelease(
  target: HelmTarget,
  revision: number,
  options: StepOptions,
): Promise<ApplyResult> {
  return runHelmChange({
    helm: target.helm,
    args: rollbackArgs(scopeOf(target), revision, options.timeout),
    ...stepRun(target, options),
  });
}

/** `helm uninstall REL --wait`: the recovery for a first install stuck in pending-install. */
export async function uninstallRelease(target: HelmTarget, options: StepOptions): Promise<ApplyResult> {
  return runHelmChange({
    helm: target.helm,
    args: uninstallArgs(scopeOf(target), options.timeout),
    ...stepRun(target, options),
  });
}

function stepRun(
  target: HelmTarget,
  options: StepOptions,
): Pick<ApplyOptions, 'env' | 'onLine' | 'signal' | 'killGraceMs'> {
  return {
    killGraceMs: options.killGraceMs ?? (goDurationMs(options.timeout) ?? 10 * 60_000) + 2 * 60_000,
    ...(target.env ? {env: target.env} : {}),
    ...(options.onLine ? {onLine: options.onLine} : {}),
    ...(options.signal ? {signal: options.signal} : {}),
  };
}
