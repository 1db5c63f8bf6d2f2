/**
 * Plain-text findings (rules, question errors) for stderr: one block per finding with the rule id,
 * where it comes from and the fix. Every line goes through maskText, so a secret that slipped into a
 * message is still not printed.
 */
import type {Finding} from '../core/findings.js';
import {maskText} from '../core/values/secrets.js';
import type {Style} from './style.js';

/** Formats findings, errors first. `secrets` are the secret strings to scrub from every line. */
export function formatFindings(findings: readonly Finding[], style: Style, secrets: readonly string[] = []): string {
  const lines: string[] = [];
  for (const item of findings) {
    const mark = item.severity === 'error' ? style.error('✖ error') : style.warn('▲ warning');
    // Most messages start with their value path already; show it separately only when they do not.
    const path = item.path && !item.message.includes(item.path) ? item.path : undefined;
    const location = [path, item.where && item.where !== item.path ? `(${item.where})` : undefined]
      .filter(Boolean)
      .join(' ');
    lines.push(`${mark} ${style.dim(`[${item.id}]`)} ${location ? `${style.bold(location)}: ` : ''}${item.message}`);
    if (item.hint) lines.push(`    ${style.dim(`→ ${item.hint}`)}`);
  }
  return lines.length === 0 ? '' : `${maskText(lines.join('\n'), secrets)}\n`;
}
