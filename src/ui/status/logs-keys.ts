/**
 * The logs view of the live screen (`l`): the selected pod's log, followed as it grows, scrolled and
 * searched. Its state and keys are plain data and a pure reducer, so they are tested without Ink,
 * and LOG_KEYS is the table the key hint (and a help overlay) is made from.
 */
export interface LogsState {
  readonly pod: string;
  /** Newest last; at most MAX_LOG_LINES. */
  readonly lines: readonly string[];
  readonly loading: boolean;
  readonly error?: string;
  /** The stream is open: new lines arrive. */
  readonly following: boolean;
  /** How many lines the view is scrolled up from the end (0 = stays at the end as lines arrive). */
  readonly offset: number;
  readonly search?: {
    readonly query: string;
    /** The search line is being typed. */
    readonly editing: boolean;
    /** Index (in `lines`) of the current match. */
    readonly match?: number;
    readonly notFound?: boolean;
  };
}

export const MAX_LOG_LINES = 5000;

/** Every key of the logs view, as the hint and the help overlay list them. */
export const LOG_KEYS: readonly {readonly keys: string; readonly does: string}[] = [
  {keys: '↑↓', does: 'scroll'},
  {keys: 'PgUp/PgDn', does: 'page'},
  {keys: 'g/G', does: 'top/end'},
  {keys: '/', does: 'search'},
  {keys: 'n/N', does: 'older/newer match'},
  {keys: 'esc', does: 'back'},
  {keys: 'q', does: 'quit'},
];

/** The key hint of the logs view: the whole table when it fits, the keys alone when not. */
export function logsHint(width: number): string {
  const long = LOG_KEYS.map((key) => `${key.keys} ${key.does}`).join(' · ');
  return long.length <= width
    ? long
    : `${LOG_KEYS.slice(0, -1)
        .map((key) => key.keys)
        .join(' ')} q quit`;
}

export function startLogs(pod: string): LogsState {
  return {pod, lines: [], loading: true, following: false, offset: 0};
}

/** New lines at the end; a scrolled view stays on the same lines. */
export function appendLines(state: LogsState, lines: readonly string[], following = true): LogsState {
  const all = [...state.lines, ...lines];
  const dropped = Math.max(0, all.length - MAX_LOG_LINES);
  const kept = dropped ? all.slice(dropped) : all;
  const match = state.search?.match;
  return {
    ...state,
    lines: kept,
    loading: false,
    following,
    offset: state.offset === 0 ? 0 : state.offset + lines.length,
    ...(state.search
      ? {
          search: {
            ...state.search,
            ...(match !== undefined ? {match: match - dropped >= 0 ? match - dropped : undefined} : {}),
          },
        }
      : {}),
  };
}

/** The lines in view and where they start, for `height` rows of log. */
export function visibleLines(state: LogsState, height: number): {start: number; lines: readonly string[]} {
  const rows = Math.max(1, height);
  const end = Math.max(0, state.lines.length - state.offset);
  const start = Math.max(0, end - rows);
  return {start, lines: state.lines.slice(start, end)};
}

function clampOffset(state: LogsState, offset: number, height: number): number {
  return Math.max(0, Math.min(offset, Math.max(0, state.lines.length - Math.max(1, height))));
}

/** Brings line `index` into view (a few lines of context below it when possible). */
function reveal(state: LogsState, index: number, height: number): number {
  const below = Math.min(Math.floor(height / 3), state.lines.length - 1 - index);
  return clampOffset(state, state.lines.length - 1 - index - below, height);
}

function find(state: LogsState, query: string, from: number, direction: -1 | 1): number | undefined {
  const needle = query.toLowerCase();
  for (let index = from; index >= 0 && index < state.lines.length; index += direction)
    if ((state.lines[index] ?? '').toLowerCase().includes(needle)) return index;
  return undefined;
}

export interface LogsKey {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly tab?: boolean;
}

/**
 * One key in the logs view: the next state, or 'back' / 'quit'. Searching goes upward (older
 * lines) from the bottom of the view, like less's `?`; `n` continues upward, `N` downward.
 */
export function logsKey(state: LogsState, input: string, key: LogsKey, height: number): LogsState | 'back' | 'quit' {
  const search = state.search;
  if (search?.editing) {
    if (key.escape) {
      const {search: _search, ...rest} = state;
      return rest;
    }
    if (key.return) {
      if (search.query === '') {
        const {search: _search, ...rest} = state;
        return rest;
      }
      const bottom = visibleLines(state, height);
      const match =
        find(state, search.query, bottom.start + bottom.lines.length - 1, -1) ??
        find(state, search.query, state.lines.length - 1, -1);
      return match === undefined
        ? {...state, search: {query: search.query, editing: false, notFound: true}}
        : {...state, offset: reveal(state, match, height), search: {query: search.query, editing: false, match}};
    }
    if (key.backspace || key.delete) return {...state, search: {...search, query: search.query.slice(0, -1)}};
    const printable = input !== '' && !key.ctrl && !key.meta && !key.tab && !/[\u0000-\u001f\u007f]/.test(input);
    return printable ? {...state, search: {...search, query: search.query + input}} : state;
  }
  if (input === 'q') return 'quit';
  if (key.escape || key.backspace) {
    if (search) {
      const {search: _search, ...rest} = state;
      return rest;
    }
    return 'back';
  }
  if (key.return) return 'back';
  if (input === '/') return {...state, search: {query: '', editing: true}};
  if ((input === 'n' || input === 'N') && search?.query) {
    const from = search.match ?? state.lines.length;
    const match = input === 'n' ? find(state, search.query, from - 1, -1) : find(state, search.query, from + 1, 1);
    return match === undefined
      ? {...state, search: {...search, notFound: true}}
      : {...state, offset: reveal(state, match, height), search: {query: search.query, editing: false, match}};
  }
  const page = Math.max(1, height - 1);
  if (key.upArrow || input === 'k') return {...state, offset: clampOffset(state, state.offset + 1, height)};
  if (key.downArrow || input === 'j') return {...state, offset: clampOffset(state, state.offset - 1, height)};
  if (key.pageUp) return {...state, offset: clampOffset(state, state.offset + page, height)};
  if (key.pageDown) return {...state, offset: clampOffset(state, state.offset - page, height)};
  if (input === 'g') return {...state, offset: clampOffset(state, state.lines.length, height)};
  if (input === 'G') return {...state, offset: 0};
  return state;
}
