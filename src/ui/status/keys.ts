import type {Key} from 'ink';
import {isDeployError} from '../../core/errors.js';
import type {StatusModel} from '../../core/status/model.js';
import type {Notice, StatusStore} from '../../core/status/store.js';
import {PANES, type PaneName} from './layout.js';
import type {Prompt} from './PromptLine.js';
import {selectedIndex, type PaneRows, type RowRef} from './rows.js';
import type {ScrollExtent} from './ScrollView.js';
import type {StatusActions, UiState, View} from './types.js';

/**
 * The live screen's keys: one table per view. The key handler (use-status-keys.ts) runs the first
 * binding of the current view's table that matches; the hint line and the `?` overlay are built
 * from the same tables, so a key added here is handled, hinted and documented at once.
 *
 * To add a key: write a KeyBinding (`keys` as the help shows it, `does`, an optional short `hint`,
 * `match`, `run`) and put it in the view's table below (PANE_KEYS, DETAILS_KEYS, LOGS_KEYS…),
 * before the shared HELP and QUIT entries. A view of its own gets a table in KEY_TABLES.
 */

/** What a binding's action sees (the state at key time, never a render's) and can do. */
export interface KeyScope {
  /** The state when the key arrived. */
  readonly ui: UiState;
  /** The state now, for actions that finish later. */
  now(): UiState;
  readonly model: StatusModel;
  readonly panes: Readonly<Record<PaneName, PaneRows>>;
  /** What the selected row of the focused pane points at. */
  readonly selected: RowRef | undefined;
  /** The scrolled view's size (details, logs, help), for paging. */
  readonly extent: ScrollExtent;
  /** Rows the focused pane shows, for PgUp/PgDn there. */
  readonly panePage: number;
  readonly store: StatusStore;
  readonly actions: StatusActions;
  setUi(patch: Partial<UiState>): void;
  setView(view: View): void;
  prompt(prompt: Prompt): void;
  notice(level: Notice['level'], text: string): void;
  /** Runs an action, showing `working` until it ends and then its outcome. */
  perform(working: string, action: () => Promise<string>): void;
  quit(): void;
}

export interface KeyBinding {
  /** The key(s) as the help overlay shows them: `tab`, `↑ ↓`, `enter`, `l`. */
  readonly keys: string;
  /** What it does, one line of the help overlay. */
  readonly does: string;
  /** Short form for the hint line at the bottom; without one the key is listed only in the help. */
  readonly hint?: string;
  readonly match: (input: string, key: Key) => boolean;
  readonly run: (scope: KeyScope, input: string, key: Key) => void;
}

export type ViewKind = View['kind'];

const char =
  (...chars: string[]) =>
  (input: string, key: Key): boolean =>
    !key.ctrl && !key.meta && chars.includes(input);

/** A user-facing message for a failed action. */
export function describeError(error: unknown): string {
  if (isDeployError(error)) {
    const hint = (error as {hint?: string}).hint;
    return `✖ ${error.message}${hint ? ` ${hint}` : ''}`;
  }
  return `✖ ${error instanceof Error ? error.message : String(error)}`;
}

// ── shared by every view ──────────────────────────────────────────────────────────────────────

const HELP: KeyBinding = {
  keys: '? h',
  does: 'this list of keys (esc closes it)',
  hint: '? keys',
  match: char('?', 'h'),
  run: ({ui, setView}) => {
    if (ui.view.kind === 'help') return setView(ui.view.of);
    setView({kind: 'help', of: ui.view, scroll: 0});
  },
};

const QUIT: KeyBinding = {
  keys: 'q  ctrl-c',
  does: 'quit the live screen (nothing keeps running)',
  hint: 'q quit',
  match: (input, key) => char('q')(input, key) || (key.ctrl && input === 'c'),
  run: ({quit}) => quit(),
};

/** The scrolled views' current position, or undefined in the panes. */
function scrollOf(view: View): number {
  return view.kind === 'panes' ? 0 : view.scroll;
}

function scrollTo(scope: KeyScope, next: (current: number, extent: ScrollExtent) => number): void {
  const {view} = scope.ui;
  if (view.kind === 'panes') return;
  const {total, page} = scope.extent;
  const last = Math.max(0, total - page);
  // Infinity (the end) is resolved here so relative moves start from where the view really is.
  const current = Math.min(scrollOf(view), last);
  scope.setView({...view, scroll: Math.max(0, Math.min(last, next(current, scope.extent)))});
}

