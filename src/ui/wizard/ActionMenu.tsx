import {Box, Text, useInput} from 'ink';
import {useRef, useState, type ReactNode} from 'react';
import {splitKeys} from '../split-keys.js';
import {useTerminalSize} from '../status/use-terminal-size.js';
import {wrapWords} from '../wrap.js';
import {theme} from './theme.js';

/** Every key of a menu, for its `?` list. */
const KEYS: ReadonlyArray<readonly [string, string]> = [
  ['↑ ↓  k j', 'move (disabled items are skipped; they say why)'],
  ['enter', 'choose'],
  ['? h', 'show or hide this list'],
  ['q esc ctrl-c', 'quit: nothing is changed'],
];

export interface MenuItem<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly disabled?: string;
}

/**
 * A small keyboard menu inside an Ink screen (arrows/j/k, enter; q or Ctrl-C = `cancelId`).
 * Disabled items stay visible with the reason, so users learn why an action is not offered.
 */
export function ActionMenu<T extends string>(props: {
  readonly items: readonly MenuItem<T>[];
  readonly initial: T;
  readonly cancelId: T;
  readonly onChoose: (id: T) => void;
}): ReactNode {
  const enabled = props.items.filter((item) => !item.disabled);
  const [selected, setSelected] = useState<T>(props.initial);
  // Keys typed fast arrive in one chunk (down + enter): a ref sees each move before the next key,
  // where the rendered state would still be the old one.
  const current = useRef<T>(props.initial);
  const move = (delta: number): void => {
    const index = enabled.findIndex((item) => item.id === current.current);
    const next = enabled[Math.min(enabled.length - 1, Math.max(0, index + delta))] ?? enabled[0];
    if (!next) return;
    current.current = next.id;
    setSelected(next.id);
  };
  const [help, setHelp] = useState(false);
  const {columns: width} = useTerminalSize();
  // Chosen once: keys after the choice (in the same chunk) belong to what comes next.
  const chosen = useRef(false);
  const choose = (id: T): void => {
    if (chosen.current) return;
    chosen.current = true;
    props.onChoose(id);
  };
  useInput((rawInput, rawKey) => {
    // Keys typed faster than a frame arrive as one chunk ("?\r"): each one counts.
    for (const {input, key} of splitKeys(rawInput, rawKey)) {
      if (key.upArrow || input === 'k') move(-1);
      else if (key.downArrow || input === 'j') move(1);
      else if (key.return) choose(current.current);
      else if (input === '?' || input === 'h') setHelp((shown) => !shown);
      else if (input === 'q' || (key.ctrl && input === 'c') || key.escape) choose(props.cancelId);
    }
  });
  return (
    <Box flexDirection="column">
      {props.items.map((item) => {
        const active = item.id === selected;
        return (
          <Box key={item.id}>
            <Box width={2} flexShrink={0}>
              <Text color={theme.accent}>{active ? '❯' : ' '}</Text>
            </Box>
            <Box flexShrink={1}>
              <Text
                color={item.disabled ? undefined : active ? theme.accent : undefined}
                dimColor={Boolean(item.disabled)}
              >
                {item.label}
                {item.disabled ? ` (${item.disabled})` : ''}
              </Text>
            </Box>
          </Box>
        );
      })}
      {help ? (
        <Box flexDirection="column" marginTop={1}>
          {KEYS.flatMap(([keys, does]) =>
            wrapWords(does, Math.max(20, width - 14)).map((line, index) => (
              <Text key={`${keys}${index}`}>
                {(index === 0 ? keys : '').padEnd(14)}
                <Text dimColor>{line}</Text>
              </Text>
            )),
          )}
        </Box>
      ) : null}
      <Text dimColor>↑/↓ move · enter choose · ? keys · q quit</Text>
    </Box>
  );
}
