import {Text} from 'ink';

export type Prompt =
  | {readonly kind: 'confirm'; readonly text: string; readonly action: () => Promise<string>}
  | {readonly kind: 'input'; readonly label: string; readonly value: string; readonly error?: string | undefined};

/** The question at the bottom: "…? y/n" or a text field with the validation message. */
export function PromptLine({prompt}: {readonly prompt: Prompt}) {
  if (prompt.kind === 'confirm') {
    return (
      <Text wrap="truncate">
        <Text color="yellow">? </Text>
        {prompt.text} <Text bold>y/n</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      <Text color="yellow">? </Text>
      {prompt.label} <Text inverse>{prompt.value || ' '}</Text>
      {prompt.error ? <Text color="red"> {prompt.error}</Text> : <Text dimColor> enter ok · esc cancel</Text>}
    </Text>
  );
}
