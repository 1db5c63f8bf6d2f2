import {checkbox, confirm, input, number, password, select} from '@inquirer/prompts';
import {styleText} from 'node:util';
import {CancelledError, UserError} from '../../core/errors.js';
import {beforePrompt, type HandoffStdin} from '../handoff.js';
import {textWidth, wrapWords} from '../wrap.js';

/** What every prompt needs from the command context. */
export interface PromptIo {
  readonly stdin: NodeJS.ReadableStream & HandoffStdin & {isTTY?: boolean};
  readonly stdout: NodeJS.WritableStream & {columns?: number};
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

/**
 * Inquirer breaks lines at the terminal width wherever they are full, in the middle of a word
 * (`StorageClas`/`s`). We hand it text already wrapped between words to a little less than the
 * width, so its own break never fires: the message (aligned after `? `), the answer after it, the
 * descriptions, the choice names and the validation errors.
 */
interface Layout {
  readonly width: number;
  /** The message, wrapped; ends with a line break when what follows it (default, answer) would not fit. */
  readonly message: string;
  readonly theme: object;
  /** A choice name wrapped after the cursor column (`❯ ` is 2 wide, `❯◯ ` 3). */
  choice(name: string, column?: number): string;
}

function layout(io: PromptIo, message: string, tail = 0): Layout {
  const width = Math.max(30, io.stdout.columns ?? 80);
  const lines = wrapWords(message, width - 2, {indent: ''});
  const last = 2 + textWidth(lines.at(-1) ?? '');
  // `tail`: what the prompt writes after the message on the same line, e.g. ` (Y/n)` or ` (default)`.
  const own = last + tail > width;
  const text = `${lines.join('\n  ')}${own ? '\n ' : ''}`;
  const after = own ? 1 : last;
  const block = (value: string, indent: string, room: number): string =>
    wrapWords(value, room, {indent: ''}).join(`\n${indent}`);
  return {
    width,
    message: text,
    choice: (name, column = 2) => block(name, ' '.repeat(column), width - column),
    theme: {
      style: {
        message: (value: string) => styleText('bold', value),
        answer: (value: string) =>
          styleText('cyan', after + 1 + textWidth(value) <= width ? value : `\n  ${block(value, '  ', width - 2)}`),
        description: (value: string) => styleText('cyan', block(value, '', width)),
        error: (value: string) => styleText('red', block(`> ${value}`, '  ', width)),
      },
    },
  };
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
}

/** One choice from a list (arrow keys + enter). */
export function askSelect<T>(
  io: PromptIo,
  options: {message: string; choices: readonly Choice<T>[]; default?: T; pageSize?: number},
  how: NonInteractive,
): Promise<T> {
  const shape = layout(io, options.message);
  return run(io, options.message, how, (context) =>
    select<T>(
      {
        message: shape.message,
        // The done line shows `short`: the name on one line, which the answer style wraps.
        choices: options.choices.map((choice) => ({...choice, name: shape.choice(choice.name), short: choice.name})),
        default: options.default,
        pageSize: options.pageSize ?? 10,
        loop: false,
        theme: shape.theme,
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
  const shape = layout(io, options.message, options.default ? textWidth(options.default) + 3 : 0);
  return run(io, options.message, how, (context) =>
    input(
      {
        message: shape.message,
        theme: shape.theme,
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
  const shape = layout(io, options.message, options.default === undefined ? 0 : String(options.default).length + 3);
  return run(io, options.message, how, (context) =>
    number(
      {
        message: shape.message,
        theme: shape.theme,
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
  const shape = layout(io, options.message, ' (y/N)'.length);
  return run(io, options.message, how, (context) =>
    confirm({message: shape.message, default: options.default ?? false, theme: shape.theme}, context),
  );
}

/** A secret: masked while typed, never echoed afterwards. */
export function askSecret(
  io: PromptIo,
  options: {message: string; validate?: (value: string) => string | true},
  how: NonInteractive,
): Promise<string> {
  const shape = layout(io, options.message);
  return run(io, options.message, how, (context) =>
    password({message: shape.message, mask: '•', validate: options.validate, theme: shape.theme}, context),
  );
}

/** Several choices (space toggles, enter accepts). */
export function askChecklist<T>(
  io: PromptIo,
  options: {message: string; choices: ReadonlyArray<Choice<T> & {checked?: boolean}>},
  how: NonInteractive,
): Promise<T[]> {
  const shape = layout(io, options.message);
  return run(io, options.message, how, (context) =>
    checkbox<T>(
      {
        message: shape.message,
        choices: options.choices.map((choice) => ({
          ...choice,
          name: shape.choice(choice.name, 3),
          short: choice.name,
        })),
        theme: shape.theme,
      },
      context,
    ),
  );
}
