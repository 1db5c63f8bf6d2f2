/**
 * The layout rule every screen is held to, as checks over one captured terminal screen (tmux
 * `capture-pane -p -J`, so lines the terminal wrapped are joined again):
 * - no line is wider than the terminal (a joined line longer than the width overflowed);
 * - a screen that reads keys shows `?` and `q` in its hint;
 * - nothing is cut with `…` unless the screen offers a way to see it whole (the live screen's
 *   enter details / i, or a pager), and no value the person typed is shown cut at all.
 */

export interface ScreenRule {
  readonly columns: number;
  /** The screen reads keys (Ink): its hint must show `?` and `q`. Prompts and printed output do not. */
  readonly keys: boolean;
  /** Values typed in the inputs (host, bucket, endpoint…): each is shown whole or not at all. */
  readonly inputs: readonly string[];
}

/** Progress texts that end in … on purpose (they are not cut). */
const PROGRESS = [
  /Looking at the cluster.*and helm…/,
  /Planning \(rendering the chart, reading the live release\)…/,
  /this machine…/,
  /connecting…/,
  /connecting to the admin API…/,
  /loading…/,
  /Resyncing…/,
  /working…/,
  /started…/,
  /Stopping helm/,
  /per volume…/,
  /type its name\)…/,
  /CephFS…\)/,
];

/** Keys in a hint that open what a row or the header cut (the live screen). */
const EXPAND = /enter details|\bi info\b|\(i\)/;

/** The hint: the last two non-blank lines (a hint may wrap once at 60 columns). */
function hintOf(lines: readonly string[]): string {
  return lines
    .filter((line) => line.trim() !== '')
    .slice(-2)
    .join(' ');
}

/** What is wrong with `screen` under the layout rule; empty when it complies. */
export function screenProblems(screen: string, rule: ScreenRule): string[] {
  const problems: string[] = [];
  const lines = screen.replace(/\n+$/, '').split('\n');
  for (const [index, line] of lines.entries()) {
    const width = [...line.trimEnd()].length;
    if (width > rule.columns) problems.push(`line ${index + 1} is ${width} columns wide (> ${rule.columns}): ${line}`);
  }
  const hint = hintOf(lines);
  if (rule.keys && !(/\?/.test(hint) && /\bq\b/.test(hint))) problems.push(`the hint does not show ? and q: ${hint}`);
  const expandable = EXPAND.test(screen);
  for (const [index, line] of lines.entries()) {
    if (!/\S…/.test(line) || PROGRESS.some((progress) => progress.test(line))) continue;
    if (!expandable) problems.push(`line ${index + 1} is cut with … and nothing opens it: ${line}`);
  }
  // A typed value is cut when a piece of its start stands right before a … (`screens-a.exam…`);
  // only a screen that can show it whole (enter details, i) may do that.
  for (const value of expandable ? [] : rule.inputs) {
    for (let at = screen.indexOf('…'); at >= 0; at = screen.indexOf('…', at + 1)) {
      const before = screen.slice(Math.max(0, at - value.length), at);
      for (let length = Math.min(value.length - 1, before.length); length >= 4; length--) {
        if (before.endsWith(value.slice(0, length))) {
          problems.push(`the typed value ${value} is shown cut: ${value.slice(0, length)}…`);
          break;
        }
      }
    }
  }
  return problems;
}
