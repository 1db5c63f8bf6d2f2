/**
 * The wizard's screens as plain async functions: services call these and never see React. Each
 * function loads its Ink component on first use, so the Start screen's first frame pays only for
 * what it draws. The view models and small pure helpers the services fill in are re-exported here.
 */
import type {ReactElement} from 'react';
import type {Context} from '../../context.js';
import type {PagerExit, PagerKeys} from './Pager.js';
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

type ScreenIo = Pick<Context, 'stdin' | 'stdout' | 'stderr' | 'interactive' | 'signal'>;

export type {PagerExit} from './Pager.js';

export interface ShowOptions {
  /** The terminal width (default: stdout's, else 80). */
  readonly columns?: number;
  /**
   * Page it when it is taller than the terminal and someone is there to press keys (the wizard;
   * not `--yes` runs or pipes). Otherwise it is printed whole at once.
   */
  readonly page?: boolean;
}

/**
 * Prints a screen at the terminal width; when paged and taller than the terminal, shows it one
 * page at a time first (PgUp/PgDn, Home/End), then prints it whole so the scrollback keeps it.
 * Resolves with how the pager was left ('quit' = q or Ctrl-C).
 */
async function show(io: ScreenIo, element: ReactElement, options: ShowOptions, keys: PagerKeys): Promise<PagerExit> {
  const [{createElement}, {renderText, runInk}, {Pager}] = await Promise.all([
    import('react'),
    import('../ink-run.js'),
    import('./Pager.js'),
  ]);
  const columns = options.columns ?? io.stdout.columns ?? 80;
  const text = await renderText(element, columns);
  const rows = io.stdout.rows;
  const lines = text.split('\n');
  let exit: PagerExit = 'continue';
  if (options.page && io.interactive && rows !== undefined && rows > 0 && lines.length > rows - 1) {
    exit = await runInk<PagerExit>(
      io,
      (finish) => createElement(Pager, {lines, rows, width: columns, keys, onExit: finish}),
      {cancelOn: io.signal},
    );
  }
  io.stdout.write(`${text}\n`);
  return exit;
}

/** The Review (values, rules, changes, command); 'quit' when the person pressed q in its pager. */
export async function showReview(io: ScreenIo, model: ReviewModel, options: ShowOptions = {}): Promise<PagerExit> {
  const [{createElement}, {ReviewScreen}] = await Promise.all([import('react'), import('./ReviewScreen.js')]);
  const columns = options.columns ?? io.stdout.columns ?? 80;
  return show(
    io,
    createElement(ReviewScreen, {model, width: columns}),
    {...options, columns},
    {
      enter: 'continue',
      quit: 'quit without applying',
    },
  );
}

/** The Result (outcome, access, root key once, helm's notes, next steps). */
export async function showResult(io: ScreenIo, model: ResultModel, options: ShowOptions = {}): Promise<void> {
  const [{createElement}, {ResultScreen}] = await Promise.all([import('react'), import('./ResultScreen.js')]);
  const columns = options.columns ?? io.stdout.columns ?? 80;
  await show(
    io,
    createElement(ResultScreen, {model, width: columns}),
    {...options, columns},
    {
      enter: 'done',
      quit: 'done',
    },
  );
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
