import {useInput} from 'ink';
import {isDeployError} from '../../core/errors.js';
import type {StatusModel} from '../../core/status/model.js';
import {validateNamespaceName} from '../../core/status/namespace-name.js';
import type {StatusStore} from '../../core/status/store.js';
import {PANES, type PaneName} from './layout.js';
import {appendLines, logsKey, startLogs, type LogsState} from './logs-keys.js';
import type {Prompt} from './PromptLine.js';
import {selectedIndex, type PaneRows} from './rows.js';
import type {StatusActions, UiState, View} from './types.js';

interface KeyContext {
  readonly isActive: boolean;
  readonly store: StatusStore;
  readonly actions: StatusActions;
  /** Read at key time, never from a render's closure: keys may arrive between renders. */
  readonly ui: {readonly current: UiState};
  readonly setUi: (patch: Partial<UiState>) => void;
  readonly latest: {readonly current: {readonly panes: Record<PaneName, PaneRows>; readonly model: StatusModel}};
  /** Rows the logs view has for log lines (for paging). */
  logsHeight(): number;
  quit(): void;
}

function describe(error: unknown): string {
  if (isDeployError(error)) {
    const hint = (error as {hint?: string}).hint;
    return `✖ ${error.message}${hint ? ` ${hint}` : ''}`;
  }
  return `✖ ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs an action, reporting progress and its outcome in the notice line. */
async function perform(store: StatusStore, working: string, action: () => Promise<string>): Promise<void> {
  store.setNotice({level: 'info', text: working});
  try {
    store.setNotice({level: 'ok', text: await action()});
  } catch (error) {
    store.setNotice({level: 'error', text: describe(error)});
  }
}

/** Every key of the live screen: navigation, details/logs views, confirmations and actions. */
export function useStatusKeys(context: KeyContext): void {
  const {store, actions, setUi} = context;
  const setView = (view: View): void => setUi({view});
  const setPrompt = (prompt: Prompt | undefined): void => setUi({prompt});

  const onPrompt = (prompt: Prompt, input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]): void => {
    if (prompt.kind === 'confirm') {
      if (input === 'y' || input === 'Y') {
        setPrompt(undefined);
        void perform(store, 'working…', prompt.action);
      } else if (input === 'n' || input === 'N' || key.escape) {
        setPrompt(undefined);
        store.setNotice({level: 'info', text: 'Cancelled.'});
      }
      return;
    }
    if (key.escape) return setPrompt(undefined);
    if (key.return) {
      const error = validateNamespaceName(prompt.value);
      if (error) return setPrompt({...prompt, error});
      const name = prompt.value;
      return setPrompt({
        kind: 'confirm',
        text: `Create namespace '${name}' (explicit, locked)?`,
        action: async () => {
          await actions.createNamespace(name);
          return `Created namespace ${name} (locked).`;
        },
      });
    }
    // Control keys (tab, arrows) type nothing; printable characters, even invalid ones, are shown with the rule they break.
    const printable = input !== '' && !key.ctrl && !key.meta && !key.tab && !/[\u0000-\u001f\u007f]/.test(input);
    const value =
      key.backspace || key.delete ? prompt.value.slice(0, -1) : printable ? prompt.value + input : prompt.value;
    setPrompt({kind: 'input', label: prompt.label, value, error: value ? validateNamespaceName(value) : undefined});
  };

  useInput(
    (input, key) => {
      const {focus, selectedKeys, view, prompt} = context.ui.current;
      const {panes, model} = context.latest.current;
      const rows = panes[focus].rows;
      const selected = selectedIndex(rows, selectedKeys[focus]);
      const current = rows[selected]?.ref;
      const move = (delta: number): void => {
        for (let index = selected + delta; index >= 0 && index < rows.length; index += delta) {
          const row = rows[index];
          if (row?.ref) return setUi({selectedKeys: {...selectedKeys, [focus]: row.key}});
        }
      };
      const cycle = (delta: number): void => {
        const index = PANES.indexOf(focus);
        setUi({focus: PANES[(index + delta + PANES.length) % PANES.length] as PaneName});
      };

      if (key.ctrl && input === 'c') return context.quit();
      if (prompt) return onPrompt(prompt, input, key);
      if (view.kind === 'logs') {
        // Keys typed (or pasted) faster than a frame arrive as one string: apply them one by one.
        const keys = input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
        let next: ReturnType<typeof logsKey> = view.logs;
        for (const char of keys) {
          next = logsKey(next, char, keys.length > 1 ? {} : key, context.logsHeight());
          if (typeof next === 'string') break;
        }
        if (next === 'quit') return context.quit();
        if (next === 'back') {
          context.ui.current.stopLogs?.();
          return setUi({view: {kind: 'panes'}, stopLogs: undefined});
        }
        if (next !== view.logs) setView({kind: 'logs', logs: next});
        return;
      }
      if (view.kind !== 'panes') {
        if (key.escape || key.return || key.backspace) setView({kind: 'panes'});
        else if (input === 'q') context.quit();
        return;
      }
      if (input === 'q') return context.quit();
      if (key.tab) return cycle(key.shift ? -1 : 1);
      if (key.rightArrow) return cycle(1);
      if (key.leftArrow) return cycle(-1);
      if (key.upArrow) return move(-1);
      if (key.downArrow) return move(1);
      if (key.return) {
        if (current) setView({kind: 'details', ref: current});
        return;
      }
      if (input === 'r') {
        actions.resync();
        store.setNotice({level: 'info', text: 'Resyncing…'});
        return;
      }
      if (input === 'l') {
        if (current?.kind !== 'pod') return store.setNotice({level: 'warn', text: 'Select a pod to see its logs.'});
        const pod = current.name;
        setView({kind: 'logs', logs: startLogs(pod)});
        // Only fill the view while the user is still looking at this pod's logs (read at call time).
        const update = (change: (logs: LogsState) => LogsState): void => {
          const shown = context.ui.current.view;
          if (shown.kind === 'logs' && shown.logs.pod === pod) setView({kind: 'logs', logs: change(shown.logs)});
        };
        if (actions.followLogs) {
          const stop = actions.followLogs(
            pod,
            (lines) => update((logs) => appendLines(logs, lines)),
            (message) => update((logs) => ({...logs, loading: false, following: false, error: `✖ ${message}`})),
          );
          setUi({stopLogs: stop});
          return;
        }
        actions.logs(pod).then(
          (text) => update((logs) => appendLines(logs, text.replace(/\n$/, '').split('\n'), false)),
          (error: unknown) => update((logs) => ({...logs, loading: false, error: describe(error)})),
        );
        return;
      }
      if (input === 'b') {
        if (!model.backups.cronJob)
          return store.setNotice({level: 'warn', text: 'Backups are not enabled in this release.'});
        return setPrompt({
          kind: 'confirm',
          text: `Run a backup now (a Job from ${model.backups.cronJob.name})?`,
          action: async () => {
            const job = await actions.backupNow();
            // Follow the new Job: focus the Backups pane with the Job selected.
            const {selectedKeys: keys} = context.ui.current;
            setUi({focus: 'backups', selectedKeys: {...keys, backups: `j:${job}`}});
            return `Started backup job ${job}; it shows under Backups.`;
          },
        });
      }
      if (input === 'c') {
        if (!model.tursoEnabled)
          return store.setNotice({level: 'warn', text: 'turso-server is not enabled in this release.'});
        return setPrompt({kind: 'input', label: 'New namespace name:', value: ''});
      }
      if (input === 'k') {
        const item =
          current?.kind === 'namespace'
            ? model.namespaces?.find((candidate) => candidate.name === current.name)
            : undefined;
        if (!item || item.origin === 'archived')
          return store.setNotice({
            level: 'warn',
            text: 'Select a namespace in the Turso namespaces pane to lock or unlock it.',
          });
        const lock = !item.locked;
        return setPrompt({
          kind: 'confirm',
          text: `${lock ? 'Lock' : 'Unlock'} namespace '${item.name}'?${lock ? '' : ' The GC may then archive it.'}`,
          action: async () => {
            await actions.setLocked(item.name, lock);
            return `${lock ? 'Locked' : 'Unlocked'} ${item.name}.`;
          },
        });
      }
    },
    {isActive: context.isActive},
  );
}
