import {CancelledError, ExternalError, UserError, isDeployError} from '../core/errors.js';
import type {Style} from './style.js';

const STDERR_TAIL_LINES = 20;

/**
 * Formats any thrown value for stderr. Our errors get a message, located problems and a hint;
 * anything else is a bug and keeps its stack so it can be reported.
 */
export function formatError(error: unknown, style: Style): string {
  if (error instanceof CancelledError) return `${style.warn(error.message)}\n`;
  const lines: string[] = [];
  if (error instanceof UserError) {
    lines.push(`${style.error('✖')} ${error.message}`);
    for (const problem of error.problems) {
      const where = problem.where ? `${style.bold(problem.where)}: ` : '';
      lines.push(`  ${where}${problem.message}`);
      if (problem.hint) lines.push(`    ${style.dim(`→ ${problem.hint}`)}`);
    }
    if (error.hint) lines.push(`${style.info('Hint:')} ${error.hint}`);
  } else if (error instanceof ExternalError) {
    lines.push(`${style.error('✖')} ${error.message}`);
    lines.push(`  ${style.dim('command:')} ${error.command}`);
    const stderr = error.stderr.trim();
    if (stderr) {
      const tail = stderr.split('\n').slice(-STDERR_TAIL_LINES);
      lines.push(`  ${style.dim('output:')}`, ...tail.map((line) => `    ${line}`));
    }
    if (error.hint) lines.push(`${style.info('Hint:')} ${error.hint}`);
  } else if (isDeployError(error)) {
    lines.push(`${style.error('✖')} ${error.message}`);
  } else {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    lines.push(`${style.error('✖ Unexpected error (this is a bug in buntime-deploy, please report it):')}`, stack);
  }
  return `${lines.join('\n')}\n`;
}
