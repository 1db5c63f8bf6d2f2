import {execFileSync} from 'node:child_process';
import type {TmuxSession} from './tmux.js';

/** Everything the pane ever showed (scrollback included), not just the visible screen. */
export function paneHistory(session: TmuxSession): string {
  return execFileSync('tmux', ['-L', session.socket, 'capture-pane', '-p', '-J', '-S', '-', '-t', session.name], {
    encoding: 'utf8',
  });
}

/**
 * Types text WITHOUT putting it on a command line: `send-keys -l secret` would show the secret in
 * the tmux client's argv, which is exactly what the secret-in-argv checks look for.
 */
export function typeHidden(session: TmuxSession, text: string): void {
  execFileSync('tmux', ['-L', session.socket, 'load-buffer', '-'], {input: text});
  execFileSync('tmux', ['-L', session.socket, 'paste-buffer', '-d', '-t', session.name]);
}
