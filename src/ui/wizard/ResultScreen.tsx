import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {wrapNotes} from '../wrap.js';
import {CommandText} from './CommandText.js';
import {Field, LABEL_WIDTH} from './Field.js';
import type {ResultModel} from './result-model.js';
import {theme} from './theme.js';
import {Wrapped} from './Wrapped.js';

const HEADLINE: Record<ResultModel['outcome'], {text: (model: ResultModel) => string; color: string}> = {
  deployed: {
    text: (model) => `✔ ${model.release} is ${model.mode === 'upgrade' ? 'upgraded' : 'installed'} and Ready`,
    color: theme.ok,
  },
  failed: {text: (model) => `✖ The ${model.mode} of ${model.release} failed`, color: theme.error},
  cancelled: {text: (model) => `! The ${model.mode} of ${model.release} was stopped`, color: theme.warn},
  rendered: {text: () => '✔ Values written (render only: nothing was applied)', color: theme.ok},
  'dry-run': {text: () => '✔ Dry run passed: nothing was changed', color: theme.ok},
};

function RootKey({model, width}: {readonly model: ResultModel; readonly width: number}): ReactNode {
  // Inside the border (2) and padding (2).
  const inner = width - 4;
  if (!model.rootKey) return null;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warn} paddingX={1} marginTop={1}>
      <Text bold color={theme.warn}>
        Root key — shown once, copy it now
      </Text>
      <Text>{model.rootKey}</Text>
      <Wrapped
        text="Open the cpanel, sign in by pasting it as the root key (RUNTIME_ROOT_KEY), then create API keys there for people and CI. Keep the root key for emergencies, in a password manager."
        width={inner}
      />
      <Wrapped
        text={`Stored in ${model.secretRef} (key RUNTIME_ROOT_KEY). This wizard never prints it again.`}
        width={inner}
        dim
      />
    </Box>
  );
}

function Problems({model}: {readonly model: ResultModel}): ReactNode {
  if (model.problems.length === 0 && !model.helmError) return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>Why</Text>
      {model.problems.map((problem) => (
        <Box key={problem.pod} flexDirection="column">
          <Text color={theme.error}>
            {problem.pod}: {problem.reason ?? problem.phase}
          </Text>
          {problem.message ? <Text dimColor> {problem.message}</Text> : null}
          {problem.events.map((event, index) => (
            <Text key={`${problem.pod}-${index}`} dimColor>
              {' '}
              {event.reason}: {event.message}
              {event.count > 1 ? ` (×${event.count})` : ''}
            </Text>
          ))}
        </Box>
      ))}
      {model.helmError ? <Text dimColor>{model.helmError}</Text> : null}
    </Box>
  );
}

/** helm's NOTES (from the chart), whole: they hold the commands people copy (the root key, backups). */
function Notes({model, width}: {readonly model: ResultModel; readonly width: number}): ReactNode {
  if (!model.notes) return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>Helm notes</Text>
      {wrapNotes(model.notes, width).map((line, index) => (
        <Text key={index} dimColor>
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}

/** The end of a run: outcome, how to reach Buntime, the root key once, or why it failed and the state. */
export function ResultScreen({model, width = 100}: {readonly model: ResultModel; readonly width?: number}): ReactNode {
  const fieldWidth = width - LABEL_WIDTH;
  const headline = HEADLINE[model.outcome];
  const state = model.releaseState;
  return (
    <Box flexDirection="column">
      <Text bold color={headline.color}>
        {model.headline ?? headline.text(model)}
      </Text>
      {state ? (
        <Field label="Release">
          <Text>
            {state === 'none'
              ? 'not installed (the failed install was removed)'
              : `rev ${state.revision} · ${state.status}`}
          </Text>
          {state !== 'none' && state.description ? <Wrapped text={state.description} width={fieldWidth} dim /> : null}
        </Field>
      ) : null}
      {model.recovery ? (
        <Field label="Recover">
          <Wrapped text={model.recovery.explanation} width={fieldWidth} color={theme.warn} />
          <CommandText command={model.recovery.command} width={fieldWidth} />
        </Field>
      ) : null}
      <Problems model={model} />
      {model.files ? (
        <Field label="Files">
          <Text>{model.files.values}</Text>
          {model.files.secrets ? <Text>{model.files.secrets} (mode 0600: keep it out of git)</Text> : null}
        </Field>
      ) : null}
      {model.command ? (
        <Field label={model.outcome === 'rendered' ? 'Apply' : 'Ran'}>
          <CommandText command={model.command} width={fieldWidth} dim={false} />
        </Field>
      ) : null}
      {model.outcome === 'deployed' && model.access.length > 0 ? (
        <Field label="Open">
          {model.access.map((hint) => (
            <Text key={hint.kind}>
              {hint.command ? <Text dimColor>{hint.command} → </Text> : null}
              {hint.url ? <Text color={theme.info}>{hint.url}</Text> : null}
              {hint.note ? <Text dimColor> ({hint.note})</Text> : null}
            </Text>
          ))}
        </Field>
      ) : null}
      <RootKey model={model} width={width} />
      {model.nextSteps.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {model.nextSteps.map((step) => (
            <Wrapped key={step} text={`• ${step}`} width={width} indent="  " />
          ))}
        </Box>
      ) : null}
      <Notes model={model} width={width} />
    </Box>
  );
}
