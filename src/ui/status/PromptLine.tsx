import {Box, Text} from 'ink';
import {textWidth, wrapWords} from '../wrap.js';

export type Prompt =
  | {readonly kind: 'confirm'; readonly text: string; readonly action: () => Promise<string>}
  | {readonly kind: 'input'; readonly label: string; readonly value: string; readonly error?: string | undefined};

/** The rows the question takes at `width` (the layout reserves exactly these). */
export function promptRows(prompt: Prompt, width: number): string[] {
  if (prompt.kind === 'confirm') return wrapWords(`? ${prompt.text} y/n`, width, {indent: '  '});
  const field = wrapWords(`? ${prompt.label} ${prompt.value} `, width, {indent: '  '});
  const note = prompt.error ?? 'enter ok · esc cancel';
  return [...field, ...wrapWords(`  ${note}`, width)];
}

/** The question at the bottom: "…? y/n", or a text field with the rule the value breaks, wrapped. */
export function PromptLine({prompt, width}: {readonly prompt: Prompt; readonly width: number}) {
  const rows = promptRows(prompt, width);
  if (prompt.kind === 'confirm') {
    return (
      <Box flexDirection="column" width={width}>
        {rows.map((row, index) => (
          <Text key={index} wrap="truncate">
            {index === 0 ? <Text color="yellow">? </Text> : null}
            {index === 0 ? row.slice(2) : row}
          </Text>
        ))}
      </Box>
    );
  }
  const fieldRows = rows.length - wrapWords(`  ${prompt.error ?? 'enter ok · esc cancel'}`, width).length;
  const single = fieldRows === 1 && textWidth(`? ${prompt.label} ${prompt.value} `) <= width;
  return (
    <Box flexDirection="column" width={width}>
      {single ? (
        <Text wrap="truncate">
          <Text color="yellow">? </Text>
          {prompt.label} <Text inverse>{prompt.value || ' '}</Text>
        </Text>
      ) : (
        rows.slice(0, fieldRows).map((row, index) => (
          <Text key={index} wrap="truncate">
            {row}
          </Text>
        ))
      )}
      {rows.slice(fieldRows).map((row, index) => (
        <Text key={`n${index}`} color={prompt.error ? 'red' : undefined} dimColor={!prompt.error} wrap="truncate">
          {row}
        </Text>
      ))}
    </Box>
  );
}
