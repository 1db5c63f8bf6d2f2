import type {PlannedChange, PreflightCheck} from '../../core/upgrade/types.js';

/**
 * The Review of an operate command (rollback, uninstall, restart, plugins push/remove): what it
 * will do, what it leaves, what blocks, and the exact commands. Plain data, also its --json.
 */
export interface PlanView {
  readonly title: string;
  readonly fields: readonly {readonly label: string; readonly lines: readonly string[]}[];
  readonly sections: readonly {readonly title: string; readonly lines: readonly string[]}[];
  readonly changes?: {readonly title: string; readonly items: readonly PlannedChange[]};
  readonly checks: readonly PreflightCheck[];
  readonly commands: readonly string[];
  /** What "go" means here ("ready to roll back"). */
  readonly ready: string;
}

export function planVerdict(view: Pick<PlanView, 'checks' | 'changes'>): {errors: number; warnings: number} {
  const items = view.changes?.items ?? [];
  return {
    errors:
      view.checks.filter((check) => check.severity === 'error').length +
      items.filter((change) => change.label === 'immutable' || change.label === 'deletes-data').length,
    warnings:
      view.checks.filter((check) => check.severity === 'warning').length +
      items.filter((change) => change.label === 'recreate').length,
  };
}
