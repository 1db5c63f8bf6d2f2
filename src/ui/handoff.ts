/**
 * Ink and @inquirer/prompts share one stdin and must take turns, never read it at the same time.
 * Two things go wrong at the hand-over (tested in a real pty, style-anchors §7):
 * - after an inquirer prompt, stdin is left PAUSED: an Ink tree with useInput mounts and unmounts
 *   at once because nothing keeps the event loop alive → resume() before Ink;
 * - after Ink unmounts, stdin is UNREF'd: the next prompt draws, then the process exits with
 *   code 0 under it → ref() before a prompt.
 * Both calls are harmless when no hand-over happened, so they run at every phase change; afterInk
 * pauses stdin again so nothing is left reading when the program is done.
 */
export interface HandoffStdin {
  resume?(): unknown;
  pause?(): unknown;
  ref?(): unknown;
}

/** Call right before mounting an Ink tree (the wizard's screens, the live screen). */
export function beforeInk(stdin: HandoffStdin): void {
  stdin.resume?.();
}

/**
 * Call after an Ink tree unmounted. A screen that read no keys never unref'd the stdin we resumed
 * for it, so a flowing stdin would keep the process alive after the last screen; paused, it does
 * not (the next prompt or Ink screen resumes it).
 */
export function afterInk(stdin: HandoffStdin): void {
  stdin.pause?.();
}

/** Call right before every inquirer prompt. */
export function beforePrompt(stdin: HandoffStdin): void {
  stdin.ref?.();
}
