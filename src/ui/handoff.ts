/**
 * Ink and @inquirer/prompts share one stdin and must take turns, never read it at the same time.
 * Two things go wrong at the hand-over (tested in a real pty, style-anchors §7):
 * - after an inquirer prompt, stdin is left PAUSED: an Ink tree with useInput mounts and unmounts
 *   at once because nothing keeps the event loop alive → resume() before Ink;
 * - after Ink unmounts, stdin is UNREF'd: the next prompt draws, then the process exits with
 *   code 0 under it → ref() before a prompt.
 * Both calls are harmless when no hand-over happened, so they run at every phase change.
 */
export interface HandoffStdin {
  resume?(): unknown;
  ref?(): unknown;
}

/** Call right before mounting an Ink tree (the wizard's screens, the live screen). */
export function beforeInk(stdin: HandoffStdin): void {
  stdin.resume?.();
}

/** Call right before every inquirer prompt. */
export function beforePrompt(stdin: HandoffStdin): void {
  stdin.ref?.();
}
