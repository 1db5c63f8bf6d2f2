import {Box, Text} from 'ink';
import type {ReactNode} from 'react';

/** Columns the label takes; the value gets the rest. */
export const LABEL_WIDTH = 11;

/** One "Label  value" row; the value wraps under itself, never under the label. */
export function Field({label, children}: {readonly label: string; readonly children: ReactNode}): ReactNode {
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text bold>{label}</Text>
      </Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1}>
        {children}
      </Box>
    </Box>
  );
}
