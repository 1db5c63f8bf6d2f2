/** Prompts as async functions (each refuses to run without a terminal, naming the flag to pass). */
export {
  askChecklist,
  askConfirm,
  askNumber,
  askSecret,
  askSelect,
  askText,
  requireTerminal,
  type Choice,
  type NonInteractive,
  type PromptIo,
} from './ask.js';
