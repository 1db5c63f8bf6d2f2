import type {Style} from './ui/style.js';

/** The process streams and environment, injected so commands and tests never touch globals. */
export interface Io {
  readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};
  readonly stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number; rows?: number};
  readonly stderr: NodeJS.WritableStream & {isTTY?: boolean};
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Everything a command needs, decided once at start-up. */
export interface Context extends Io {
  /** True only when stdin and stdout are terminals and CI is unset: the only case where we prompt. */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly style: Style;
  /** Aborted on Ctrl-C; adapters pass it to child processes and watches. */
  readonly signal: AbortSignal;
  /**
   * While a hold is active (helm stopping and rolling back), a second Ctrl-C/SIGTERM calls its
   * `onRepeat` (say what is happening) instead of ending the process: killing helm then would
   * leave the release pending-rollback. Returns the release of the hold.
   */
  readonly holdInterrupts?: (onRepeat: () => void) => () => void;
}

/** CI is "set" unless it is empty, 0 or false (some runners export CI=false locally). */
export function isCi(env: Io['env']): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function isInteractive(io: Io): boolean {
  return Boolean(io.stdin.isTTY) && Boolean(io.stdout.isTTY) && !isCi(io.env);
}

/** NO_COLOR (any non-empty value), --no-color and TERM=dumb all mean plain output. */
export function wantsColor(io: Io, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if ((io.env['NO_COLOR'] ?? '') !== '') return false;
  if (io.env['TERM'] === 'dumb') return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return Boolean(io.stdout.isTTY);
}
