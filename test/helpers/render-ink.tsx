import type {ReactElement} from 'react';
import {render} from 'ink-testing-library';
import {stripAnsi} from '../../src/ui/style.js';

/** Key sequences as a terminal sends them. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  tab: '\t',
  shiftTab: '\u001B[Z',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  escape: '\u001B',
  backspace: '\u007F',
  space: ' ',
  ctrlC: '\u0003',
} as const;

export interface RenderInkOptions {
  /** Terminal width; ink-testing-library is fixed at 100, so other widths are applied after mount. */
  readonly columns?: number;
  /** Terminal height (ink-testing-library has none; screens then assume 24). */
  readonly rows?: number;
}

export interface InkHarness extends ReturnType<typeof render> {
  /** The last frame without colour codes ('' before the first frame). */
  frame(): string;
  /** Writes keys one at a time, letting React flush between them. */
  press(...keys: string[]): Promise<void>;
  /** Resolves when the frame contains `text` (or matches it); rejects with the last frame on timeout. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(() => setTimeout(resolve, 0)));

/**
 * Our single entry point for Ink component tests. Tests never import ink-testing-library directly,
 * so the harness can be swapped (xterm-based, say) without touching them.
 */
export function renderInk(tree: ReactElement, options: RenderInkOptions = {}): InkHarness {
  const instance = render(tree);
  const resized = (options.columns !== undefined && options.columns !== instance.stdout.columns) || options.rows;
  if (options.columns !== undefined) {
    const columns = options.columns;
    Object.defineProperty(instance.stdout, 'columns', {configurable: true, get: () => columns});
  }
  if (options.rows !== undefined) {
    const rows = options.rows;
    Object.defineProperty(instance.stdout, 'rows', {configurable: true, get: () => rows});
  }
  if (resized) {
    instance.stdout.emit('resize');
    instance.rerender(tree);
  }
  const frame = (): string => stripAnsi(instance.lastFrame() ?? '');
  return {
    ...instance,
    frame,
    async press(...keys) {
      await tick();
      for (const key of keys) {
        instance.stdin.write(key);
        await tick();
      }
    },
    async waitFor(text, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      const matches = (value: string): boolean => (typeof text === 'string' ? value.includes(text) : text.test(value));
      while (Date.now() < deadline) {
        const current = frame();
        if (matches(current)) return current;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`Timed out waiting for ${String(text)}. Last frame:\n${frame()}`);
    },
  };
}
