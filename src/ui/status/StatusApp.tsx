import {Box, Text, useApp, useStdin} from 'ink';
import {useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import {buildModel, type StatusModel} from '../../core/status/model.js';
import {NOTICE_MS, type StatusStore} from '../../core/status/store.js';
import {wrapWords} from '../wrap.js';
import {detailLines, DetailsView} from './DetailsView.js';
import {Header, headerRows} from './Header.js';
import {helpLines, wrapHelp} from './help.js';
import {hintLine, KEY_TABLES} from './keys.js';
import {nextRedraw, PANES, paneHeights, type PaneName} from './layout.js';
import {logLines, LogsView} from './LogsView.js';
import {Pane} from './Pane.js';
import {PromptLine, promptRows} from './PromptLine.js';
import {backupRows, namespaceRows, podRows, selectedIndex, type PaneRows} from './rows.js';
import {ScrollView, scrollExtent, wrapLines, type ScrollExtent, type ViewLine} from './ScrollView.js';
import type {StatusActions, UiState, View} from './types.js';
import {useStatusKeys} from './use-status-keys.js';
import {useTerminalSize} from './use-terminal-size.js';

export type {StatusActions, UiState, View} from './types.js';

export interface StatusAppProps {
  readonly store: StatusStore;
  readonly actions: StatusActions;
  /**
   * Longest wait between redraws for the clock (ms); 0 never redraws for it (tests, benchmarks).
   * Within it, the screen redraws when an age on screen would read differently (every second for
   * pods younger than 10 minutes, every minute or hour for older ones), not on a fixed beat.
   */
  readonly tickMs?: number;
  /** How long info/ok notices stay (warnings and errors stay until the next key). */
  readonly noticeMs?: number;
}

const TITLES: Record<PaneName, string> = {pods: 'Pods', namespaces: 'Turso namespaces', backups: 'Backups'};

const NOTICE_COLORS = {error: 'red', warn: 'yellow', ok: 'green', info: 'cyan'} as const;

/** The rows of a scrolled view (details, logs, help), wrapped to `width`. */
function viewRows(view: Exclude<View, {kind: 'panes'}>, model: StatusModel, width: number): ViewLine[] {
  if (view.kind === 'details') return wrapLines(detailLines(model, view.ref), width);
  if (view.kind === 'logs') return wrapLines(logLines(view.logs), width);
  return wrapHelp(helpLines(view.of.kind, KEY_TABLES[view.of.kind]), width);
}

/** The live screen: three panes over the status store, with details, logs, help and actions. */
export function StatusApp({store, actions, tickMs = 60_000, noticeMs = NOTICE_MS}: StatusAppProps) {
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

  // Info and ok notices ("Resyncing…", "Started backup job…") go away by themselves.
  const notice = state.notice;
  useEffect(() => {
    if (!notice || notice.busy || notice.level === 'warn' || notice.level === 'error') return undefined;
    const timer = setTimeout(() => store.clearNotice(notice), noticeMs);
    return () => clearTimeout(timer);
  }, [notice, noticeMs, store]);

  const width = Math.max(40, columns);
  // One line stays free: a frame as tall as the terminal makes Ink clear the whole screen (and the
  // scrollback above it) on every update.
  const height = Math.max(12, rows) - 1;
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

  const header = headerRows(model, width);
  const noticeRows = notice ? wrapWords(notice.text, width) : [];
  const questionRows = prompt ? promptRows(prompt, width) : [];
  const hint = hintLine(KEY_TABLES[view.kind], width);
  const body = Math.max(3, height - header.length - noticeRows.length - questionRows.length - 1);

  const overhead = PANES.length + PANES.filter((pane) => panes[pane].header).length;
  const heights = paneHeights(body - overhead, focus);
  const scrolled = view.kind === 'panes' ? undefined : viewRows(view, model, width);
  const extent: ScrollExtent = scrollExtent(scrolled?.length ?? 0, body);
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
  const latest = useRef({panes, model, extent, panePage: heights[focus]});
  latest.current = {panes, model, extent, panePage: heights[focus]};

  useStatusKeys({isActive: Boolean(isRawModeSupported), store, actions, ui, setUi, latest, quit: () => exit()});

  const scroll = view.kind === 'panes' ? 0 : view.scroll;
  return (
    <Box flexDirection="column" width={width}>
      <Header rows={header} model={model} width={width} />
      {view.kind === 'details' && scrolled ? (
        <DetailsView rows={scrolled} width={width} height={body} scroll={scroll} />
      ) : null}
      {view.kind === 'logs' && scrolled ? (
        <LogsView rows={scrolled} width={width} height={body} scroll={scroll} />
      ) : null}
      {view.kind === 'help' && scrolled ? (
        <ScrollView rows={scrolled} width={width} height={body} scroll={scroll} />
      ) : null}
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
      {notice
        ? noticeRows.map((row, index) => (
            <Text key={`notice${index}`} color={NOTICE_COLORS[notice.level]} wrap="truncate">
              {row}
            </Text>
          ))
        : null}
      {prompt ? <PromptLine prompt={prompt} width={width} /> : null}
      <Text dimColor wrap="truncate">
        {prompt ? (prompt.kind === 'confirm' ? 'y yes · n no · esc no · ctrl-c quit' : 'ctrl-c quit') : hint}
      </Text>
    </Box>
  );
}
