/**
 * The wizard's screens as plain async functions: services call these and never see React. Each
 * function loads its Ink component on first use, so the Start screen's first frame pays only for
 * what it draws. The view models and small pure helpers the services fill in are re-exported here.
 */
import type {Context} from '../../context.js';
import type {ApplyStore} from './apply-store.js';
import type {ResultModel} from './result-model.js';
import type {ReviewModel} from './review-model.js';
import type {StartModel} from './start-model.js';
import type {StartOutcome} from './StartLoader.js';

export {accessHints, type AccessHint} from './access.js';
export {createApplyStore, type ApplyStep, type ApplyStore} from './apply-store.js';
export {printApplyProgress} from './apply-lines.js';
export type {ResultModel, Outcome} from './result-model.js';
export {problemPaths, reviewVerdict, type CredentialView, type ReviewModel, type RuleView} from './review-model.js';
export {startModel, type StartModel, type WizardAction} from './start-model.js';
export type {StartOutcome} from './StartLoader.js';

type ScreenIo = Pick<Context, 'stdout'>;

/** Prints the Review (values, rules, changes, command) once, at the terminal width. */
export async function showReview(io: ScreenIo, model: ReviewModel, columns?: number): Promise<void> {
  const [{createElement}, {printScreen}, {ReviewScreen}] = await Promise.all([
    import('react'),
    import('../ink-run.js'),
    import('./ReviewScreen.js'),
  ]);
  await printScreen(io, createElement(ReviewScreen, {model}), columns);
}

/** Prints the Result (outcome, access, root key once, next steps) once. */
export async function showResult(io: ScreenIo, model: ResultModel, columns?: number): Promise<void> {
  const [{createElement}, {printScreen}, {ResultScreen}] = await Promise.all([
    import('react'),
    import('../ink-run.js'),
    import('./ResultScreen.js'),
  ]);
  await printScreen(io, createElement(ResultScreen, {model}), columns);
}

/**
 * Shows the live Apply screen (steps, spinner, streamed output) while `work` runs, and resolves
 * with its result. A failure of `work` becomes `onError(error)`, so the screen always closes.
 */
export async function runApplyScreen<T>(
  ctx: Context,
  input: {store: ApplyStore; title: string; work: () => Promise<T>; onError: (error: unknown) => T},
): Promise<T> {
  const [{createElement}, {runInk}, {ApplyScreen}] = await Promise.all([
    import('react'),
    import('../ink-run.js'),
    import('./ApplyScreen.js'),
  ]);
  return runInk<T>(ctx, (finish) => {
    void input.work().then(finish, (error: unknown) => finish(input.onError(error)));
    return createElement(ApplyScreen, {store: input.store, title: input.title});
  });
}

/**
 * The Start screen: draws at once, calls `load` after its first frame (helm, the cluster), then
 * offers the actions. Ctrl-C/SIGTERM (the signal) closes it with CancelledError.
 */
export async function runStartScreen(
  ctx: Context,
  input: {load: () => Promise<StartModel>; context?: string},
): Promise<StartOutcome> {
  const [{createElement}, {runInk}, {StartLoader}] = await Promise.all([
    import('react'),
    import('../ink-run.js'),
    import('./StartLoader.js'),
  ]);
  return runInk<StartOutcome>(
    ctx,
    (finish) =>
      createElement(StartLoader, {
        load: input.load,
        onDone: finish,
        ...(input.context ? {context: input.context} : {}),
      }),
    {cancelOn: ctx.signal},
  );
}
