import type {PromptIo} from '../../prompts/ask.js';
import type {Style} from '../../style.js';
import {wrapText} from '../../wrap.js';

/** Prompt streams plus plain styled lines printed between prompts. */
export interface FlowIo extends PromptIo {
  readonly style: Style;
}

/**
 * A line between prompts (explanations, check results); never used while Ink is mounted. Wrapped
 * between words at the terminal width, indented lines keeping their indent.
 */
export function say(io: FlowIo, text: string): void {
  io.stdout.write(`${wrapText(text, Math.max(30, io.stdout.columns ?? 80))}\n`);
}

/** A group heading, so long question runs read in sections. */
export function heading(io: FlowIo, title: string): void {
  say(io, `\n${io.style.bold(io.style.accent(`── ${title} `))}`);
}
