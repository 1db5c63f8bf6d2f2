import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {Field} from '../wizard/Field.js';
import {orderedChanges} from '../wizard/review-model.js';
import {Change} from '../wizard/ReviewScreen.js';
import {SEVERITY, theme, toneColor} from '../wizard/theme.js';
import {planVerdict, type PlanView} from './plan-model.js';

/** The Review of an operate command, printed once. */
export function PlanScreen({view, width}: {readonly view: PlanView; readonly width: number}): ReactNode {
  const verdict = planVerdict(view);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {view.title}
      </Text>
      {view.fields.map((field) => (
        <Field key={field.label} label={field.label}>
          {field.lines.map((line, index) => (
            <Text key={`${field.label}-${index}`}>{line}</Text>
          ))}
        </Field>
      ))}
      {view.sections.map((section) => (
        <Box key={section.title} marginTop={1} flexDirection="column">
          <Text bold>{section.title}</Text>
          {section.lines.map((line, index) => (
            <Text key={`${section.title}-${index}`}>{line}</Text>
          ))}
        </Box>
      ))}
      {view.changes ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>{view.changes.title}</Text>
          {view.changes.items.length === 0 ? (
            <Text dimColor>none: the objects already match</Text>
          ) : (
            orderedChanges(view.changes.items).map((change) => (
              <Change key={change.key} change={change} width={width} />
            ))
          )}
        </Box>
      ) : null}
      {view.checks.length > 0 ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>Checks</Text>
          {view.checks.map((check, index) => (
            <Box key={`${check.id}-${index}`} flexDirection="column">
              <Text>
                <Text color={toneColor(SEVERITY[check.severity].tone)}>{SEVERITY[check.severity].symbol}</Text>{' '}
                {check.message}
              </Text>
              {check.hint ? (
                <Box marginLeft={2}>
                  <Text dimColor>→ {check.hint}</Text>
                </Box>
              ) : null}
            </Box>
          ))}
        </Box>
      ) : null}
      {view.commands.length > 0 ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>Command</Text>
          {view.commands.map((command) => (
            <Text key={command} dimColor>
              {command}
            </Text>
          ))}
        </Box>
      ) : null}
      <Box marginTop={1}>
        {verdict.errors > 0 ? (
          <Text color={theme.error}>✖ {verdict.errors} blocking problem(s): nothing will be changed.</Text>
        ) : verdict.warnings > 0 ? (
          <Text color={theme.warn}>! {verdict.warnings} warning(s): going ahead needs an explicit yes.</Text>
        ) : (
          <Text color={theme.ok}>✔ {view.ready}</Text>
        )}
      </Box>
    </Box>
  );
}
