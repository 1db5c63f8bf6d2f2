import {ScrollView, type ViewLine} from './ScrollView.js';

export {logLines, type LogsState} from './logs-state.js';

/** The selected pod's log, scrolled (it opens at the end: the newest lines, and follows them); esc returns. */
export function LogsView(props: {
  readonly rows: readonly ViewLine[];
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
}) {
  return <ScrollView {...props} />;
}
