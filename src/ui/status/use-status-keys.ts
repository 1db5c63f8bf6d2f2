import {type Key, useInput} from 'ink';
import {splitKeys} from '../split-keys.js';
import type {StatusModel} from '../../core/status/model.js';
import {validateNamespaceName} from '../../core/status/namespace-name.js';
import type {StatusStore} from '../../core/status/store.js';
import {describeError, KEY_TABLES, type KeyScope} from './keys.js';
import type {PaneName} from './layout.js';
import type {Prompt} from './PromptLine.js';
import {selectedIndex, type PaneRows} from './rows.js';
import type {ScrollExtent} from './ScrollView.js';
import type {StatusActions, UiState, View} from './types.js';

interface KeyContext {
  readonly isActive: boolean;
  readonly store: StatusStore;
  readonly actions: StatusActions;
  /** Read at key time, never from a render's closure: keys may arrive between renders. */
  readonly ui: {readonly current: UiState};
  readonly setUi: (patch: Partial<UiState>) => void;
  readonly latest: {
    readonly current: {
      readonly panes: Record<PaneName, PaneRows>;
      readonly model: StatusModel;
      readonly extent: ScrollExtent;
      readonly panePage: number;
    };
  };
  quit(): void;
}

/** Runs an action, reporting progress and its outcome in the notice line. */
async function perform(store: StatusStore, working: string, action: () => Promise<string>): Promise<void> {
  store.setNotice({level: 'info', text: working, busy: true});
  try {
    store.setNotice({level: 'ok', text: await action()});
  } catch (error) {
    store.setNotice({level: 'error', text: describeError(error)});
  }
}

/** The question at the bottom: y/n for a confirmation, typed text for a name. */
function onPrompt(context: KeyContext, prompt: Prompt, input: string, key: Key): void {
  const {store, actions, setUi} = context;
  const setPrompt = (next: Prompt | undefined): void => setUi({prompt: next});
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
}

/** The current view's key table decides what a key does (keys.ts); prompts take keys first. */
function onKey(context: KeyContext, input: string, key: Key): void {
  const ui = context.ui.current;
  if (key.ctrl && input === 'c') return context.quit();
  // A key is the next action: the last notice has been seen (errors stay until then).
  const notice = context.store.state.notice;
  if (notice && !notice.busy) context.store.clearNotice(notice);
  if (ui.prompt) return onPrompt(context, ui.prompt, input, key);
  const {panes, model, extent, panePage} = context.latest.current;
  const rows = panes[ui.focus].rows;
  const scope: KeyScope = {
    ui,
    now: () => context.ui.current,
    model,
    panes,
    selected: rows[selectedIndex(rows, ui.selectedKeys[ui.focus])]?.ref,
    extent,
    panePage,
    store: context.store,
    actions: context.actions,
    setUi: context.setUi,
    setView: (view: View) => context.setUi({view}),
    prompt: (prompt) => context.setUi({prompt}),
    notice: (level, text) => context.store.setNotice({level, text}),
    perform: (working, action) => void perform(context.store, working, action),
    quit: () => context.quit(),
  };
  const binding = KEY_TABLES[ui.view.kind].find((candidate) => candidate.match(input, key));
  binding?.run(scope, input, key);
}

/** Every key of the live screen, dispatched through the key tables of keys.ts. */
export function useStatusKeys(context: KeyContext): void {
  useInput(
    (input, key) => {
      for (const event of splitKeys(input, key)) onKey(context, event.input, event.key);
    },
    {isActive: context.isActive},
  );
}
