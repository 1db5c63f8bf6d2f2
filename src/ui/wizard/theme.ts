import type {ChangeLabel} from '../../core/upgrade/types.js';

/**
 * Semantic colours for the wizard's Ink screens (the same names as src/ui/style.ts for plain
 * output). FORCE_COLOR=0 (NO_COLOR, --no-color, TERM=dumb) turns all of them off in chalk.
 */
export const theme = {
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  info: 'cyan',
  accent: 'magenta',
} as const;

export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'dim' | 'plain';

export function toneColor(tone: Tone): string | undefined {
  return tone === 'dim' || tone === 'plain' ? undefined : theme[tone];
}

/** How each change label reads on screen: a symbol, a short word and a tone. */
export const CHANGE_LABELS: Record<ChangeLabel, {symbol: string; text: string; tone: Tone}> = {
  create: {symbol: '+', text: 'create', tone: 'ok'},
  'in-place': {symbol: '~', text: 'in place', tone: 'info'},
  'rolling-restart': {symbol: '↻', text: 'rolling restart', tone: 'info'},
  recreate: {symbol: '!', text: 'recreate (downtime)', tone: 'warn'},
  delete: {symbol: '-', text: 'delete', tone: 'warn'},
  'deletes-data': {symbol: '✖', text: 'DELETES DATA', tone: 'error'},
  immutable: {symbol: '✖', text: 'rejected: immutable', tone: 'error'},
};

export const SEVERITY: Record<'error' | 'warning' | 'info', {symbol: string; tone: Tone}> = {
  error: {symbol: '✖', tone: 'error'},
  warning: {symbol: '!', tone: 'warn'},
  info: {symbol: 'i', tone: 'info'},
};
