import type {ReactElement} from 'react';
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
export async function runInk<T>(io: InkIo, build: (finish: (value: T) => void) => ReactElement): Promise<T> {
  const {render} = await import('ink');
  beforeInk(io.stdin);
  let resolve!: (value: T) => void;
  const done = new Promise<T>((settle) => (resolve = settle));
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
    instance.unmount();
    await instance.waitUntilExit();
    afterInk(io.stdin);
  }
}

/** Prints a screen once (no live updates, no input) at the terminal width; works in pipes too. */
export async function printScreen(io: Pick<InkIo, 'stdout'>, element: ReactElement, columns?: number): Promise<void> {
  const {renderToString} = await import('ink');
  const width = columns ?? io.stdout.columns ?? 80;
  io.stdout.write(`${renderToString(element, {columns: width})}\n`);
}
