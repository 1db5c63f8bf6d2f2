/**
 * The error hierarchy every command throws. One top-level handler (src/cli.ts) turns these into a
 * message and an exit code; nothing else calls process.exit.
 *
 * Exit codes: 0 ok, 1 failure, 2 usage or bad input, 130 cancelled.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  cancelled: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One concrete problem with the input, located as precisely as we can (file:line or value path). */
export interface Problem {
  /** `answers.yaml:12`, `ingress.host`, `--set replicaCount=x`, … */
  where?: string;
  message: string;
  hint?: string;
}

/** Base class so the handler can tell our errors from bugs. */
export abstract class DeployError extends Error {
  abstract readonly exitCode: ExitCodeValue;
}

/**
 * The user can fix this: bad flags, bad files, invalid values, a prompt that cannot run without a
 * terminal. Exit 2 unless the caller says the input was fine but the outcome was a failure (exit 1).
 */
export class UserError extends DeployError {
  override readonly name = 'UserError';
  readonly hint: string | undefined;
  readonly problems: readonly Problem[];
  readonly exitCode: ExitCodeValue;

  constructor(message: string, options: {hint?: string; problems?: readonly Problem[]; exitCode?: 1 | 2} = {}) {
    super(message);
    this.hint = options.hint;
    this.problems = options.problems ?? [];
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}

/** A program we ran (helm, kubectl) or a service we called (API server, S3, turso admin) failed. */
export class ExternalError extends DeployError {
  override readonly name = 'ExternalError';
  readonly exitCode = ExitCode.failure;
  /** The command as the user could re-run it, secrets already removed. */
  readonly command: string;
  readonly stderr: string;
  readonly hint: string | undefined;

  constructor(message: string, options: {command: string; stderr?: string; hint?: string; cause?: unknown}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause});
    this.command = options.command;
    this.stderr = options.stderr ?? '';
    this.hint = options.hint;
  }
}

/** The user pressed Ctrl-C or answered "no" to a confirmation that gates the whole run. */
export class CancelledError extends DeployError {
  override readonly name = 'CancelledError';
  readonly exitCode = ExitCode.cancelled;

  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** True when `error` is one of ours, so the handler prints it without a stack trace. */
export function isDeployError(error: unknown): error is DeployError {
  return error instanceof DeployError;
}
