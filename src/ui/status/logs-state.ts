import type {ViewLine} from './ScrollView.js';

/**
 * The logs view's state (`l` on the live screen): the selected pod's log, followed as it grows
 * (the view stays at the end unless scrolled up), searched with `/`. Pure data and functions, so
 * they are tested without Ink; the keys are in keys.ts.
 */
export interface LogsState {
  readonly pod: string;
  /** Newest last; at most MAX_LOG_LINES. */
  readonly lines: readonly string[];
  readonly loading: boolean;
  readonly error?: string;
  /** The stream is open: new lines arrive. */
  readonly following: boolean;
  /** The last search and where its current match is (an index into `lines`). */
  readonly search?: {readonly query: string; readonly match?: number};
}

export const MAX_LOG_LINES = 5000;

export function startLogs(pod: string): LogsState {
  return {pod, lines: [], loading: true, following: false};
}

/** New lines at the end (the oldest dropped beyond MAX_LOG_LINES); a match keeps pointing at its line. */
export function appendLines(state: LogsState, lines: readonly string[], following = true): LogsState {
  const all = [...state.lines, ...lines];
  const dropped = Math.max(0, all.length - MAX_LOG_LINES);
  const match = state.search?.match;
  return {
    ...state,
    lines: dropped ? all.slice(dropped) : all,
    loading: false,
    following,
    ...(state.search
      ? {
          search:
            match === undefined || match - dropped < 0
              ? {query: state.search.query}
              : {query: state.search.query, match: match - dropped},
        }
      : {}),
  };
}

/**
 * The next line holding `query` (case-insensitive) from `from`, going up (older, `-1`) or down
 * (newer, `1`); undefined when there is none.
 */
export function findLine(state: LogsState, query: string, from: number, direction: -1 | 1): number | undefined {
  const needle = query.toLowerCase();
  for (let index = from; index >= 0 && index < state.lines.length; index += direction)
    if ((state.lines[index] ?? '').toLowerCase().includes(needle)) return index;
  return undefined;
}

/** Rows above the log lines in logLines (the title, and the error or loading line). */
export function logHeaderRows(state: LogsState): number {
  return 1 + (state.error || state.loading ? 1 : 0);
}

/** The lines of the logs view: a title, then every log line (they wrap; nothing is cut). */
export function logLines(logs: LogsState): ViewLine[] {
  const count = `${logs.lines.length} line${logs.lines.length === 1 ? '' : 's'}`;
  const query = logs.search?.query.toLowerCase();
  return [
    {text: `Logs of ${logs.pod} (${logs.following ? `following; ${count}` : count})`, bold: true},
    ...(logs.error ? [{text: logs.error, color: 'red'}] : logs.loading ? [{text: 'loading…', color: 'cyan'}] : []),
    ...logs.lines.map((line, index) =>
      index === logs.search?.match
        ? {text: line || ' ', color: 'yellow', bold: true}
        : query && line.toLowerCase().includes(query)
          ? {text: line, color: 'cyan'}
          : {text: line || ' '},
    ),
  ];
}
