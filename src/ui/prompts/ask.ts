import {checkbox, confirm, input, number, password, select} from '@inquirer/prompts';
import {CancelledError, UserError} from '../../core/errors.js';
import {beforePrompt, type HandoffStdin} from '../handoff.js';

/** What every prompt needs from the command context. */
export interface PromptIo {
  readonly stdin: NodeJS.ReadableStream & HandoffStdin & {isTTY?: boolean};
  readonly stdout: NodeJS.WritableStream;
  /** Decided once at start-up: two TTYs and no CI. */
  readonly interactive: boolean;
  readonly signal?: AbortSignal;
}

/**
 * How to give this answer without a terminal; every prompt names it so a CI failure says exactly
 * what to pass (a flag, or a key in the answers file).
 */
export interface NonInteractive {
  /** e.g. `replicaCount` or `--namespace`. */
  readonly answer: string;
}

const NON_TTY_HINT =
  'Without a terminal, run `buntime-deploy install --preset NAME -f answers.yaml --yes` ' +
  '(or `upgrade`, or `render` to only write values).';

/** Throws a UserError naming what to pass when prompts cannot run (inquirer would exit 0 silently). */
export function requireTerminal(io: PromptIo, message: string, how: NonInteractive): void {
  if (io.interactive) return;
  throw new UserError(`Cannot ask "${message}": not running in a terminal.`, {
    hint: `Give it as ${how.answer} instead. ${NON_TTY_HINT}`,
  });
}

function isPromptCancel(error: unknown): boolean {
  const name = (error as {name?: unknown} | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}

/** Runs one inquirer prompt with the hand-off, the guard and cancellation mapped to CancelledError. */
async function run<T>(
  io: PromptIo,
  message: string,
  how: NonInteractive,
  prompt: (context: object) => Promise<T>,
): Promise<T> {
  requireTerminal(io, message, how);
  beforePrompt(io.stdin);
  try {
    return await prompt({input: io.stdin, output: io.stdout, signal: io.signal});
  } catch (error) {
    if (isPromptCancel(error)) throw new CancelledError();
    throw error;
  }
}

export interface Choice<T> {
  readonly value: T;
  readonly name: string;
  readonly description?: string;
  /** A reason shown next to a choice that cannot be picked. */
  readonly disabled?: boolean | string;
  /** What the answered prompt shows instead of `name` (for long, table-like names). */
  readonly short?: string;
}

/** One choice from a list (arrow keys + enter). */
export function askSelect<T>(
  io: PromptIo,
  options: {message: string; choices: readonly Choice<T>[]; default?: T; pageSize?: number},
  how: NonInteractive,
): Promise<T> {
  return run(io, options.message, how, (context) =>
    select<T>(
      {
        message: options.message,
        choices: options.choices.map((choice) => ({...choice})),
        default: options.default,
        pageSize: options.pageSize ?? 10,
        loop: false,
      },
      context,
    ),
  );
}

/** Free text, validated as you type (the validator returns an error message or true). */
export function askText(
  io: PromptIo,
  options: {
    message: string;
    default?: string;
    validate?: (value: string) => string | true;
    transformer?: (value: string) => string;
  },
  how: NonInteractive,
): Promise<string> {
  return run(io, options.message, how, (context) =>
    input(
      {
        message: options.message,
        default: options.default,
        validate: options.validate,
        transformer: options.transformer ? (value) => options.transformer!(value) : undefined,
      },
      context,
    ),
  );
}

/** A number (int or float), with bounds checked by the prompt. */
export async function askNumber(
  io: PromptIo,
  options: {
    message: string;
    default?: number;
    min?: number;
    max?: number;
    step?: number | 'any';
    validate?: (value: number | undefined) => string | true;
  },
  how: NonInteractive,
): Promise<number | undefined> {
  return run(io, options.message, how, (context) =>
    number(
      {
        message: options.message,
        default: options.default,
        min: options.min,
        max: options.max,
        step: options.step ?? 1,
        validate: options.validate,
      },
      context,
    ),
  );
}

/** Yes or no. */
export function askConfirm(
  io: PromptIo,
  options: {message: string; default?: boolean},
  how: NonInteractive,
): Promise<boolean> {
  return run(io, options.message, how, (context) =>
    confirm({message: options.message, default: options.default ?? false}, context),
  );
}

/** A secret: masked while typed, never echoed afterwards. */
export function askSecret(
  io: PromptIo,
  options: {message: string; validate?: (value: string) => string | true},
  how: NonInteractive,
): Promise<string> {
  return run(io, options.message, how, (context) =>
    password({message: options.message, mask: '•', validate: options.validate}, context),
  );
}

/** Several choices (space toggles, enter accepts). */
export function askChecklist<T>(
  io: PromptIo,
  options: {message: string; choices: ReadonlyArray<Choice<T> & {checked?: boolean}>},
  how: NonInteractive,
): Promise<T[]> {
  return run(io, options.message, how, (context) =>
    checkbox<T>({message: options.message, choices: options.choices.map((choice) => ({...choice}))}, context),
  );
}
