import {Box, Text} from 'ink';
import {useSyncExternalStore, type ReactNode} from 'react';
import {useTerminalSize} from '../status/use-terminal-size.js';
import {wrapNotes, wrapWords} from '../wrap.js';
import {formatElapsed, type ApplyStep, type ApplyStore} from './apply-store.js';
import {useSpinner} from './spinner.js';
import {theme} from './theme.js';

const MARKS: Record<ApplyStep['state'], {symbol?: string; color?: string}> = {
  pending: {symbol: '·'},
  running: {color: theme.info},
  done: {symbol: '✔', color: theme.ok},
  failed: {symbol: '✖', color: theme.error},
  skipped: {symbol: '-'},
};

/** A step as rows: wrapped under its title, so a long detail (the Secret's keys) is never cut. */
function stepRows(step: ApplyStep, width: number): string[] {
  return wrapWords(`${step.title}${step.detail ? ` — ${step.detail}` : ''}`, width - 2);
}

/**
 * Apply progress: the steps, a spinner with elapsed time, and helm's streamed output. It reads no
 * keys on purpose: the terminal stays cooked, so Ctrl-C is a real SIGINT that stops helm. helm's
 * lines wrap between words; only as many of the newest as fit are shown (the frame stays shorter
 * than the terminal), and the Result prints helm's notes whole.
 */
export function ApplyScreen(props: {
  readonly store: ApplyStore;
  readonly title: string;
  readonly tail?: number;
  readonly now?: () => number;
}): ReactNode {
  const state = useSyncExternalStore(props.store.subscribe, props.store.get);
  const frame = useSpinner(100);
  const {columns, rows} = useTerminalSize();
  const width = Math.max(30, columns);
  const now = props.now ?? Date.now;
  const steps = state.steps.map((step) => ({step, rows: stepRows(step, width)}));
  const active = state.stopping || state.steps.some((step) => step.state === 'running');
  const footer = !active
    ? []
    : wrapWords(
        state.stopping
          ? 'Stopping helm: it marks the release failed and rolls back, then we read the release state…'
          : 'Ctrl-C stops helm safely (it rolls back) and reports the release state.',
        width,
      );
  // Title, steps, the blank lines around the output, the footer, and one line left free.
  const fixed = 1 + steps.reduce((sum, item) => sum + item.rows.length, 0) + 2 + footer.length + 1;
  const room = Math.max(2, Math.min(props.tail ?? 8, rows - fixed));
  const output = state.lines
    .slice(-room)
    .flatMap((line) => wrapNotes(line, width - 2))
    .slice(-room);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>
        {props.title} <Text dimColor>{formatElapsed(now() - state.startedAt)}</Text>
      </Text>
      {steps.map(({step, rows: lines}) => {
        const mark = MARKS[step.state];
        const dim = step.state === 'pending' || step.state === 'skipped';
        return lines.map((line, index) => (
          <Text key={`${step.id}${index}`} dimColor={dim}>
            {index === 0 ? <Text color={mark.color}>{mark.symbol ?? frame}</Text> : ' '} {line}
          </Text>
        ));
      })}
      {output.length > 0 ? (
        <Box flexDirection="column" marginTop={1} marginLeft={2}>
          {output.map((line, index) => (
            <Text key={`${state.lineTotal}-${index}`} dimColor wrap="truncate">
              {line || ' '}
            </Text>
          ))}
        </Box>
      ) : null}
      {footer.length > 0 ? (
        <Box marginTop={1} flexDirection="column">
          {footer.map((line, index) => (
            <Text key={index} color={state.stopping ? theme.warn : undefined} dimColor={!state.stopping}>
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
