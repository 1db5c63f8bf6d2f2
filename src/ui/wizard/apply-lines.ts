import type {Style} from '../style.js';
import type {ApplyStore} from './apply-store.js';

/** Kept in one place with the live screen's wording. */
export const STILL_STOPPING =
  'Still waiting for helm to finish its rollback: stopping it now would leave the release pending-rollback. It ends by itself within its --timeout.';

/**
 * The Apply progress as plain lines (no terminal, CI logs): each step change and each helm line
 * once, in order. Returns a function that stops printing.
 */
export function printApplyProgress(store: ApplyStore, write: (text: string) => void, style: Style): () => void {
  let printedLines = 0;
  let stopping = false;
  let repeats = 0;
  const printedSteps = new Map<string, string>();
  const flush = (): void => {
    const state = store.get();
    for (const step of state.steps) {
      const key = `${step.state}:${step.detail ?? ''}`;
      if (step.state === 'pending' || printedSteps.get(step.id) === key) continue;
      printedSteps.set(step.id, key);
      const mark = {
        running: style.info('…'),
        done: style.ok('✔'),
        failed: style.error('✖'),
        skipped: style.dim('-'),
        pending: '',
      }[step.state];
      write(`${mark} ${step.title}${step.detail ? style.dim(` — ${step.detail}`) : ''}\n`);
    }
    // The store keeps only the newest lines: print those added since the last call.
    const fresh = Math.min(state.lineTotal - printedLines, state.lines.length);
    for (const line of state.lines.slice(state.lines.length - fresh)) write(`  ${style.dim(line)}\n`);
    printedLines = state.lineTotal;
    if (state.stopping && !stopping)
      write(`${style.warn('Stopping helm:')} it marks the release failed and rolls back; waiting for it…\n`);
    if (state.repeats > repeats) write(`${style.warn(STILL_STOPPING)}\n`);
    stopping = state.stopping;
    repeats = state.repeats;
  };
  flush();
  return store.subscribe(flush);
}
