import {Box, Text} from 'ink';

export interface LogsState {
  readonly pod: string;
  readonly text?: string;
  readonly error?: string;
}

/** The last lines of the selected pod's log that fit; esc returns. */
export function LogsView({
  logs,
  width,
  height,
}: {
  readonly logs: LogsState;
  readonly width: number;
  readonly height: number;
}) {
  const lines = logs.text === undefined ? [] : logs.text.replace(/\n$/, '').split('\n');
  const shown = lines.slice(-Math.max(1, height - 1));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {`Logs of ${logs.pod} (last ${shown.length} of ${lines.length} lines)`}
      </Text>
      {logs.error ? <Text color="red">{logs.error}</Text> : null}
      {logs.text === undefined && !logs.error ? <Text color="cyan">loading…</Text> : null}
      {shown.map((line, index) => (
        <Text key={index} wrap="truncate">
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
