import {Box, Text, useApp, useStdin} from 'ink';
import {useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import {buildModel} from '../../core/status/model.js';
import type {StatusStore} from '../../core/status/store.js';
import {DetailsView} from './DetailsView.js';
import {Header} from './Header.js';
import {nextRedraw, PANES, paneHeights, type PaneName} from './layout.js';
import {LogsView} from './LogsView.js';
import {Pane} from './Pane.js';
import {PromptLine, type Prompt} from './PromptLine.js';

export type {StatusActions, UiState, View} from './types.js';
import {backupRows, namespaceRows, podRows, selectedIndex, type PaneRows} from './rows.js';
import type {StatusActions, UiState, View} from './types.js';
import {useStatusKeys} from './use-status-keys.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface StatusAppProps {
  readonly store: StatusStore;
  readonly actions: StatusActions;
  /**
   * Longest wait between redraws for the clock (ms); 0 never redraws for it (tests, benchmarks).
   * Within it, the screen redraws when an age on screen would read differently (every second for
   * pods younger than 10 minutes, every minute or hour for older ones), not on a fixed beat.
   */
  readonly tickMs?: number;
}

const TITLES: Record<PaneName, string> = {pods: 'Pods', namespaces: 'Turso namespaces', backups: 'Backups'};

function helpText(width: number, view: View, prompt: Prompt | undefined): string {
  if (prompt) return '';
  if (view.kind !== 'panes') return 'esc back · q quit';
  return width >= 90
    ? 'tab/←→ pane · ↑↓ row · enter details · l logs · b backup now · c create ns · k lock/unlock · r resync · q quit'
    : 'tab ↑↓ ⏎ details l logs b backup c new k lock r sync q quit';
}

/** The live screen: three panes over the status store, with details, logs and actions. */
export function StatusApp({store, actions, tickMs = 60_000}: StatusAppProps) {
  const {exit} = useApp();
  const {isRawModeSupported} = useStdin();
  const {columns, rows} = useTerminalSize();
  const state = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.state,
  );
  const [now, setNow] = useState(() => store.now());
  const ui = useRef<UiState>({focus: 'pods', selectedKeys: {}, view: {kind: 'panes'}, prompt: undefined});
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const setUi = (patch: Partial<UiState>): void => {
    ui.current = {...ui.current, ...patch};
    rerender();
  };
  const {focus, selectedKeys, view, prompt} = ui.current;

  const width = Math.max(40, columns);
  const model = useMemo(
    () => buildModel(state, tickMs > 0 ? Math.max(now, store.now()) : store.now()),
    [state, now, store, tickMs],
  );
  const panes = useMemo<Record<PaneName, PaneRows>>(
    () => ({pods: podRows(model, width), namespaces: namespaceRows(model, width), backups: backupRows(model, width)}),
    [model, width],
  );
  const selected = Object.fromEntries(
    PANES.map((pane) => [pane, selectedIndex(panes[pane].rows, selectedKeys[pane])]),
  ) as Record<PaneName, number>;
  const latest = useRef({panes, model});
  latest.current = {panes, model};

  useStatusKeys({isActive: Boolean(isRawModeSupported), store, actions, ui, setUi, latest, quit: () => exit()});

  const heights = paneHeights(rows, focus);
  // One timer, re-armed after each frame for the next moment something on screen changes (a few
  // ms late, so the age has certainly moved on when that frame is drawn).
  const delay =
    tickMs <= 0
      ? 0
      : view.kind === 'panes'
        ? nextRedraw(panes, selected, heights, model.now, tickMs)
        : Math.min(1000, tickMs);
  const redrawAt = delay > 0 ? model.now + delay + 5 : 0;
  useEffect(() => {
    if (redrawAt <= 0) return undefined;
    const timer = setTimeout(() => setNow(store.now()), Math.max(1, redrawAt - store.now()));
    return () => clearTimeout(timer);
  }, [redrawAt, store]);
  const notice = state.notice;
  const help = helpText(width, view, prompt);
  return (
    <Box flexDirection="column" width={width}>
      <Header model={model} width={width} />
      {view.kind === 'details' ? <DetailsView model={model} target={view.ref} width={width} height={rows - 5} /> : null}
      {view.kind === 'logs' ? <LogsView logs={view.logs} width={width} height={rows - 5} /> : null}
      {view.kind === 'panes'
        ? PANES.map((pane) => (
            <Pane
              key={pane}
              title={TITLES[pane]}
              focused={focus === pane}
              header={panes[pane].header}
              rows={panes[pane].rows}
              selected={selected[pane]}
              height={heights[pane]}
              width={width}
              now={model.now}
            />
          ))
        : null}
      {notice ? (
        <Text
          color={
            notice.level === 'error'
              ? 'red'
              : notice.level === 'warn'
                ? 'yellow'
                : notice.level === 'ok'
                  ? 'green'
                  : 'cyan'
          }
          wrap="truncate"
        >
          {notice.text}
        </Text>
      ) : null}
      {prompt ? <PromptLine prompt={prompt} /> : null}
      {help ? (
        <Text dimColor wrap="truncate">
          {help}
        </Text>
      ) : null}
    </Box>
  );
}
