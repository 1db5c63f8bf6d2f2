/**
 * The live screen as async functions for services: `runStatusScreen` mounts it (loading Ink and the
 * screen only then), `renderStatusText` prints the same model as plain text for pipes and CI.
 */
import type {StatusScreenOptions} from './screen.js';

export type {StatusActions, StatusScreenOptions} from './screen.js';
export {renderStatusText} from './text.js';

/** Mounts the live screen until the user quits (q or Ctrl-C) or the signal aborts; resolves 0. */
export async function runStatusScreen(options: StatusScreenOptions): Promise<number> {
  const {runStatusScreen: run} = await import('./screen.js');
  return run(options);
}