const SCROLL: readonly KeyBinding[] = [
  {
    keys: '↑ ↓',
    does: 'scroll a line',
    match: (_input, key) => key.upArrow || key.downArrow,
    run: (scope, _input, key) => scrollTo(scope, (current) => current + (key.upArrow ? -1 : 1)),
  },
  {
    keys: 'PgUp PgDn  space',
    does: 'scroll a page',
    hint: 'PgUp/PgDn',
    match: (input, key) => key.pageUp || key.pageDown || char(' ')(input, key),
    run: (scope, _input, key) => scrollTo(scope, (current, {page}) => current + (key.pageUp ? -page : page)),
  },
  {
    keys: 'Home End',
    does: 'the top / the end',
    match: (input, key) => key.home || key.end || char('g', 'G')(input, key),
    run: (scope, input, key) => scrollTo(scope, () => (key.home || input === 'g' ? 0 : Number.MAX_SAFE_INTEGER)),
  },
];

const BACK: KeyBinding = {
  keys: 'esc enter',
  does: 'back to the panes',
  hint: 'esc back',
  match: (_input, key) => key.escape || key.return || key.backspace || key.delete,
  run: ({setView}) => setView({kind: 'panes'}),
};

// ── the panes ────────────────────────────────────────────────────────────────────────────────

function moveSelection(scope: KeyScope, delta: number, clamp = false): void {
  const {focus, selectedKeys} = scope.ui;
  const rows = scope.panes[focus].rows;
  const from = selectedIndex(rows, selectedKeys[focus]);
  if (from < 0) return;
  const step = delta < 0 ? -1 : 1;
  let target: number | undefined;
  for (let index = from + step, moved = 0; index >= 0 && index < rows.length; index += step) {
    if (!rows[index]?.ref) continue;
    target = index;
    moved++;
    if (moved >= Math.abs(delta)) break;
  }
  if (target === undefined && !clamp) return;
  const row = rows[target ?? from];
  if (row?.ref) scope.setUi({selectedKeys: {...selectedKeys, [focus]: row.key}});
}

function cyclePane(scope: KeyScope, delta: number): void {
  const index = PANES.indexOf(scope.ui.focus);
  scope.setUi({focus: PANES[(index + delta + PANES.length) % PANES.length] as PaneName});
}

function openLogs(scope: KeyScope, pod: string): void {
  scope.setView({kind: 'logs', logs: {pod}, scroll: Number.MAX_SAFE_INTEGER});
  // Only fill the view if the user is still looking at this pod's logs.
  const still = (): boolean => {
    const {view} = scope.now();
    return view.kind === 'logs' && view.logs.pod === pod;
  };
  scope.actions.logs(pod).then(
    (text) => still() && scope.setView({kind: 'logs', logs: {pod, text}, scroll: Number.MAX_SAFE_INTEGER}),
    (error: unknown) => still() && scope.setView({kind: 'logs', logs: {pod, error: describeError(error)}, scroll: 0}),
  );
}

