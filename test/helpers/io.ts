import {PassThrough} from 'node:stream';
import type {Io} from '../../src/commands/context.js';

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
    env: {PATH: process.env['PATH'], HOME: process.env['HOME'], ...options.env},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
