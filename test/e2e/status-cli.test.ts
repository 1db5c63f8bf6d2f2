import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {getCluster, setPodLogs} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';
import {TmuxSession, shellQuote} from '../helpers/tmux.js';
import {createStatusRelease, uploadSnapshots, type StatusRelease} from './status-fixture.js';

// `buntime-deploy status` end to end: the snapshot modes in-process through main(), and the live
// screen of the built CLI driven in tmux as a person would, against the real cluster.
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'buntime-deploy.js');

function env(): Record<string, string> {
  return {KUBECONFIG: getCluster().kubeconfig};
}

async function status(release: StatusRelease, ...flags: string[]): Promise<{code: number; out: string; err: string}> {
  const io = captureIo({env: env()});
  const code = await main(['status', '-n', release.namespace, '--release', 'buntime', ...flags], io);
  return {code, out: io.out(), err: io.err()};
}

describe('status snapshots (not a terminal)', () => {
  let good: StatusRelease;
  let badToken: StatusRelease;
  beforeAll(async () => {
    [good, badToken] = await Promise.all([
      createStatusRelease({prefix: 'status-json'}),
      createStatusRelease({
        prefix: 'status-401',
        adminToken: 'the-real-admin-token',
        secretToken: 'a-stale-admin-token',
      }),
    ]);
    await uploadSnapshots(good, 'api-keys', ['20260101T020000Z']);
  });
  afterAll(async () => {
    await good?.close();
    await badToken?.close();
  });
  afterEach(() => good?.double.setDelay(0));

  it('prints the model as JSON and exits 0 when healthy', async () => {
    const result = await status(good, '--json');
    expect(result.err).toBe('');
    const json = JSON.parse(result.out);
    expect(json.health.level).toBe('healthy');
    expect(result.code).toBe(0);
    expect(json.pods.runtime.map((p: {name: string; status: string}) => [p.name, p.status])).toEqual([
      ['buntime-0', 'Running'],
      ['buntime-1', 'Running'],
    ]);
    expect(json.namespaces.map((n: {name: string}) => n.name)).toEqual(['api-keys', 'runtime']);
    expect(json.backups.perNamespace).toMatchObject([{namespace: 'api-keys', count: 1}]);
    expect(result.out).not.toContain(good.adminToken);
  });

  it('prints readable text without a terminal', async () => {
    const result = await status(good);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Release buntime in ${good.namespace}`);
    expect(result.out).toContain('buntime-0  1/1  Running');
    expect(result.out).toContain('api-keys  explicit, locked');
  });

  it('explains a rejected admin token in both modes, and exits 1', async () => {
    const text = await status(badToken);
    expect(text.code).toBe(1);
    expect(text.out).toContain('✖ admin: turso-server admin API rejected the admin token (401 Unauthorized).');
    expect(text.out).toContain(
      `Hint: The token is read from Secret ${badToken.namespace}/buntime-turso, key TURSO_ADMIN_TOKEN`,
    );
    expect(text.out).not.toContain('a-stale-admin-token');
    const json = await status(badToken, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).sources.admin).toMatchObject({
      state: 'error',
      message: 'turso-server admin API rejected the admin token (401 Unauthorized).',
    });
  });

  it('explains an admin API that does not answer, in both modes', async () => {
    good.double.setDelay(30_000);
    const text = await status(good);
    expect(text.code).toBe(1);
    expect(text.out).toContain('✖ admin: turso-server admin API did not answer within 5 s.');
    const json = await status(good, '--json');
    expect(JSON.parse(json.out).sources.admin.message).toBe('turso-server admin API did not answer within 5 s.');
  });
});

describe('the live screen in a real terminal (tmux)', () => {
  let release: StatusRelease;
  let badToken: StatusRelease;
  const sessions: TmuxSession[] = [];
  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts', 'ensure-debian-tools.sh'), 'tmux'], {stdio: 'inherit'});
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {cwd: ROOT, stdio: 'ignore'});
    [release, badToken] = await Promise.all([
      createStatusRelease({prefix: 'status-tmux'}),
      createStatusRelease({
        prefix: 'status-tmux-401',
        adminToken: 'the-real-admin-token',
        secretToken: 'a-stale-admin-token',
      }),
    ]);
    await setPodLogs({
      namespace: release.namespace,
      pods: ['buntime-0'],
      lines: ['booting buntime', 'listening on :8000'],
    });
  });
  afterAll(async () => {
    for (const session of sessions) session.stop();
    await release?.close();
    await badToken?.close();
  });

  function open(columns: number, target: StatusRelease = release): TmuxSession {
    const session = new TmuxSession();
    sessions.push(session);
    session.start(`node ${shellQuote(CLI)} status -n ${target.namespace} --release buntime`, {
      columns,
      rows: 40,
      env: env(),
    });
    return session;
  }

  it('shows the three panes, and the keys move, open details and logs, run a backup and quit', async () => {
    const tmux = open(100);
    const screen = await tmux.waitFor(/● live[\s\S]*buntime-1[\s\S]*api-keys[\s\S]*schedule 0 2 \* \* \*/, 30_000);
    expect(screen).toContain('▸ Pods');
    expect(screen).toContain('Turso namespaces');
    expect(screen).toContain('Backups');
    expect(screen).toContain('enter details · l logs · b backup · tab pane');
    expect(screen).toMatch(/\? keys · q quit\n/);

    tmux.send(['Enter']);
    await tmux.waitFor('Pod buntime-0 (runtime)');
    tmux.send(['Escape']);
    await tmux.waitFor('▸ Pods');
    tmux.type('l');
    await tmux.waitFor('listening on :8000');
    tmux.send(['Escape']);

    tmux.send(['Tab']);
    await tmux.waitFor('▸ Turso namespaces');
    tmux.send(['Down', 'Enter']);
    await tmux.waitFor('Namespace runtime');
    tmux.send(['Escape']);

    tmux.type('b');
    await tmux.waitFor('Run a backup now (a Job from buntime-turso-backup)? y/n');
    tmux.type('y');
    await tmux.waitFor(/Started backup job buntime-turso-backup-manual-\w+/);
    await tmux.waitFor(/job buntime-turso-backup-manual-\w+ \w+ \(manual\)/);

    tmux.type('q');
    expect(await tmux.exitCode()).toBe(0);
  });

  it('says why the namespaces are missing when the admin token is rejected, or the server is slow', async () => {
    const rejected = open(120, badToken);
    await rejected.waitFor('✖ turso-server admin API rejected the admin token (401 Unauthorized).', 30_000);
    rejected.type('q');
    expect(await rejected.exitCode()).toBe(0);

    release.double.setDelay(30_000);
    try {
      const slow = open(120);
      await slow.waitFor('✖ turso-server admin API did not answer within 5 s.', 30_000);
      slow.type('q');
      expect(await slow.exitCode()).toBe(0);
    } finally {
      release.double.setDelay(0);
    }
  });

  it('fits a 60-column terminal', async () => {
    const tmux = open(60);
    const screen = await tmux.waitFor(/● live[\s\S]*api-keys/, 30_000);
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(screen).toMatch(/enter details .*\? keys q quit\n/);
    tmux.send(['C-c']);
    expect(await tmux.exitCode()).toBe(0);
  });
});
