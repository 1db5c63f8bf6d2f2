import type {Style} from '../ui/style.js';
import type {FlagSpec} from './flags.js';
import {COMMANDS, type CommandSpec} from './registry.js';

function flagLine(flag: FlagSpec): string {
  const names = `${flag.short ? `-${flag.short}, ` : '    '}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
  return `  ${names.padEnd(30)} ${flag.description}`;
}

/** Help for the whole CLI: every command, then the default command's flags. */
export function globalHelp(version: string, style: Style): string {
  const lines = [
    `${style.bold('buntime-deploy')} ${version} — deploy Buntime to Kubernetes with Helm`,
    '',
    style.bold('Usage'),
    '  buntime-deploy [command] [flags]',
    '',
    style.bold('Commands'),
  ];
  for (const command of COMMANDS) {
    const name = command.name === '' ? '(none)' : command.name;
    lines.push(`  ${name.padEnd(12)} ${command.summary}`);
  }
  const wizard = COMMANDS.find((command) => command.name === '') as CommandSpec;
  lines.push('', style.bold('Flags (wizard)'), ...wizard.flags.map(flagLine));
  lines.push(
    '',
    'The wizard runs only in a terminal. In CI or scripts use install/upgrade with --preset, -f and --yes,',
    "or render to get values and the exact helm command. Run 'buntime-deploy COMMAND --help' for details.",
    '',
    'Exit codes: 0 ok, 1 failure, 2 usage or bad input, 130 cancelled.',
  );
  return `${lines.join('\n')}\n`;
}

/** Help for one command. */
export function commandHelp(command: CommandSpec, style: Style): string {
  const lines = [command.summary, '', style.bold('Usage'), `  ${command.usage}`, '', style.bold('Flags')];
  lines.push(...command.flags.map(flagLine));
  if (command.examples.length > 0) {
    lines.push('', style.bold('Examples'), ...command.examples.map((example) => `  ${example}`));
  }
  return `${lines.join('\n')}\n`;
}
