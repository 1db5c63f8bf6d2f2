import {Box, Text} from 'ink';
import {useSyncExternalStore, type ReactNode} from 'react';
import {STILL_STOPPING} from './apply-lines.js';
import {formatElapsed, type ApplyStep, type ApplyStore} from './apply-store.js';
import {useSpinner} from './spinner.js';
import {theme} from './theme.js';

function StepLine({step, frame}: {readonly step: ApplyStep; readonly frame: string}): ReactNode {
  const mark = {
    pending: {symbol: '·', color: undefined},
    running: {symbol: frame, color: theme.info},
    done: {symbol: '✔', color: theme.ok},
    failed: {symbol: '✖', color: theme.error},
    skipped: {symbol: '-', color: undefined},
  }[step.state];
  return (
    <Text dimColor={step.state === 'pending' || step.state === 'skipped'}>
      <Text color={mark.color}>{mark.symbol}</Text> {step.title}
      {step.detail ? <Text dimColor> — {step.detail}</Text> : null}
    </Text>
  );
}

/**
 * Apply progress: the steps, a spinner with elapsed time, and helm's streamed output. It reads no
 * keys on purpose: the terminal stays cooked, so Ctrl-C is a real SIGINT that stops helm.
 */
export function ApplyScreen(props: {
  readonly store: ApplyStore;
  readonly title: string;
  readonly tail?: number;
  readonly now?: () => number;
}): ReactNode {
  const state = useSyncExternalStore(props.store.subscribe, props.store.get);
  const frame = useSpinner(100);
  const now = props.now ?? Date.now;
  const tail = state.lines.slice(-(props.tail ?? 8));
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {props.title} <Text dimColor>{formatElapsed(now() - state.startedAt)}</Text>
      </Text>
      {state.steps.map((step) => (
        <StepLine key={step.id} step={step} frame={frame} />
      ))}
      {tail.length > 0 ? (
        <Box flexDirection="column" marginTop={1} marginLeft={2}>
          {tail.map((line, index) => (
            <Text key={`${state.lines.length - tail.length + index}`} dimColor wrap="truncate-end">
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
      <Box marginTop={1}>
        {!state.stopping && !state.steps.some((step) => step.state === 'running') ? null : state.stopping ? (
          <Text color={theme.warn}>
            {state.repeats > 0
              ? STILL_STOPPING
              : 'Stopping helm: it marks the release failed and rolls back, then we read the release state…'}
          </Text>
        ) : (
          <Text dimColor>Ctrl-C stops helm safely (it rolls back) and reports the release state.</Text>
        )}
      </Box>
    </Box>
  );
}
