import {Box, Text} from 'ink';
import {type LogsState, visibleLines} from './logs-keys.js';

export type {LogsState} from './logs-keys.js';

function Highlighted({line, query}: {readonly line: string; readonly query: string}) {
  const at = line.toLowerCase().indexOf(query.toLowerCase());
  if (query === '' || at === -1) return <Text wrap="truncate">{line || ' '}</Text>;
  return (
    <Text wrap="truncate">
      {line.slice(0, at)}
      <Text inverse>{line.slice(at, at + query.length)}</Text>
      {line.slice(at + query.length)}
    </Text>
  );
}

/** The selected pod's log, followed as it grows; scrolls and searches (keys in logs-keys.ts). */
export function LogsView({
  logs,
  width,
  height,
}: {
  readonly logs: LogsState;
  readonly width: number;
  readonly height: number;
}) {
  const searchRow = logs.search ? 1 : 0;
  const rows = Math.max(1, height - 1 - searchRow);
  const {start, lines} = visibleLines(logs, rows);
  const where =
    logs.offset === 0
      ? logs.following
        ? 'following'
        : 'end'
      : `lines ${start + 1}-${start + lines.length} of ${logs.lines.length}, G to follow`;
  const query = logs.search && !logs.search.editing ? logs.search.query : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {`Logs of ${logs.pod} (${where}; ${logs.lines.length} line${logs.lines.length === 1 ? '' : 's'})`}
      </Text>
      {logs.error ? <Text color="red">{logs.error}</Text> : null}
      {logs.loading && !logs.error ? <Text color="cyan">loading…</Text> : null}
      {lines.map((line, index) => (
        <Box key={start + index}>
          {logs.search?.match === start + index ? (
            <Text color="yellow" wrap="truncate">
              {line || ' '}
            </Text>
          ) : (
            <Highlighted line={line} query={query} />
          )}
        </Box>
      ))}
      {logs.search ? (
        <Text color={logs.search.notFound ? 'yellow' : 'cyan'} wrap="truncate">
          {logs.search.editing
            ? `/${logs.search.query}█`
            : logs.search.notFound
              ? `/${logs.search.query}: no (more) matches`
              : `/${logs.search.query}  (n older, N newer, esc clears)`}
        </Text>
      ) : null}
    </Box>
  );
}
