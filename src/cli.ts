import {CancelledError, ExitCode} from './core/errors.js';
import {type Context, type Io, isInteractive, wantsColor} from './context.js';
import {commandHelp, globalHelp} from './commands/help.js';
import {flagBool, parseArgs} from './commands/parse-args.js';
import {maskText, rememberedSecrets} from './core/values/secrets.js';
import {formatError} from './ui/report-error.js';
import {createStyle} from './ui/style.js';
import {VERSION} from './version.js';

export interface MainOptions {
  /** Aborted on Ctrl-C; commands pass it on to helm, watches and port-forwards. */
  readonly signal?: AbortSignal;
  /** See Context.holdInterrupts (the entry's signal handler honours it). */
  readonly holdInterrupts?: Context['holdInterrupts'];
}

/**
 * Parses argv, decides the mode once (interactive only with two TTYs and no CI), runs the command
 * and turns every error into a message and an exit code. Never calls process.exit.
 */
export async function main(argv: readonly string[], io: Io, options: MainOptions = {}): Promise<number> {
  // Colour must be decided before a command loads Ink/chalk, which read FORCE_COLOR when imported.
  let color = wantsColor(io, argv.includes('--no-color'));
  let style = createStyle(color);
  try {
    const parsed = parseArgs(argv);
    color = wantsColor(io, flagBool(parsed.flags, 'no-color'));
    style = createStyle(color);
    if (flagBool(parsed.flags, 'version')) {
      io.stdout.write(`${VERSION}\n`);
      return ExitCode.ok;
    }
    if (flagBool(parsed.flags, 'help')) {
      io.stdout.write(parsed.command.name === '' ? globalHelp(VERSION, style) : commandHelp(parsed.command, style));
      return ExitCode.ok;
    }
    const ctx: Context = {
      ...io,
      interactive: isInteractive(io),
      color,
      style,
      signal: options.signal ?? new AbortController().signal,
      ...(options.holdInterrupts ? {holdInterrupts: options.holdInterrupts} : {}),
    };
    const command = await parsed.command.load();
    const code = await command.run({flags: parsed.flags, positionals: parsed.positionals}, ctx);
    if (options.signal?.aborted) throw new CancelledError();
    return code;
  } catch (error) {
    // Whatever failed, no secret this run read or made is printed (helm's stderr included).
    io.stderr.write(maskText(formatError(error, style), rememberedSecrets()));
    if (typeof error === 'object' && error !== null && 'exitCode' in error && typeof error.exitCode === 'number') {
      return error.exitCode;
    }
    return ExitCode.failure;
  }
}