export const PANE_KEYS: readonly KeyBinding[] = [
  {
    keys: 'enter',
    does: 'everything about the selected row, uncut (events, errors, hints)',
    hint: 'enter details',
    match: (_input, key) => key.return,
    run: (scope) => {
      if (scope.selected) scope.setView({kind: 'details', ref: scope.selected, scroll: 0});
    },
  },
  {
    keys: 'l',
    does: "the selected pod's log",
    hint: 'l logs',
    match: char('l'),
    run: (scope) => {
      if (scope.selected?.kind !== 'pod') return scope.notice('warn', 'Select a pod to see its logs.');
      openLogs(scope, scope.selected.name);
    },
  },
  {
    keys: 'b',
    does: 'run a backup now: a Job from the backup CronJob (asks first)',
    hint: 'b backup',
    match: char('b'),
    run: (scope) => {
      const cron = scope.model.backups.cronJob;
      if (!cron) return scope.notice('warn', 'Backups are not enabled in this release.');
      scope.prompt({
        kind: 'confirm',
        text: `Run a backup now (a Job from ${cron.name})?`,
        action: async () => {
          const job = await scope.actions.backupNow();
          // Follow the new Job: the Backups pane, with the Job selected.
          const {selectedKeys} = scope.now();
          scope.setUi({focus: 'backups', selectedKeys: {...selectedKeys, backups: `j:${job}`}});
          return `Started backup job ${job}; it shows under Backups.`;
        },
      });
    },
  },
  {
    keys: 'tab  shift-tab  ← →',
    does: 'next / previous pane (Pods, Turso namespaces, Backups)',
    hint: 'tab pane',
    match: (_input, key) => key.tab || key.leftArrow || key.rightArrow,
    run: (scope, _input, key) => cyclePane(scope, (key.tab && key.shift) || key.leftArrow ? -1 : 1),
  },
  {
    keys: '↑ ↓',
    does: 'select a row',
    hint: '↑↓ row',
    match: (_input, key) => key.upArrow || key.downArrow,
    run: (scope, _input, key) => moveSelection(scope, key.upArrow ? -1 : 1),
  },
  {
    keys: 'PgUp PgDn  Home End',
    does: 'a page up / down, the first / last row of the pane',
    match: (_input, key) => key.pageUp || key.pageDown || key.home || key.end,
    run: (scope, _input, key) => {
      const far = scope.panes[scope.ui.focus].rows.length;
      const delta = key.pageUp ? -scope.panePage : key.pageDown ? scope.panePage : key.home ? -far : far;
      moveSelection(scope, delta, true);
    },
  },
  {
    keys: 'c',
    does: 'create a turso-server namespace (explicit, locked; asks for the name, then to confirm)',
    hint: 'c new ns',
    match: char('c'),
    run: (scope) => {
      if (!scope.model.tursoEnabled) return scope.notice('warn', 'turso-server is not enabled in this release.');
      scope.prompt({kind: 'input', label: 'New namespace name:', value: ''});
    },
  },
  {
    keys: 'k',
    does: 'lock or unlock the selected namespace (unlocked ones may be archived by the GC)',
    hint: 'k lock',
    match: char('k'),
    run: (scope) => {
      const {selected, model} = scope;
      const item =
        selected?.kind === 'namespace'
          ? model.namespaces?.find((candidate) => candidate.name === selected.name)
          : undefined;
      if (!item || item.origin === 'archived')
        return scope.notice('warn', 'Select a namespace in the Turso namespaces pane to lock or unlock it.');
      const lock = !item.locked;
      scope.prompt({
        kind: 'confirm',
        text: `${lock ? 'Lock' : 'Unlock'} namespace '${item.name}'?${lock ? '' : ' The GC may then archive it.'}`,
        action: async () => {
          await scope.actions.setLocked(item.name, lock);
          return `${lock ? 'Locked' : 'Unlocked'} ${item.name}.`;
        },
      });
    },
  },
  {
    keys: 'r',
    does: 'resync: list everything again from the API server',
    hint: 'r resync',
    match: char('r'),
    run: (scope) => {
      scope.actions.resync();
      scope.notice('info', 'Resyncing…');
    },
  },
  {
    keys: 'i',
    does: 'the header uncut: release, context, every health reason and data-source error',
    hint: 'i info',
    match: char('i'),
    run: ({setView}) => setView({kind: 'details', ref: {kind: 'info'}, scroll: 0}),
  },
  HELP,
  QUIT,
];

export const DETAILS_KEYS: readonly KeyBinding[] = [
  ...SCROLL,
  BACK,
  {
    keys: 'l',
    does: "this pod's log (pods only)",
    hint: 'l logs',
    match: char('l'),
    run: (scope) => {
      const {view} = scope.ui;
      if (view.kind !== 'details' || view.ref.kind !== 'pod') return scope.notice('warn', 'Only pods have logs.');
      openLogs(scope, view.ref.name);
    },
  },
  HELP,
  QUIT,
];

export const LOGS_KEYS: readonly KeyBinding[] = [...SCROLL, BACK, HELP, QUIT];

const CLOSE_HELP: KeyBinding = {
  keys: 'esc enter ?',
  does: 'close this list',
  hint: '? esc close',
  match: (input, key) => key.escape || key.return || char('?', 'h')(input, key),
  run: ({ui, setView}) => {
    if (ui.view.kind === 'help') setView(ui.view.of);
  },
};

export const HELP_KEYS: readonly KeyBinding[] = [...SCROLL, CLOSE_HELP, QUIT];

/** Every view's keys. */
export const KEY_TABLES: Readonly<Record<ViewKind, readonly KeyBinding[]>> = {
  panes: PANE_KEYS,
  details: DETAILS_KEYS,
  logs: LOGS_KEYS,
  help: HELP_KEYS,
};

/**
 * The hint line: the view's short hints that fit in `width`, always ending with the help and quit
 * keys (a narrow terminal drops the last hints, never those two: `?` lists every key).
 */
export function hintLine(table: readonly KeyBinding[], width: number): string {
  const always = table.filter((binding) => binding === HELP || binding === QUIT || binding === CLOSE_HELP);
  const rest = table.filter((binding) => binding.hint && !always.includes(binding));
  const tail = always.map((binding) => binding.hint).filter(Boolean) as string[];
  const separator = width >= 70 ? ' · ' : ' ';
  const chosen: string[] = [];
  // In table order, stopping at the first that does not fit: the most used keys come first.
  for (const binding of rest) {
    if ([...chosen, binding.hint as string, ...tail].join(separator).length > width) break;
    chosen.push(binding.hint as string);
  }
  return [...chosen, ...tail].join(separator);
}
