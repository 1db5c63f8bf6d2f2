/**
 * The operate commands' screens (rollback, uninstall, restart, plugins) as async functions for
 * services: the Review of a plan, the revision picker and the type-to-confirm prompt. Progress and
 * results reuse the wizard's Apply and Result screens (src/ui/wizard/index.ts).
 */
import type {Context} from '../../context.js';
import {askSelect, askText, type PromptIo} from '../prompts/index.js';
import type {PagerExit, ShowOptions} from '../wizard/index.js';
import type {PlanView} from './plan-model.js';

export {planVerdict, type PlanView} from './plan-model.js';

/**
 * The Review of an operate plan at the terminal width; paged (PgUp/PgDn, ? keys) when taller than
 * the terminal and someone will answer the next question. Resolves 'quit' when q was pressed there.
 */
export async function showPlan(
  io: Pick<Context, 'stdin' | 'stdout' | 'stderr' | 'interactive' | 'signal'>,
  view: PlanView,
  options: ShowOptions = {},
): Promise<PagerExit> {
  const [{createElement}, {PlanScreen}, {showPaged}] = await Promise.all([
    import('react'),
    import('./PlanScreen.js'),
    import('../wizard/index.js'),
  ]);
  const columns = options.columns ?? io.stdout.columns ?? 80;
  return showPaged(
    io,
    createElement(PlanScreen, {view, width: columns}),
    {...options, columns},
    {
      enter: 'continue',
      quit: 'quit without changing anything',
    },
  );
}

/** A revision picked from the history (newest first); `rows` are the table lines without the header. */
export function pickRevision(
  io: PromptIo,
  input: {
    readonly header: string;
    readonly rows: readonly {readonly revision: number; readonly line: string; readonly disabled?: string}[];
    readonly default?: number;
  },
): Promise<number> {
  return askSelect(
    io,
    {
      // The table's header under the question, aligned with the choices (inquirer indents them by two).
      message: `Roll back to which revision?\n  ${input.header}`,
      choices: input.rows.map((row) => ({
        value: row.revision,
        name: row.line,
        short: `revision ${row.revision}`,
        ...(row.disabled ? {disabled: row.disabled} : {}),
      })),
      ...(input.default !== undefined ? {default: input.default} : {}),
      pageSize: 12,
    },
    {answer: 'the REVISION argument'},
  );
}

/**
 * Type-to-confirm for what cannot be undone: the person types `expected` (the release name) exactly.
 * Anything else is a refusal, not a retry loop: the caller stops without changing anything.
 */
export async function confirmTyped(
  io: PromptIo,
  input: {readonly message: string; readonly expected: string; readonly flag: string},
): Promise<boolean> {
  const typed = await askText(io, {message: input.message}, {answer: input.flag});
  return typed.trim() === input.expected;
}
