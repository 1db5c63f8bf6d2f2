import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = 'test/tty/fixtures/handoff.tsx';

describe('Ink and inquirer take turns on one stdin (real pty)', () => {
  let tmux: TmuxSession | undefined;
  afterEach(() => tmux?.stop());

  function start(mode: string): TmuxSession {
    const session = new TmuxSession();
    // The runner may export CI (vitest sets CI='', CI runs set CI=true); Ink then renders only the
    // last frame, as in a log. A person at a terminal has no CI, so neither does this pty.
    session.start(`env -u CI -u CONTINUOUS_INTEGRATION node --import tsx ${FIXTURE} ${mode}`, {
      cwd: ROOT,
      columns: 60,
      rows: 20,
      env: {FORCE_COLOR: '0'},
    });
    return session;
  }

  it('prompt → Ink with keys → prompt, both hand-overs work', async () => {
    tmux = start('real');
    await tmux.waitFor('First prompt');
    tmux.send(['Down', 'Enter']);
    // Ink reads keys after the prompt (direction 1: inquirer left stdin paused).
    await tmux.waitFor('↑/↓ move');
    tmux.send(['Down', 'Enter']);
    // A prompt after Ink (direction 2: Ink left stdin unref'd).
    await tmux.waitFor('Last prompt');
    tmux.type('done');
    tmux.send(['Enter']);
    const screen = await tmux.waitFor('ANSWERS');
    expect(screen).toContain('ANSWERS two,beta,done');
    // Nothing (a resumed stdin, a live handle) keeps the process alive after the last screen.
    expect(await tmux.exitCode()).toBe(0);
  });

  it('control: without the hand-off the process ends under the user (the test can fail)', async () => {
    tmux = start('broken');
    await tmux.waitFor('First prompt');
    tmux.send(['Down', 'Enter']);
    const code = await tmux.exitCode(20_000);
    const screen = tmux.screen();
    // The Ink menu never got a key, and nothing reached the last prompt.
    expect(screen).not.toContain('ANSWERS two,beta,done');
    expect(code).toBe(0);
  });
});
