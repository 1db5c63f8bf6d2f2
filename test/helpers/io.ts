import {PassThrough} from 'node:stream';
import type {Io} from '../../src/context.js';
import {scratchDir} from './scratch.js';

// install/upgrade keep the values they apply under a state directory (adapters/applied-files.ts);
// tests point it at one scratch directory per test file instead of the user's ~/.local/state.
let stateDir: string | undefined;

export interface CapturedIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

/** In-memory streams for running commands in tests; not TTYs unless asked. */
export function captureIo(
  options: {env?: Record<string, string | undefined>; tty?: boolean; cwd?: string; input?: string} = {},
): CapturedIo {
  const stdout = Object.assign(new PassThrough(), {isTTY: options.tty ?? false, columns: 100});
  const stderr = Object.assign(new PassThrough(), {isTTY: options.tty ?? false});
  const stdin = Object.assign(new PassThrough(), {isTTY: options.tty ?? false});
  if (options.input !== undefined) stdin.end(options.input);
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    stdin,
    stdout,
    stderr,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      BUNTIME_DEPLOY_STATE_DIR: (stateDir ??= scratchDir('buntime-state-')),
      ...options.env,
    },
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
