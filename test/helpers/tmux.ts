import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';

/**
 * Drives a real terminal the way a person would: tmux runs the program in a pseudo-terminal of a
 * given size, send-keys types, capture-pane reads the screen. Each session gets its own tmux server
 * socket so tests never touch a developer's tmux.
 */
export class TmuxSession {
  readonly socket = `buntime-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly name = 'main';
  private started = false;

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
  }

  /** Starts `command` (run by sh) in a detached session of `columns` x `rows`. */
  start(
    command: string,
    options: {columns?: number; rows?: number; env?: Record<string, string>; cwd?: string} = {},
  ): void {
    const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${shellQuote(value)}`);
    // remain-on-exit keeps the pane readable after the program ends, so exit screens can be asserted.
    const script = `${env.length ? `export ${env.join(' ')}; ` : ''}${command}; echo "[exit $?]"; sleep 3600`;
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(options.columns ?? 100),
      '-y',
      String(options.rows ?? 30),
      ...(options.cwd ? ['-c', options.cwd] : []),
      'sh',
      '-c',
      script,
    );
    this.started = true;
  }

  /** tmux key names ('Enter', 'Down', 'C-c') or literal text with {literal: true}. */
  send(keys: string[], options: {literal?: boolean} = {}): void {
    this.tmux('send-keys', '-t', this.name, ...(options.literal ? ['-l'] : []), ...keys);
  }

  type(text: string): void {
    this.send([text], {literal: true});
  }

  /**
   * The pid of the program the pane's shell started (its child named `name`), so a test signals
   * its own program and never a same-named one another test runs at the same time.
   */
  childPid(name: string): number {
    const shell = this.tmux('display-message', '-p', '-t', this.name, '#{pane_pid}').trim();
    const found = execFileSync('pgrep', ['-P', shell, '-x', name], {encoding: 'utf8'}).trim().split('\n')[0];
    const pid = Number(found);
    // pid 0 would signal our own process group: never let a parse slip turn into that.
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no ${name} under the pane's shell ${shell}`);
    return pid;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const matches = (value: string): boolean => (typeof text === 'string' ? value.includes(text) : text.test(value));
    let current = '';
    while (Date.now() < deadline) {
      current = this.screen();
      if (matches(current)) return current;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(text)}. Screen:\n${current}`);
  }

  /** The exit code printed when the program ends, waiting for it. */
  async exitCode(timeoutMs = 15_000): Promise<number> {
    const screen = await this.waitFor(/\[exit \d+\]/, timeoutMs);
    return Number(/\[exit (\d+)\]/.exec(screen)?.[1]);
  }

  stop(): void {
    if (!this.started) return;
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    this.started = false;
  }
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Waits for `next`, leaving a paged screen on the way: a Review or Result taller than the terminal
 * is shown a page at a time first (its hint says `enter continue` or `enter done`), then printed.
 */
export async function throughPager(tmux: TmuxSession, next: RegExp, timeoutMs = 60_000): Promise<string> {
  const pager = /enter (continue|done) · \? keys/;
  const screen = await tmux.waitFor(new RegExp(`${pager.source}|${next.source}`), timeoutMs);
  if (next.test(screen)) return screen;
  tmux.send(['Enter']);
  // One Enter per pager: wait until this one has closed before looking again.
  const deadline = Date.now() + timeoutMs;
  while (pager.test(tmux.screen()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return throughPager(tmux, next, timeoutMs);
}
