import {ScrollView, type ViewLine} from './ScrollView.js';

export interface LogsState {
  readonly pod: string;
  readonly text?: string;
  readonly error?: string;
}

/** The lines of the logs view: a title, then every log line (they wrap; nothing is cut). */
export function logLines(logs: LogsState): ViewLine[] {
  const lines = logs.text === undefined ? [] : logs.text.replace(/\n$/, '').split('\n');
  return [
    {text: `Logs of ${logs.pod} (${lines.length} lines)`, bold: true},
    ...(logs.error ? [{text: logs.error, color: 'red'}] : []),
    ...(logs.text === undefined && !logs.error ? [{text: 'loading…', color: 'cyan'}] : []),
    ...lines.map((line) => ({text: line || ' '})),
  ];
}

/** The selected pod's log, scrolled (it opens at the end: the newest lines); esc returns. */
export function LogsView(props: {
  readonly rows: readonly ViewLine[];
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
}) {
  return <ScrollView {...props} />;
}
