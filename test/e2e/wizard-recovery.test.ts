/**
 * The release-state guardian on the real cluster: a helm killed with SIGKILL mid-upgrade leaves the
 * release in pending-upgrade (helm refuses everything after that). The Start screen says so, offers
 * recovery first, and the recovery (rollback to the last good revision) makes it deployed again.
 * Also checks what the Start screen learns from the cluster (inspectCluster) against the harness.
 */
import {spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectCluster} from '../../src/adapters/kube/cluster-info.js';
import {createNamespace, getCluster, helm, setNodeCount, waitFor} from '../cluster/harness.js';
import {paneHistory} from '../helpers/tmux-history.js';
import {TmuxSession} from '../helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');
const CHART = join(ROOT, 'charts', 'buntime');

describe.each([3, 4] as const)('stuck release recovery with helm %i', (major) => {
  let namespace: string;
  let home: string;
  let tmux: TmuxSession | undefined;
  beforeAll(async () => {
    await setNodeCount(2);
    namespace = await createNamespace(`recover-helm${major}`);
    home = await mkdtemp(join(tmpdir(), 'buntime-recover-'));
  });
  afterAll(async () => {
    tmux?.stop();
    await rm(home, {recursive: true, force: true});
  });

  it('the Start screen facts match the cluster', async () => {
    const cluster = getCluster();
    const info = await inspectCluster({env: {KUBECONFIG: cluster.kubeconfig, HOME: home}, namespace});
    if (!info.online) throw new Error(`offline: ${info.reason}`);
    expect(info.serverVersion).toMatch(/^v1\.36\./);
    expect(info.nodes).toEqual({total: 2, ready: 2});
    expect(info.namespace).toEqual({name: namespace, exists: true});
    const classes = Object.fromEntries(info.storageClasses.map((sc) => [sc.name, sc]));
    expect(classes['local-path']?.isDefault).toBe(true);
    expect(classes['nfs']?.provisioner).toBe('nfs.csi.k8s.io');
    expect(info.clusterIssuers.installed).toBe(true);
    const missing = await inspectCluster({
      env: {KUBECONFIG: cluster.kubeconfig, HOME: home},
      namespace: 'does-not-exist-here',
    });
    expect(missing.online && missing.namespace.exists).toBe(false);
  });

  it('a helm killed mid-upgrade leaves pending-upgrade; the wizard offers and runs the rollback', async () => {
    const cluster = getCluster();
    const helmPath = major === 3 ? cluster.helm3 : cluster.helm4;
    const env = {...process.env, KUBECONFIG: cluster.kubeconfig, HOME: home};
    await helm(major, [
      'upgrade',
      '--install',
      'buntime',
      CHART,
      '-n',
      namespace,
      '--wait',
      '--timeout',
      '2m',
      '--set',
      'buntime.existingSecret=none',
    ]);
    // An upgrade that waits forever (the image never pulls), killed the hard way: no chance to clean up.
    const stuck = spawn(
      helmPath,
      [
        'upgrade',
        'buntime',
        CHART,
        '-n',
        namespace,
        '--wait',
        '--timeout',
        '5m',
        '--set',
        'image.repository=unpullable.invalid/buntime',
        '--set',
        'buntime.existingSecret=none',
      ],
      {env, stdio: 'ignore'},
    );
    await waitFor(
      'pending-upgrade',
      async () =>
        (await helm(major, ['history', 'buntime', '-n', namespace, '-o', 'json'])).includes('pending-upgrade'),
      60_000,
    );
    stuck.kill('SIGKILL');
    await new Promise((resolve) => stuck.once('exit', resolve));

    tmux = new TmuxSession();
    tmux.start(
      `env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} --namespace ${namespace} --release buntime --timeout 2m`,
      {
        cwd: home,
        columns: 100,
        rows: 60,
        env: {
          KUBECONFIG: cluster.kubeconfig,
          PATH: cluster.env['PATH'] ?? '',
          HOME: home,
          BUNTIME_DEPLOY_HELM: helmPath,
          FORCE_COLOR: '0',
        },
      },
    );
    await tmux.waitFor('What do you want to do?', 60_000);
    const start = tmux.screen().replace(/\s+/g, ' ');
    expect(start).toContain('pending-upgrade');
    expect(start).toContain('helm refuses changes until it is recovered');
    expect(start).toContain('❯ Recover the stuck release');
    expect(start).toContain('(stuck in pending-upgrade)');
    tmux.send(['Enter']);
    await tmux.waitFor('Roll back to revision 1?');
    expect(paneHistory(tmux)).toContain('helm rollback buntime 1');
    tmux.type('y');
    tmux.send(['Enter']);
    const code = await tmux.exitCode(180_000);
    const screen = paneHistory(tmux).replace(/\s+/g, ' ');
    expect(code).toBe(0);
    expect(screen).toContain('Recovered: buntime is no longer stuck');
    expect(screen).toMatch(/Release rev 3 · deployed/);
    const history = JSON.parse(await helm(major, ['history', 'buntime', '-n', namespace, '-o', 'json'])) as Array<{
      revision: number;
      status: string;
    }>;
    expect(history.at(-1)).toMatchObject({revision: 3, status: 'deployed'});
    tmux.stop();
  });
});
