/**
 * The built CLI (bin/buntime-deploy.js → dist/) as a person meets it: its first screen in a real
 * terminal, quitting, being interrupted, and refusing to prompt when there is no terminal.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';
import {scratchDir} from '../helpers/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string}).version;

describe('the built CLI in a terminal', () => {
  let tmux: TmuxSession | undefined;
  afterEach(() => tmux?.stop());

  function startWizard(columns = 100): void {
    const home = scratchDir('bd-startup-');
    tmux = new TmuxSession();
    // No kubeconfig and no helm: the first screen must still come up, offline.
    tmux.start(`env -u CI -u CONTINUOUS_INTEGRATION -u KUBECONFIG HOME=${home} PATH=/usr/bin:/bin node ${CLI}`, {
      cwd: home,
      columns,
      rows: 40,
    });
  }

  it.each([100, 60])('shows the start screen first (%i columns)', async (columns) => {
    startWizard(columns);
    const screen = await tmux!.waitFor('What do you want to do?');
    expect(screen).toContain('buntime-deploy');
    expect(screen).toMatch(/Cluster\s+offline/);
    expect(screen).toMatch(/Helm\s+not found/);
    expect(screen).toContain('Render only');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
  });

  it('q quits without changing anything (exit 0)', async () => {
    startWizard();
    await tmux!.waitFor('What do you want to do?');
    tmux!.send(['q']);
    expect(await tmux!.exitCode()).toBe(0);
    expect(tmux!.screen()).toContain('Nothing changed.');
  });

  it('SIGTERM at the start screen ends the run with 130 and says nothing changed', async () => {
    startWizard();
    await tmux!.waitFor('What do you want to do?');
    process.kill(tmux!.childPid('node'), 'SIGTERM');
    expect(await tmux!.exitCode()).toBe(130);
    expect(tmux!.screen()).toContain('Interrupted; nothing was changed.');
  });
});

describe('the built CLI without a terminal', () => {
  it('refuses to prompt and names the flags to pass (exit 2)', () => {
    const result = spawnSync('node', [CLI], {
      encoding: 'utf8',
      input: '',
      env: {PATH: process.env['PATH'], HOME: scratchDir('bd-startup-')},
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(result.stderr).toMatch(/render/);
    expect(result.stdout).toBe('');
  });

  it('prints the package version', () => {
    expect(execFileSync('node', [CLI, '--version'], {encoding: 'utf8'})).toBe(`${VERSION}\n`);
  });
});
