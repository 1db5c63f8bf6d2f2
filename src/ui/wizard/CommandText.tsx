import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {wrapCommand} from '../wrap.js';

/**
 * A command to copy: broken between arguments with ` \` continuations, so a person who selects the
 * lines and pastes them runs exactly the command (a terminal's own wrap would not paste back).
 */
export function CommandText({
  command,
  width,
  dim = true,
}: {
  readonly command: string;
  readonly width: number;
  readonly dim?: boolean;
}): ReactNode {
  return (
    <Box flexDirection="column">
      {wrapCommand(command, Math.max(20, width)).map((line, index) => (
        <Text key={index} dimColor={dim}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
