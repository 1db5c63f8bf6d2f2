import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {PlannedChange} from '../../core/upgrade/types.js';
import {CommandText} from './CommandText.js';
import {Field} from './Field.js';
import {orderedChanges, reviewVerdict, showValue, type ReviewModel} from './review-model.js';
import {CHANGE_LABELS, SEVERITY, theme, toneColor} from './theme.js';

function Change({change}: {readonly change: PlannedChange}): ReactNode {
  const label = CHANGE_LABELS[change.label];
  const blocking = change.label === 'immutable' || change.label === 'deletes-data';
  return (
    <Box flexDirection="column" marginBottom={blocking ? 1 : 0}>
      <Text>
        <Text color={toneColor(label.tone)}>
          {label.symbol} {label.text}
        </Text>{' '}
        {change.key}
      </Text>
      <Box marginLeft={2} flexDirection="column">
        {change.label === 'create' || change.label === 'in-place' ? null : <Text dimColor>{change.reason}</Text>}
        {/* Every field, every value whole: long ones wrap (the Review pages when it is taller than the terminal). */}
        {change.fields.map((field) => (
          <Text key={field.path} dimColor>
            {field.path}: {showValue(field.from)} → {showValue(field.to)}
          </Text>
        ))}
        {blocking && change.safePath ? <Text color={theme.info}>Safe path: {change.safePath}</Text> : null}
      </Box>
    </Box>
  );
}

function Findings({model}: {readonly model: ReviewModel}): ReactNode {
  const items = [
    ...model.rules.map((rule) => ({
      key: `rule:${rule.id}:${rule.where ?? ''}:${rule.message}`,
      severity: rule.severity,
      message: rule.where ? `${rule.where}: ${rule.message}` : rule.message,
      hint: rule.hint,
    })),
    ...model.checks.map((check, index) => ({
      key: `check:${check.id}:${index}`,
      severity: check.severity,
      message: check.message,
      hint: check.hint,
    })),
  ];
  if (items.length === 0) return <Text color={theme.ok}>✔ every rule and preflight check passes</Text>;
  return (
    <Box flexDirection="column">
      {items.map((item) => (
        <Box key={item.key} flexDirection="column">
          <Text>
            <Text color={toneColor(SEVERITY[item.severity].tone)}>{SEVERITY[item.severity].symbol}</Text> {item.message}
          </Text>
          {item.hint ? (
            <Box marginLeft={2}>
              <Text dimColor>→ {item.hint}</Text>
            </Box>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}

/** The Review: values (masked), rule results, preflights and, for upgrades, the labelled diff. */
export function ReviewScreen({model, width = 100}: {readonly model: ReviewModel; readonly width?: number}): ReactNode {
  const verdict = reviewVerdict(model);
  const changes = orderedChanges(model.changes);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Review — {model.mode === 'render' ? 'render only' : model.mode}
      </Text>
      <Field label="Release">
        <Text>
          {model.release} in {model.namespace}
          {model.context ? <Text dimColor> ({model.context})</Text> : null}
        </Text>
      </Field>
      <Field label="Chart">
        <Text>{model.chart}</Text>
      </Field>
      <Field label="Secrets">
        <Text>{model.secretsAt}</Text>
        {model.credentials.map((credential) => (
          <Text key={credential.name} dimColor>
            {credential.name}: {credential.state}
          </Text>
        ))}
      </Field>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Values</Text>
        <Text>{model.valuesYaml.trimEnd()}</Text>
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Checks</Text>
        <Findings model={model} />
      </Box>
      {model.mode === 'upgrade' ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>Changes to the live release</Text>
          {changes.length === 0 ? (
            <Text dimColor>none: the release already matches</Text>
          ) : (
            changes.map((change) => <Change key={change.key} change={change} />)
          )}
        </Box>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        <Text bold>Command</Text>
        <CommandText command={model.command} width={width} />
      </Box>
      <Box marginTop={1}>
        {verdict.errors > 0 ? (
          <Text color={theme.error}>
            ✖ {verdict.errors} blocking problem(s): nothing will be applied until they are fixed.
          </Text>
        ) : verdict.warnings > 0 ? (
          <Text color={theme.warn}>! {verdict.warnings} warning(s): applying needs an explicit yes.</Text>
        ) : (
          <Text color={theme.ok}>✔ ready to apply</Text>
        )}
      </Box>
    </Box>
  );
}
