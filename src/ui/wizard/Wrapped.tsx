import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {wrapWords} from '../wrap.js';

/**
 * Text wrapped between words by us rather than by Ink: Ink keeps the space it broke at, so a
 * wrapped line starts with a blank and an indented line loses its indent. `prefix` (a symbol, an
 * arrow) stands before the first line; the next lines align under the text.
 */
export function Wrapped({
  text,
  width,
  prefix = '',
  indent,
  color,
  dim = false,
}: {
  readonly text: string;
  readonly width: number;
  readonly prefix?: ReactNode;
  /** Start of the continuation lines (default: the text's own leading spaces). */
  readonly indent?: string;
  readonly color?: string | undefined;
  readonly dim?: boolean;
}): ReactNode {
  const lines = wrapWords(text, Math.max(10, width), indent === undefined ? {} : {indent});
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <Text key={index} color={color} dimColor={dim}>
          {index === 0 ? prefix : null}
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
