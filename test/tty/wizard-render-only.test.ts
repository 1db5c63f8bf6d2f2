import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {throughPager, TmuxSession} from '../helpers/tmux.js';
import {paneHistory} from '../helpers/tmux-history.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');

describe('wizard without a cluster (render-only), driven in a real terminal', () => {
  let tmux: TmuxSession | undefined;
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'buntime-wizard-tty-'));
  });
  afterEach(async () => {
    tmux?.stop();
    await rm(home, {recursive: true, force: true});
  });

  it.each([100, 60])(
    'writes values + a 0600 secrets file and the helm command; the root key never reaches the screen (%i columns)',
    async (columns) => {
      tmux = new TmuxSession();
      // No kubeconfig, no helm on PATH: the wizard must still run, in render-only mode.
      tmux.start(
        `env -u CI -u CONTINUOUS_INTEGRATION -u KUBECONFIG HOME=${home} PATH=/usr/bin:/bin node ${CLI} --namespace zomme`,
        {cwd: home, columns, rows: 50, env: {FORCE_COLOR: '0'}},
      );
      await tmux.waitFor('What do you want to do?');
      expect(tmux.screen()).toContain('offline');
      tmux.send(['Enter']); // Render only is the default when offline.
      await tmux.waitFor('? Preset');
      tmux.send(['Enter']); // generic
      await tmux.waitFor('Ingress Hostname');
      tmux.type('buntime.example.com');
      tmux.send(['Enter']);
      await tmux.waitFor('Enable HTTPS');
      tmux.send(['Enter']);
      await tmux.waitFor('Service Type');
      tmux.send(['Enter']);
      await tmux.waitFor('Runtime pods');
      tmux.send(['Enter']);
      for (const label of [
        'Plugins Volume Access Mode',
        'Plugins Storage Class',
        'Apps Volume Access Mode',
        'Apps Storage Class',
        'In-cluster turso-server',
        'Change anything else?',
      ]) {
        await tmux.waitFor(label);
        tmux.send(['Enter']);
      }
      await throughPager(tmux, /Write the files/);
      tmux.type('y');
      tmux.send(['Enter']);
      await throughPager(tmux, /\[exit \d+\]/, 30_000);
      expect(await tmux.exitCode(30_000)).toBe(0);

      const values = parse(await readFile(join(home, 'buntime.values.yaml'), 'utf8')) as {ingress: {host: string}};
      expect(values.ingress.host).toBe('buntime.example.com');
      const secretsFile = join(home, 'buntime.values.secrets.yaml');
      expect((await stat(secretsFile)).mode & 0o777).toBe(0o600);
      const secrets = parse(await readFile(secretsFile, 'utf8')) as {buntime: {rootKey: string}};
      expect(secrets.buntime.rootKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const screen = paneHistory(tmux);
      expect(screen).toContain('helm upgrade --install buntime');
      expect(screen).toContain('buntime.values.secrets.yaml');
      expect(screen).not.toContain(secrets.buntime.rootKey);
      expect(await readFile(join(home, 'buntime.values.yaml'), 'utf8')).not.toContain(secrets.buntime.rootKey);
    },
  );

  it('refuses to run without a terminal and names the flags to use', async () => {
    tmux = new TmuxSession();
    tmux.start(`env -u CI HOME=${home} node ${CLI} < /dev/null`, {cwd: home, columns: 100, rows: 20});
    expect(await tmux.exitCode(20_000)).toBe(2);
    const screen = tmux.screen();
    expect(screen).toContain('The wizard needs a terminal');
    expect(screen).toContain('--yes');
  });
});
