import type {Context} from '../../context.js';
import {CancelledError, UserError} from '../../core/errors.js';
import {type PlanView, planVerdict, showPlan} from '../../ui/operate/index.js';
import {type OperateOptions, pageFor, writeJson} from './session.js';

type GateOptions = Pick<OperateOptions, 'json' | 'yes' | 'dryRun'>;

/** Shows a day-2 plan (not under --json); q on a paged plan ends the run with nothing changed. */
export async function presentPlan(ctx: Context, options: GateOptions, view: PlanView): Promise<void> {
  if (options.json) return;
  const answer = await showPlan(ctx, view, {columns: ctx.stdout.columns ?? 100, page: pageFor(ctx, options)});
  if (answer === 'quit') throw new CancelledError('Nothing was changed.');
}

/**
 * The plan step rollback, restart and plugins push/remove share: the plan, then a stop for a
 * blocked plan (exit 2, "nothing was <done>") or a dry run (exit 0), each with its JSON report.
 * Resolves with the verdict when the change may go on to its confirmation, undefined when it stops.
 */
export async function planGate(
  ctx: Context,
  options: GateOptions,
  view: PlanView,
  gate: {
    /** "rolled back", "restarted": the end of "nothing was …". */
    readonly done: string;
    readonly report: (extra: object) => object;
    readonly hint?: string;
    /** Stop here even when nothing blocks (there is nothing to change). */
    readonly nothingToDo?: boolean;
  },
): Promise<{errors: number; warnings: number} | undefined> {
  await presentPlan(ctx, options, view);
  const verdict = planVerdict(view);
  if (verdict.errors === 0 && !options.dryRun && !gate.nothingToDo) return verdict;
  if (options.json)
    writeJson(ctx, gate.report({ok: verdict.errors === 0, outcome: verdict.errors ? 'blocked' : 'dry-run'}));
  if (verdict.errors > 0)
    throw new UserError(
      `${verdict.errors} blocking problem(s): nothing was ${gate.done}.`,
      gate.hint ? {hint: gate.hint} : {},
    );
  return undefined;
}
