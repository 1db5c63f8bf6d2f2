/**
 * The wizard's "Export for GitOps" in a real terminal, without a cluster: the same questions and
 * Review as an install, then the engine, the directory and the chart source are asked, and the
 * export is written with the credentials in a 0600 file outside it (never on screen).
 */
import {mkdtemp, readFile, readdir, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse, parseAllDocuments} from 'yaml';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {paneHistory} from '../helpers/tmux-history.js';
import {TmuxSession} from '../helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');

describe('wizard: Export for GitOps, driven in a real terminal', () => {
  let tmux: TmuxSession | undefined;
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'buntime-export-tty-'));
  });
  afterEach(async () => {
    tmux?.stop();
    await rm(home, {recursive: true, force: true});
  });

  it('Start → questions → Review → Flux with the bundled chart; no secret on screen or in the export', async () => {
    tmux = new TmuxSession();
    tmux.start(
      `env -u CI -u CONTINUOUS_INTEGRATION -u KUBECONFIG HOME=${home} PATH=/usr/bin:/bin node ${CLI} --namespace zomme`,
      {cwd: home, columns: 100, rows: 50, env: {FORCE_COLOR: '0'}},
    );
    await tmux.waitFor('What do you want to do?');
    tmux.send(['Down', 'Enter']); // Offline the default is Render only; Export for GitOps is next.
    await tmux.waitFor('Preset');
    tmux.send(['Enter']);
    await tmux.waitFor('Ingress Hostname');
    tmux.type('buntime.example.com');
    tmux.send(['Enter']);
    for (const label of ['Enable HTTPS', 'Service Type', 'Runtime pods']) {
      await tmux.waitFor(label);
      tmux.send(['Enter']);
    }
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
    await tmux.waitFor(/Export for GitOps(, accepting \d+ warning\(s\))?\?/);
    tmux.type('y');
    tmux.send(['Enter']);
    await tmux.waitFor('Export for which GitOps engine?');
    tmux.send(['Enter']); // Flux
    await tmux.waitFor('Directory to write the export into');
    tmux.send(['Enter']); // gitops/buntime
    await tmux.waitFor('Where does the engine take the chart from?');
    tmux.send(['Enter']); // the bundled chart
    expect(await tmux.exitCode(30_000)).toBe(0);

    const dir = join(home, 'gitops/buntime');
    expect((await readdir(dir)).sort()).toEqual(['README.md', 'chart', 'helmrelease.yaml', 'kustomization.yaml']);
    const [release] = parseAllDocuments(await readFile(join(dir, 'helmrelease.yaml'), 'utf8')).map((doc) => doc.toJS());
    expect(release.spec.values).toMatchObject({
      ingress: {host: 'buntime.example.com'},
      buntime: {existingSecret: 'buntime-credentials'},
    });
    expect(release.spec.chart.spec.chart).toBe('./gitops/buntime/chart');
    const credentials = join(home, 'buntime.credentials.yaml');
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    const rootKey = (parse(await readFile(credentials, 'utf8')) as {data: Record<string, string>}).data[
      'RUNTIME_ROOT_KEY'
    ];
    expect(rootKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const screen = paneHistory(tmux);
    expect(screen).toContain('Wrote the Flux export');
    expect(screen).toContain('secrets apply --kube-context');
    expect(screen).not.toContain(rootKey);
    for (const name of ['helmrelease.yaml', 'kustomization.yaml', 'README.md'])
      expect(await readFile(join(dir, name), 'utf8')).not.toContain(rootKey);
  });
});
