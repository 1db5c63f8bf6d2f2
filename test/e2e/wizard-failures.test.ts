/**
 * Safe failure on the real local cluster, with helm 3 and helm 4: an image that cannot be pulled
 * (a kwok Stage gives pods of `unpullable.invalid/*` images ImagePullBackOff, as a kubelet would)
 * makes the install fail and roll back with the reason shown; Ctrl-C while helm waits leaves no
 * helm process behind and reports the release state.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createNamespace, getCluster, helm, kube, setNodeCount, waitFor} from '../cluster/harness.js';
import {processesOf} from '../helpers/procs.js';
import {paneHistory} from '../helpers/tmux-history.js';
import {TmuxSession} from '../helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');
const BAD_IMAGE = 'unpullable.invalid/buntime';

async function releaseExists(major: 3 | 4, release: string, namespace: string): Promise<boolean> {
  try {
    await helm(major, ['status', release, '-n', namespace]);
    return true;
  } catch (error) {
    if (String(error).includes('not found')) return false;
    throw error;
  }
}

describe.each([3, 4] as const)('safe failure with helm %i', (major) => {
  let home: string;
  let tmux: TmuxSession | undefined;
  beforeAll(async () => {
    await setNodeCount(1);
    home = await mkdtemp(join(tmpdir(), 'buntime-wizard-fail-'));
  });
  afterAll(async () => {
    tmux?.stop();
    await rm(home, {recursive: true, force: true});
  });

  function start(namespace: string, args: string): TmuxSession {
    const cluster = getCluster();
    const session = new TmuxSession();
    // `trap true INT`: the pane's sh survives Ctrl-C (as an interactive shell with job control would);
    // node and helm, in the foreground, get the SIGINT.
    session.start(
      `trap true INT; env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} install --namespace ${namespace} ${args}`,
      {
        cwd: home,
        columns: 100,
        rows: 60,
        env: {
          KUBECONFIG: cluster.kubeconfig,
          PATH: cluster.env['PATH'] ?? '',
          HOME: home,
          BUNTIME_DEPLOY_HELM: major === 3 ? cluster.helm3 : cluster.helm4,
          FORCE_COLOR: '0',
        },
      },
    );
    return session;
  }

  it('a bad image: the install fails, is rolled back, and the screen says why', async () => {
    const namespace = await createNamespace(`badimage-helm${major}`);
    tmux = start(namespace, `--set image.repository=${BAD_IMAGE} --set image.tag=1.0.0 --timeout 40s --yes`);
    const code = await tmux.exitCode(180_000);
    const screen = paneHistory(tmux);
    expect(code).toBe(1);
    expect(screen).toContain('The install of buntime failed');
    expect(screen).toContain('ImagePullBackOff');
    expect(screen).toContain('not installed (the failed install was removed)');
    expect(await releaseExists(major, 'buntime', namespace)).toBe(false);
    tmux.stop();
  });

  it('Ctrl-C while helm waits: no helm process is left and the release state is reported', async () => {
    const namespace = await createNamespace(`ctrlc-helm${major}`);
    const cluster = getCluster();
    const helmPath = major === 3 ? cluster.helm3 : cluster.helm4;
    tmux = start(namespace, `--set image.repository=${BAD_IMAGE} --timeout 5m --yes`);
    // Wait until helm is really running (and waiting for pods that will never be Ready).
    await waitFor(
      'helm to run',
      async () => processesOf(helmPath, {ancestor: 'any'}).some((proc) => proc.argv.includes(namespace)),
      120_000,
    );
    await tmux.waitFor('Ctrl-C stops helm safely', 60_000);
    tmux.send(['C-c']);
    const code = await tmux.exitCode(120_000);
    const screen = paneHistory(tmux);
    expect(code).toBe(130);
    expect(screen).toContain('was stopped');
    expect(screen).toMatch(/Release\s+(not installed|rev \d+ · \w+)/);
    expect(processesOf(helmPath, {ancestor: 'any'}).filter((proc) => proc.argv.includes(namespace))).toEqual([]);
    // Whatever helm left, it is not a stuck pending-* release.
    const {core} = await kube();
    const records = await core.listNamespacedSecret({namespace, labelSelector: 'owner=helm'});
    expect(records.items.map((item) => item.metadata?.labels?.['status'])).not.toContain('pending-install');
    tmux.stop();
  });
});
