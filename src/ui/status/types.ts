import type {PaneName} from './layout.js';
import type {LogsState} from './LogsView.js';
import type {Prompt} from './PromptLine.js';
import type {RowRef} from './rows.js';

// Shared by StatusApp and its key handler. Kept apart (types only) so the two modules do not
// import each other: in the bundle a cycle between lazily initialised modules can deadlock.

/** What the screen can ask the outside world to do (implemented by the status feed). */
export interface StatusActions {
  resync(): void;
  backupNow(): Promise<string>;
  createNamespace(name: string): Promise<void>;
  setLocked(name: string, locked: boolean): Promise<void>;
  logs(pod: string): Promise<string>;
}

/** The first row shown of a scrolled view; Infinity means the end (logs open there). */
export type Scroll = number;

/** The views under the header; each has its own key table (keys.ts). */
export type View =
  | {readonly kind: 'panes'}
  | {readonly kind: 'details'; readonly ref: RowRef; readonly scroll: Scroll}
  | {readonly kind: 'logs'; readonly logs: LogsState; readonly scroll: Scroll}
  /** Every key of `of`'s table; closing it returns to `of` as it was. */
  | {readonly kind: 'help'; readonly of: Exclude<View, {kind: 'help'}>; readonly scroll: Scroll};

/** The screen's own state. Kept in a ref so keys typed faster than React renders see the latest. */
export interface UiState {
  readonly focus: PaneName;
  readonly selectedKeys: Partial<Record<PaneName, string>>;
  readonly view: View;
  readonly prompt: Prompt | undefined;
}
