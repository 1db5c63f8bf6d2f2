import type {ReactElement} from 'react';
import {CancelledError} from '../core/errors.js';
import {afterInk, beforeInk, type HandoffStdin} from './handoff.js';

export interface InkIo {
  readonly stdin: NodeJS.ReadableStream & HandoffStdin & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};
  readonly stdout: NodeJS.WritableStream & {columns?: number};
  readonly stderr: NodeJS.WritableStream;
}

/**
 * Mounts an Ink tree until it calls `finish(value)`, then unmounts and pauses stdin (the next
 * prompt refs and resumes it; nothing keeps the process alive once the run is over). Ctrl-C is NOT handled by Ink (exitOnCtrlC: false): screens that read keys handle it
 * themselves; screens that do not read keys leave the terminal cooked, so Ctrl-C is a real SIGINT
 * that aborts the run (and kills helm).
 */
export async function runInk<T>(
  io: InkIo,
  build: (finish: (value: T) => void) => ReactElement,
  options: {
    /**
     * For screens that wait for the user (menus): a SIGINT/SIGTERM (the entry aborts this signal)
     * closes the screen with CancelledError. Screens whose work already stops on the signal (helm
     * applies) leave it out, so they can report the release state before they finish.
     */
    readonly cancelOn?: AbortSignal;
  } = {},
): Promise<T> {
  const {render} = await import('ink');
  beforeInk(io.stdin);
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const done = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  const onAbort = (): void => reject(new CancelledError('Interrupted; nothing was changed.'));
  if (options.cancelOn?.aborted) onAbort();
  options.cancelOn?.addEventListener('abort', onAbort, {once: true});
  const instance = render(build(resolve), {
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  try {
    return await done;
  } finally {
    options.cancelOn?.removeEventListener('abort', onAbort);
    instance.unmount();
    await instance.waitUntilExit();
    afterInk(io.stdin);
  }
}

/** A screen rendered once, as text at `columns` (no live updates, no input). */
export async function renderText(element: ReactElement, columns: number): Promise<string> {
  const {renderToString} = await import('ink');
  return renderToString(element, {columns});
}
