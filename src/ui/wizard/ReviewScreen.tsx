import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {PlannedChange} from '../../core/upgrade/types.js';
import {CommandText} from './CommandText.js';
import {Field, LABEL_WIDTH} from './Field.js';
import {Wrapped} from './Wrapped.js';
import {orderedChanges, reviewVerdict, showValue, type ReviewModel} from './review-model.js';
import {CHANGE_LABELS, SEVERITY, theme, toneColor} from './theme.js';

function Change({change, width}: {readonly change: PlannedChange; readonly width: number}): ReactNode {
  const label = CHANGE_LABELS[change.label];
  const blocking = change.label === 'immutable' || change.label === 'deletes-data';
  const inner = width - 2;
  return (
    <Box flexDirection="column" marginBottom={blocking ? 1 : 0}>
      <Wrapped
        prefix={
          <Text color={toneColor(label.tone)}>
            {label.symbol} {label.text}{' '}
          </Text>
        }
        text={change.key}
        width={width - label.text.length - 3}
        indent="    "
      />
      <Box marginLeft={2} flexDirection="column">
        {change.label === 'create' || change.label === 'in-place' ? null : (
          <Wrapped text={change.reason} width={inner} dim />
        )}
        {/* Every field, every value whole: long ones wrap (the Review pages when it is taller than the terminal). */}
        {change.fields.map((field) => (
          <Wrapped
            key={field.path}
            text={`${field.path}: ${showValue(field.from)} → ${showValue(field.to)}`}
            width={inner}
            indent="  "
            dim
          />
        ))}
        {blocking && change.safePath ? (
          <Wrapped text={`Safe path: ${change.safePath}`} width={inner} indent="  " color={theme.info} />
        ) : null}
      </Box>
    </Box>
  );
}

function Findings({model, width}: {readonly model: ReviewModel; readonly width: number}): ReactNode {
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
        <Box key={item.key}>
          <Box width={2} flexShrink={0}>
            <Text color={toneColor(SEVERITY[item.severity].tone)}>{SEVERITY[item.severity].symbol}</Text>
          </Box>
          <Box flexDirection="column">
            <Wrapped text={item.message} width={width - 2} />
            {item.hint ? <Wrapped text={`→ ${item.hint}`} width={width - 2} indent="  " dim /> : null}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** The values file as it will be written: long lines wrap under their own key's indent. */
function ValuesYaml({yaml, width}: {readonly yaml: string; readonly width: number}): ReactNode {
  return (
    <Box flexDirection="column">
      {yaml
        .trimEnd()
        .split('\n')
        .map((line, index) => (
          <Wrapped key={index} text={line} width={width} indent={`${/^ */.exec(line)?.[0] ?? ''}  `} />
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
        <Wrapped text={model.chart} width={width - LABEL_WIDTH} />
      </Field>
      <Field label="Secrets">
        <Wrapped text={model.secretsAt} width={width - LABEL_WIDTH} />
        {model.credentials.map((credential) => (
          <Text key={credential.name} dimColor>
            {credential.name}: {credential.state}
          </Text>
        ))}
      </Field>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Values</Text>
        <ValuesYaml yaml={model.valuesYaml} width={width} />
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Checks</Text>
        <Findings model={model} width={width} />
      </Box>
      {model.mode === 'upgrade' ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>Changes to the live release</Text>
          {changes.length === 0 ? (
            <Text dimColor>none: the release already matches</Text>
          ) : (
            changes.map((change) => <Change key={change.key} change={change} width={width} />)
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
