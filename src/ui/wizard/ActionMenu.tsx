import {Box, Text, useInput} from 'ink';
import {useState, type ReactNode} from 'react';
import {theme} from './theme.js';

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
  useInput((input, key) => {
    const index = enabled.findIndex((item) => item.id === selected);
    if (key.upArrow || input === 'k') setSelected((enabled[Math.max(0, index - 1)] ?? enabled[0])?.id ?? selected);
    else if (key.downArrow || input === 'j') setSelected((enabled[Math.min(enabled.length - 1, index + 1)] ?? enabled[0])?.id ?? selected);
    else if (key.return) props.onChoose(selected);
    else if (input === 'q' || (key.ctrl && input === 'c') || key.escape) props.onChoose(props.cancelId);
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
              <Text color={item.disabled ? undefined : active ? theme.accent : undefined} dimColor={Boolean(item.disabled)}>
                {item.label}
                {item.disabled ? ` (${item.disabled})` : ''}
              </Text>
            </Box>
          </Box>
        );
      })}
      <Text dimColor>↑/↓ move · enter choose · q quit</Text>
    </Box>
  );
}
