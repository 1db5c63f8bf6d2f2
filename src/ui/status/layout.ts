import {nextAgeChange} from '../../core/status/format.js';
import type {Severity} from '../../core/status/pod-status.js';
import type {PaneRows} from './rows.js';

/** Cuts or pads `text` to exactly `width` columns (… marks a cut). Names here are ASCII. */
export function fitCell(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return text.padEnd(width);
}

/** Joins cells of fixed widths with one space (no trailing padding: fewer characters per frame). */
export function cells(values: readonly [text: string, width: number][]): string {
  return values
    .map(([text, width]) => fitCell(text, width))
    .join(' ')
    .trimEnd();
}

/**
 * The slice of `total` rows to draw in `height` lines so that `selected` stays visible, roughly
 * centred: only these rows are rendered, whatever the list's length.
 */
export function visibleWindow(total: number, selected: number, height: number): {start: number; end: number} {
  if (height <= 0) return {start: 0, end: 0};
  if (total <= height) return {start: 0, end: total};
  const start = Math.min(Math.max(0, selected - Math.floor(height / 2)), total - height);
  return {start, end: start + height};
}

/** Ink colour for a severity (the same meaning as style.ts's ok/warn/error). */
export function severityColor(severity: Severity | 'info'): string | undefined {
  switch (severity) {
    case 'ok':
      return 'green';
    case 'warn':
      return 'yellow';
    case 'error':
      return 'red';
    case 'progress':
    case 'info':
      return 'cyan';
    default:
      return undefined;
  }
}

export type PaneName = 'pods' | 'namespaces' | 'backups';
export const PANES: readonly PaneName[] = ['pods', 'namespaces', 'backups'];

/**
 * Lines each pane's rows get out of `lines` (what is left under the titles and column headers):
 * the focused pane half, the others a quarter each.
 */
export function paneHeights(lines: number, focused: PaneName): Record<PaneName, number> {
  const available = Math.max(3, lines);
  const share = Math.floor(available / 4);
  const heights: Record<PaneName, number> = {pods: share, namespaces: share, backups: share};
  heights[focused] = available - share * 2;
  return heights;
}

/**
 * Milliseconds until a line on screen would read differently because time passed: the soonest
 * change among the ages shown by the rows in view (off-screen rows do not count), at most `maxMs`
 * (health and backup staleness also move with the clock, at minute granularity).
 */
export function nextRedraw(
  panes: Readonly<Record<PaneName, PaneRows>>,
  selected: Readonly<Record<PaneName, number>>,
  heights: Readonly<Record<PaneName, number>>,
  now: number,
  maxMs: number,
): number {
  let delay = maxMs;
  for (const pane of PANES) {
    const {rows} = panes[pane];
    const {start, end} = visibleWindow(rows.length, Math.max(0, selected[pane]), heights[pane]);
    for (let index = start; index < end; index++) {
      for (const at of rows[index]?.ages ?? []) delay = Math.min(delay, nextAgeChange(now - at));
    }
  }
  return Math.max(1, delay);
}
