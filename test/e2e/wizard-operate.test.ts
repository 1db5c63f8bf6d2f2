/**
 * Day 2 as a person does it, in tmux on the real cluster (helm 4): the Start screen of a deployed
 * release shows what helm status says and offers history and rollback (a picker over the revisions,
 * the labelled diff, then the rollback), the live screen's `l` follows a pod's log as lines are
 * appended and searches it with `/`, and uninstall deletes the data only after the release name is
 * typed (a wrong name changes nothing).
 */
import {writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {main} from '../../src/cli.js';
import {createNamespace, getCluster, helm, kube, setNodeCount, setPodLogs} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';
import {paneHistory} from '../helpers/tmux-history.js';
import {throughPager, TmuxSession} from '../helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');

describe('operate in the terminal (helm 4)', () => {
  let namespace: string;
  let home: string;
  let tmux: TmuxSession | undefined;

  beforeAll(async () => {
    await setNodeCount(1);
    namespace = await createNamespace('operate-tty');
    home = scratchDir('buntime-operate-tty-');
    await writeFile(
      join(home, 'nfs.yaml'),
      stringify({
        persistence: {
          plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
          apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
        },
      }),
    );
    const cluster = getCluster();
    const cli = async (argv: string[]): Promise<void> => {
      const io = captureIo({
        cwd: home,
        env: {KUBECONFIG: cluster.kubeconfig, HOME: home, BUNTIME_DEPLOY_HELM: cluster.helm4},
      });
      const code = await main([...argv, '--namespace', namespace, '--yes', '--timeout', '2m'], io);
      if (code !== 0) throw new Error(`${argv.join(' ')} failed: ${io.err()}`);
    };
    await cli(['install', '-f', 'nfs.yaml']);
    await cli(['upgrade', '--set', 'buntime.logLevel=debug']);
  });
  afterAll(() => tmux?.stop());

  function start(command = ''): TmuxSession {
    const cluster = getCluster();
    tmux?.stop();
    tmux = new TmuxSession();
    const timeout = command === 'status' ? '' : ' --timeout 2m';
    tmux.start(`env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} ${command} --namespace ${namespace}${timeout}`, {
      cwd: home,
      columns: 100,
      rows: 50,
      env: {
        KUBECONFIG: cluster.kubeconfig,
        PATH: cluster.env['PATH'] ?? '',
        HOME: home,
        BUNTIME_DEPLOY_HELM: cluster.helm4,
        BUNTIME_DEPLOY_STATE_DIR: join(home, 'state'),
        FORCE_COLOR: '0',
      },
    });
    return tmux;
  }

  it('Start → History and rollback: pick revision 1, read the diff, roll back', async () => {
    const session = start();
    const first = (await session.waitFor('What do you want to do?', 60_000)).replace(/\s+/g, ' ');
    expect(first).toMatch(/buntime rev 2 · deployed · chart \d+\.\d+\.\d+/);
    expect(first).toContain('Upgrade complete');
    expect(first).toContain('History and rollback');
    session.send(['Down', 'Down', 'Down', 'Enter']); // Upgrade (default) → Live status → Restore → History and rollback
    const picker = await session.waitFor('Roll back to which revision?');
    expect(picker).toMatch(/REVISION\s+UPDATED\s+STATUS\s+CHART/);
    expect(picker).toMatch(/2\*.*deployed.*Upgrade complete \(current\)/);
    expect(picker).toMatch(/❯ 1 .*superseded.*Install complete/);
    session.send(['Enter']);
    await throughPager(session, /Roll buntime back to revision 1\?/);
    const review = paneHistory(session);
    expect(review).toContain('Changes to the live release (revision 2 → 1)');
    expect(review).toContain('data.RUNTIME_LOG_LEVEL: debug → info');
    expect(review).toContain('helm rollback buntime 1 --namespace');
    session.type('y');
    session.send(['Enter']);
    await throughPager(session, /\[exit \d+\]/, 120_000);
    expect(await session.exitCode()).toBe(0);
    expect(paneHistory(session).replace(/\s+/g, ' ')).toContain('is back at revision 1');
    const history = JSON.parse(await helm(4, ['history', 'buntime', '-n', namespace, '-o', 'json'])) as Array<{
      revision: number;
      description: string;
    }>;
    expect(history.at(-1)).toMatchObject({revision: 3, description: 'Rollback to 1'});
  });

  it('the live screen: l follows the log as lines are appended, / finds a line', async () => {
    const logs = await setPodLogs({namespace, pods: ['buntime-0'], lines: ['starting buntime', 'listening on :8000']});
    const session = start('status');
    await session.waitFor(/buntime-0\s+1\/1/, 60_000);
    session.send(['l']);
    await session.waitFor('listening on :8000');
    expect(session.screen()).toContain('Logs of buntime-0 (following;');
    await logs.append(['GET /_/api/health/ready 200', 'GET /cpanel 200']);
    await session.waitFor('GET /cpanel 200');
    session.type('/');
    await session.waitFor('Search the log for:');
    session.type('starting');
    session.send(['Enter']);
    const found = await session.waitFor('/starting: line 1 of 4');
    expect(found).toContain('starting buntime');
    session.send(['Escape']);
    session.send(['Escape']);
    await session.waitFor('Turso namespaces');
    session.send(['q']);
    expect(await session.exitCode()).toBe(0);
  });

  it('Start → Uninstall → delete the data: a wrong name changes nothing, the release name deletes it', async () => {
    const {core} = await kube();
    const claims = async (): Promise<string[]> =>
      (await core.listNamespacedPersistentVolumeClaim({namespace})).items
        .map((claim) => claim.metadata?.name ?? '')
        .sort();
    expect(await claims()).toEqual(['buntime-apps', 'buntime-plugins', 'state-buntime-0', 'turso-buntime-0']);
    for (const typed of ['buntlme', 'buntime']) {
      const session = start();
      await session.waitFor('What do you want to do?', 60_000);
      // Upgrade → status → restore → history → restart → plugins → uninstall
      session.send(['Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Enter']);
      await session.waitFor('Uninstall: what happens to the data?');
      session.send(['Down', 'Enter']);
      await throughPager(session, /Type the release name \(buntime\) to confirm:/);
      const plan = paneHistory(session);
      expect(plan).toContain('Data claims (4), DELETED (--delete-data):');
      expect(plan).toMatch(/✖ buntime-plugins 5Gi nfs ReadWriteMany/);
      expect(plan).toContain('✖ buntime-credentials (RUNTIME_ROOT_KEY)');
      session.type(typed);
      session.send(['Enter']);
      await throughPager(session, /\[exit \d+\]/, 120_000);
      const code = await session.exitCode();
      if (typed === 'buntlme') {
        expect(code).toBe(130);
        expect(await claims()).toHaveLength(4);
        expect(await helm(4, ['list', '-n', namespace, '-q'])).toContain('buntime');
      } else {
        expect(code).toBe(0);
        expect(paneHistory(session).replace(/\s+/g, ' ')).toContain('buntime is uninstalled, its data deleted');
      }
    }
    expect(await claims()).toEqual([]);
    await expect(core.readNamespacedSecret({namespace, name: 'buntime-credentials'})).rejects.toMatchObject({
      code: 404,
    });
  });
});
