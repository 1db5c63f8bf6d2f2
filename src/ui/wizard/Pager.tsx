import {Box, Text, useInput} from 'ink';
import {useEffect, useRef, useState, type ReactNode} from 'react';
import {splitKeys} from '../split-keys.js';
import {wrapWords} from '../wrap.js';
import {theme} from './theme.js';

/** How a paged screen was left: read on (enter), or quit (q, Ctrl-C). */
export type PagerExit = 'continue' | 'quit';

export interface PagerKeys {
  /** What enter does here, for the hint and the help (e.g. "continue", "done"). */
  readonly enter: string;
  /** What q does here (e.g. "quit without applying", "done"). */
  readonly quit: string;
}

const KEYS: ReadonlyArray<readonly [keys: string, does: string]> = [
  ['↑ ↓  j k', 'a line'],
  ['PgUp PgDn  space b', 'a page'],
  ['Home End  g G', 'the top / the end'],
  ['? h', 'this list of keys'],
];

/**
 * A screen taller than the terminal (a Review of 80 lines in 30 rows), shown one page at a time.
 * `lines` are the screen already rendered at the terminal width, so nothing is cut: they only
 * move. It starts at the top; the last line says where the page is and which keys move it.
 */
export function Pager(props: {
  readonly lines: readonly string[];
  /** The terminal's rows: the pager uses one less, so Ink never redraws the whole screen. */
  readonly rows: number;
  readonly width: number;
  readonly keys: PagerKeys;
  readonly onExit: (how: PagerExit) => void;
}): ReactNode {
  const {lines, keys, onExit, width} = props;
  const hint = wrapWords(`↑↓ PgUp PgDn Home End · enter ${keys.enter} · ? keys · q ${keys.quit}`, width);
  // Rows: the page, the position line, the hint, and one left free.
  const page = Math.max(3, props.rows - 2 - hint.length);
  const last = Math.max(0, lines.length - page);
  const [top, setTop] = useState(0);
  const [help, setHelp] = useState(false);
  const [closing, setClosing] = useState<PagerExit>();
  // Keys typed faster than a frame see the newest position, not the last render's.
  const position = useRef(0);
  const move = (next: number): void => {
    position.current = Math.max(0, Math.min(last, next));
    setTop(position.current);
  };
  // Leaving draws an empty frame first, so the page does not stay on the screen under the full text.
  useEffect(() => {
    if (closing) onExit(closing);
  }, [closing, onExit]);
  useInput((rawInput, rawKey) => {
    for (const {input, key} of splitKeys(rawInput, rawKey)) {
      if (closing) return;
      if (key.ctrl && input === 'c') return setClosing('quit');
      if (help) {
        if (key.escape || key.return || input === '?' || input === 'h' || input === 'q') setHelp(false);
        continue;
      }
      const at = position.current;
      if (key.upArrow || input === 'k') move(at - 1);
      else if (key.downArrow || input === 'j') move(at + 1);
      else if (key.pageUp || input === 'b') move(at - page);
      else if (key.pageDown || input === ' ') move(at + page);
      else if (key.home || input === 'g') move(0);
      else if (key.end || input === 'G') move(last);
      else if (input === '?' || input === 'h') setHelp(true);
      else if (key.return) setClosing('continue');
      else if (input === 'q' || key.escape) setClosing('quit');
    }
  });
  if (closing) return null;
  const status = `── ${top + 1}-${Math.min(lines.length, top + page)}/${lines.length} `;
  if (help) {
    const rows = [
      ...KEYS.map(([key, does]) => `${key.padEnd(20)}${does}`),
      `${'enter'.padEnd(20)}${keys.enter}`,
      `${'q  esc  ctrl-c'.padEnd(20)}${keys.quit}`,
    ].flatMap((row) => wrapWords(row, width, {indent: ' '.repeat(20)}));
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>Keys</Text>
        {rows.map((row, index) => (
          <Text key={index}>{row}</Text>
        ))}
        <Text dimColor>? esc close</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {lines.slice(top, top + page).map((line, index) => (
        <Text key={top + index} wrap="truncate">
          {line || ' '}
        </Text>
      ))}
      <Text color={theme.accent} wrap="truncate">
        {status.padEnd(width, '─')}
      </Text>
      {hint.map((row, index) => (
        <Text key={`hint${index}`} dimColor wrap="truncate">
          {row}
        </Text>
      ))}
    </Box>
  );
}
