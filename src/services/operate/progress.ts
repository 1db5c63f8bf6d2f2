import type {Context} from '../../context.js';
import {type ApplyStore, createApplyStore, printApplyProgress, runApplyScreen} from '../../ui/wizard/index.js';

/**
 * Runs `work` with visible progress: the live Apply screen at a terminal, one line per step on
 * stderr otherwise (CI logs, --json). The same steps either way.
 */
export async function withProgress<T>(
  ctx: Context,
  input: {
    readonly title: string;
    readonly steps: ReadonlyArray<{readonly id: string; readonly title: string}>;
    readonly live: boolean;
    readonly footer?: {readonly running: string; readonly stopping: string};
    readonly onError: (error: unknown, store: ApplyStore) => T;
  },
  work: (store: ApplyStore) => Promise<T>,
): Promise<T> {
  const store = createApplyStore(input.steps);
  const onAbort = (): void => store.stopping();
  ctx.signal.addEventListener('abort', onAbort, {once: true});
  try {
    if (input.live) {
      return await runApplyScreen(ctx, {
        store,
        title: input.title,
        work: () => work(store),
        onError: (error) => input.onError(error, store),
        ...(input.footer ? {footer: {...input.footer}} : {}),
      });
    }
    const stop = printApplyProgress(store, (text) => ctx.stderr.write(text), ctx.style);
    try {
      return await work(store);
    } catch (error) {
      return input.onError(error, store);
    } finally {
      stop();
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}
