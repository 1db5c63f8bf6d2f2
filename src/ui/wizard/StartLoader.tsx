import {Box, Text} from 'ink';
import {useEffect, useState, type ReactNode} from 'react';
import type {StartModel, WizardAction} from './start-model.js';
import {StartScreen} from './StartScreen.js';
import {useSpinner} from './spinner.js';
import {theme} from './theme.js';

/** What the Start screen resolves to: the user's choice, or why looking at the cluster failed. */
export type StartOutcome = {readonly action: WizardAction} | {readonly error: unknown};

/**
 * Draws the header at once, with what is being checked, while helm and the cluster are inspected
 * (API round trips, a `helm version` process); then the Start screen. The operator sees the tool
 * answer immediately instead of a blank terminal for as long as a slow API server takes. `load`
 * starts from an effect, i.e. after this first frame is on the screen.
 */
export function StartLoader(props: {
  readonly load: () => Promise<StartModel>;
  readonly context?: string;
  readonly onDone: (outcome: StartOutcome) => void;
}): ReactNode {
  const [model, setModel] = useState<StartModel>();
  const frame = useSpinner();
  const {load, onDone} = props;
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setModel(loaded),
      (error: unknown) => live && onDone({error}),
    );
    return () => {
      live = false;
    };
  }, [load, onDone]);
  if (model) return <StartScreen model={model} onChoose={(action) => onDone({action})} />;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        buntime-deploy
      </Text>
      <Text>
        <Text color={theme.info}>{frame}</Text> Looking at the cluster{props.context ? ` (${props.context})` : ''} and
        helm…
      </Text>
    </Box>
  );
}
