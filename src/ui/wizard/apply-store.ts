/** One phase of an apply, shown as a checklist line. */
export interface ApplyStep {
  readonly id: string;
  readonly title: string;
  readonly state: 'pending' | 'running' | 'done' | 'failed' | 'skipped';
  readonly detail?: string;
}

export interface ApplyState {
  readonly steps: readonly ApplyStep[];
  /** The newest output lines of helm (already redacted). */
  readonly lines: readonly string[];
  /** How many lines were ever added (lines holds only the newest). */
  readonly lineTotal: number;
  readonly startedAt: number;
  /** Set when Ctrl-C was pressed: helm is being stopped and the release state will be read. */
  readonly stopping: boolean;
  /** Further Ctrl-Cs while helm was still stopping (each one is answered, none kills helm). */
  readonly repeats: number;
}

const MAX_LINES = 200;

/**
 * A plain store for the Apply screen: the command updates it (helm lines, step changes) and the Ink
 * component subscribes to it. Kept outside React so it is tested without rendering.
 */
export interface ApplyStore {
  get(): ApplyState;
  subscribe(listener: () => void): () => void;
  step(id: string, state: ApplyStep['state'], detail?: string): void;
  line(text: string): void;
  stopping(): void;
  /** Another Ctrl-C while helm still rolls back. */
  stillStopping(): void;
}

export function createApplyStore(
  steps: ReadonlyArray<Pick<ApplyStep, 'id' | 'title'>>,
  now: () => number = Date.now,
): ApplyStore {
  let state: ApplyState = {
    steps: steps.map((step) => ({...step, state: 'pending'})),
    lines: [],
    lineTotal: 0,
    startedAt: now(),
    stopping: false,
    repeats: 0,
  };
  const listeners = new Set<() => void>();
  const set = (next: ApplyState): void => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    step(id, stepState, detail) {
      set({...state, steps: state.steps.map((step) => (step.id === id ? {...step, state: stepState, detail} : step))});
    },
    line(text) {
      const lines = [...state.lines, text];
      set({
        ...state,
        lines: lines.length > MAX_LINES ? lines.slice(-MAX_LINES) : lines,
        lineTotal: state.lineTotal + 1,
      });
    },
    stopping() {
      set({...state, stopping: true});
    },
    stillStopping() {
      set({...state, stopping: true, repeats: state.repeats + 1});
    },
  };
}

/** m:ss (or h:mm:ss) since the start. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
