import {type ChildProcessWithoutNullStreams, execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {track} from './cleanup.js';

/**
 * A program in a tmux pane of a fixed size, watched through a tmux control-mode client: tmux tells
 * us (`%output`) the moment the program writes, and we then read the screen (`capture-pane`). So a
 * frame is timed when the program wrote it, not when a poll happened to look; both tools (ours and
 * k9s) run in the same kind of terminal, so tmux's own cost is the same on both sides.
 *
 * The program starts only on start(): the pane first runs `read`, so the clock starts with the
 * keypress that lets it exec, not with tmux's own start-up.
 */
export interface TerminalOptions {
  readonly columns: number;
  readonly rows: number;
  /** Environment of the program (the tmux server gets exactly this, plus TERM from tmux). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

interface Waiter {
  readonly test: (screen: string) => boolean;
  readonly resolve: (at: number) => void;
}

export class Terminal {
  readonly socket = `buntime-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  private control: ChildProcessWithoutNullStreams | undefined;
  private readonly replies: Array<(lines: string[]) => void> = [];
  private block: string[] | undefined;
  /** hrtime (ms) of the newest %output tmux reported. */
  private lastOutput = 0;
  private capturing = false;
  private again = false;
  private waiters: Waiter[] = [];
  private untrack: (() => void) | undefined;
  /** Last screen read (plain text, one line per row). */
  screen = '';

  constructor(
    private readonly command: string,
    private readonly options: TerminalOptions,
  ) {}

  private tmux(args: readonly string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
      env: {...this.options.env},
    });
  }

  /** Creates the pane (program not started yet) and attaches the control client. */
  async open(): Promise<void> {
    this.untrack = track(() => this.kill());
    const script = `read _ && exec ${this.command}`;
    this.tmux([
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(this.options.columns),
      '-y',
      String(this.options.rows),
      ...(this.options.cwd ? ['-c', this.options.cwd] : []),
      'sh',
      '-c',
      script,
    ]);
    this.tmux(['set-option', '-g', 'remain-on-exit', 'on']);
    this.tmux(['set-option', '-g', 'window-size', 'manual']);
    const control = spawn('tmux', ['-L', this.socket, '-f', '/dev/null', '-C', 'attach', '-t', 'main'], {
      env: {...this.options.env},
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.control = control;
    const lines = createInterface({input: control.stdout});
    lines.on('line', (line) => this.onLine(line));
    // The attach itself answers with one %begin/%end block.
    await new Promise<void>((resolve) => this.replies.push(() => resolve()));
  }

  private onLine(line: string): void {
    if (this.block) {
      if (line.startsWith('%end ') || line.startsWith('%error ')) {
        const block = this.block;
        this.block = undefined;
        this.replies.shift()?.(block);
      } else this.block.push(line);
      return;
    }
    if (line.startsWith('%begin ')) {
      this.block = [];
      return;
    }
    if (line.startsWith('%output ')) {
      this.lastOutput = performance.now();
      if (this.waiters.length > 0) void this.capture();
    }
  }

  private send(command: string): Promise<string[]> {
    return new Promise((resolve) => {
      this.replies.push(resolve);
      this.control?.stdin.write(`${command}\n`);
    });
  }

  /** Reads the screen after the newest output; re-reads if more output came while reading. */
  private async capture(): Promise<void> {
    if (this.capturing) {
      this.again = true;
      return;
    }
    this.capturing = true;
    try {
      do {
        this.again = false;
        const at = this.lastOutput;
        this.screen = (await this.send('capture-pane -p -t main')).join('\n');
        for (const waiter of [...this.waiters]) {
          if (waiter.test(this.screen)) {
            this.waiters = this.waiters.filter((item) => item !== waiter);
            waiter.resolve(at);
          }
        }
      } while (this.again && this.waiters.length > 0);
    } finally {
      this.capturing = false;
    }
  }

  /** Lets the program start; returns the clock (ms, performance.now) at that moment. */
  start(): number {
    const at = performance.now();
    this.tmux(['send-keys', '-t', 'main', 'Enter']);
    return at;
  }

  /**
   * Resolves with the time (performance.now) of the output that produced the first screen matching
   * `test`; rejects after `timeoutMs` with the screen as it was.
   */
  waitFor(what: string, test: (screen: string) => boolean, timeoutMs = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((item) => item !== waiter);
        reject(new Error(`no frame showing ${what} within ${timeoutMs / 1000} s; screen:\n${this.screen}`));
      }, timeoutMs);
      const waiter: Waiter = {
        test,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      this.waiters.push(waiter);
      void this.capture();
    });
  }

  /** Types tmux key names into the pane ('q', 'Enter'). */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'main', ...keys]);
  }

  /** Resolves when the program has exited (the pane stays, remain-on-exit). */
  async waitExit(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.tmux(['display-message', '-p', '-t', 'main', '#{pane_dead}']).trim() !== '1') {
      if (Date.now() > deadline) throw new Error(`the program did not exit within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The pid of the program in the pane (it exec'd, so this is the tool itself). */
  pid(): number {
    return Number(this.tmux(['display-message', '-p', '-t', 'main', '#{pane_pid}']).trim());
  }

  /** Stops the program and the tmux server (synchronous, so it also works from an exit handler). */
  kill(): void {
    try {
      this.control?.kill('SIGKILL');
    } catch {
      // Gone already.
    }
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], {stdio: 'ignore'});
    } catch {
      // No server left.
    }
    // A killed server can leave its socket file behind.
    rmSync(join(tmpdir(), `tmux-${process.getuid?.() ?? 0}`, this.socket), {force: true});
  }

  close(): void {
    this.kill();
    this.untrack?.();
  }
}
