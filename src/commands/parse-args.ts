import {UserError} from '../core/errors.js';
import {closest} from '../core/suggest.js';
import type {FlagSpec} from './flags.js';
import {COMMANDS, type CommandSpec, findCommand} from './registry.js';

/** Parsed flag values keyed by long name. Booleans are true when given; `strings` flags are arrays. */
export type ParsedFlags = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

export interface ParsedArgs {
  readonly command: CommandSpec;
  readonly flags: ParsedFlags;
  readonly positionals: readonly string[];
}

function commandLabel(command: CommandSpec): string {
  return command.name === '' ? 'buntime-deploy' : `buntime-deploy ${command.name}`;
}

function helpHint(command: CommandSpec): string {
  return `Run '${commandLabel(command)} --help' to see what it accepts.`;
}

function unknownFlag(token: string, command: CommandSpec): UserError {
  const name = token.replace(/^-+/, '').split('=')[0] ?? '';
  const candidates = command.flags.map((flag) => flag.name);
  const suggestion = closest(name, candidates);
  const elsewhere = COMMANDS.filter((other) => other !== command && other.flags.some((flag) => flag.name === name));
  let hint = helpHint(command);
  if (suggestion) hint = `Did you mean '--${suggestion}'? ${hint}`;
  else if (elsewhere.length > 0) {
    hint = `'--${name}' belongs to: ${elsewhere.map(commandLabel).join(', ')}. ${hint}`;
  }
  return new UserError(`Unknown flag '${token.split('=')[0]}' for '${commandLabel(command)}'.`, {hint});
}

/**
 * Splits argv (without node and the script) into a command, flags and positionals.
 * Accepts `--flag value`, `--flag=value`, `-f value`, repeated `strings` flags and `--` to end flags.
 * Every problem is a UserError (exit 2) that names the command and the offending token.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command = findCommand('') as CommandSpec;
  let rest = argv;
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-')) {
    const found = findCommand(first);
    if (!found || first === '') {
      const names = COMMANDS.map((spec) => spec.name).filter(Boolean);
      const suggestion = closest(first, names);
      throw new UserError(`Unknown command '${first}'.`, {
        hint: `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Commands: ${names.join(', ')}. Run 'buntime-deploy --help'.`,
      });
    }
    command = found;
    rest = argv.slice(1);
  }

  const byLong = new Map<string, FlagSpec>(command.flags.map((flag) => [flag.name, flag]));
  const byShort = new Map<string, FlagSpec>();
  for (const flag of command.flags) if (flag.short) byShort.set(flag.short, flag);

  const flags: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index] as string;
    if (token === '--') {
      positionals.push(...rest.slice(index + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      inline = eq === -1 ? undefined : token.slice(eq + 1);
      spec = byLong.get(name);
    } else {
      spec = byShort.get(token.slice(1, 2));
      if (token.length > 2) inline = token.slice(2);
    }
    if (!spec) throw unknownFlag(token, command);
    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        throw new UserError(`Flag '--${spec.name}' takes no value (got '${token}').`, {hint: helpHint(command)});
      }
      flags[spec.name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = rest[index + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UserError(`Flag '--${spec.name}' needs a value${spec.value ? ` (${spec.value})` : ''}.`, {
          hint: helpHint(command),
        });
      }
      value = next;
      index++;
    }
    if (spec.type === 'strings') {
      const list = (flags[spec.name] as string[] | undefined) ?? [];
      list.push(value);
      flags[spec.name] = list;
    } else {
      if (flags[spec.name] !== undefined && flags[spec.name] !== value) {
        throw new UserError(`Flag '--${spec.name}' was given twice with different values.`, {hint: helpHint(command)});
      }
      flags[spec.name] = value;
    }
  }

  // --help and --version win over missing positionals, so check counts only when neither is set.
  if (!flags['help'] && !flags['version']) {
    const [min, max] = command.positionals;
    if (positionals.length < min || positionals.length > max) {
      const got = positionals.length === 0 ? 'none' : positionals.map((value) => `'${value}'`).join(', ');
      throw new UserError(
        max === 0
          ? `'${commandLabel(command)}' takes no arguments (got ${got}).`
          : `'${commandLabel(command)}' expects ${min === max ? min : `${min} to ${max}`} argument(s) (got ${got}).`,
        {hint: `Usage: ${command.usage}`},
      );
    }
  }
  return {command, flags, positionals};
}

/** Typed accessors so commands do not cast. */
export function flagString(flags: ParsedFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function flagStrings(flags: ParsedFlags, name: string): readonly string[] {
  const value = flags[name];
  return Array.isArray(value) ? value : [];
}

export function flagBool(flags: ParsedFlags, name: string): boolean {
  return flags[name] === true;
}
