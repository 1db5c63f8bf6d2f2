import type {Style} from '../../style.js';
import type {PromptIo} from '../../prompts/ask.js';

/** Prompt streams plus plain styled lines printed between prompts. */
export interface FlowIo extends PromptIo {
  readonly style: Style;
}

/** A line between prompts (explanations, check results); never used while Ink is mounted. */
export function say(io: FlowIo, text: string): void {
  io.stdout.write(`${text}\n`);
}

/** A group heading, so long question runs read in sections. */
export function heading(io: FlowIo, title: string): void {
  say(io, `\n${io.style.bold(io.style.accent(`── ${title} `))}`);
}
