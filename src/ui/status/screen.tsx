import {render} from 'ink';
import type {StatusStore} from '../../core/status/store.js';
import {StatusApp, type StatusActions} from './StatusApp.js';

export type {StatusActions} from './StatusApp.js';

export interface StatusScreenOptions {
  readonly store: StatusStore;
  readonly actions: StatusActions;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  /** Aborting it (Ctrl-C from the entry's signal handler) closes the screen. */
  readonly signal?: AbortSignal;
}

/**
 * Mounts the live screen until the user quits (q or Ctrl-C) or the signal aborts; resolves 0.
 * Ctrl-C is handled by the screen itself (exitOnCtrlC off) so the feed can be stopped cleanly.
 */
export async function runStatusScreen(options: StatusScreenOptions): Promise<number> {
  // Ink → after inquirer: stdin may be paused (style-anchors §7.4).
  (options.stdin as NodeJS.ReadStream).resume?.();
  const instance = render(<StatusApp store={options.store} actions={options.actions} />, {
    stdin: options.stdin as NodeJS.ReadStream,
    stdout: options.stdout as NodeJS.WriteStream,
    ...(options.stderr ? {stderr: options.stderr as NodeJS.WriteStream} : {}),
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const onAbort = (): void => instance.unmount();
  options.signal?.addEventListener('abort', onAbort, {once: true});
  try {
    await instance.waitUntilExit();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return 0;
}
