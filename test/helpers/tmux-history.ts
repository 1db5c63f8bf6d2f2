import {execFileSync} from 'node:child_process';
import type {TmuxSession} from './tmux.js';

/** Everything the pane ever showed (scrollback included), not just the visible screen. */
export function paneHistory(session: TmuxSession): string {
  return execFileSync('tmux', ['-L', session.socket, 'capture-pane', '-p', '-J', '-S', '-', '-t', session.name], {encoding: 'utf8'});
}
