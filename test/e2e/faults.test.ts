/**
 * Faults on the real cluster, with helm 3 and helm 4, through the built CLI as a real process:
 * a second upgrade while one is in flight (the release lock), Ctrl-C twice (and SIGTERM) while helm
 * rolls back, a stale lock taken over; then an API server outage and an API server that never
 * answers, for status and install. One install per helm major.
 */
import {execFileSync} from 'node:child_process';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createNamespace, getCluster, helm, kube, kubectl, restartApiServer, waitFor} from '../cluster/harness.js';
import {runCli, startCli} from '../helpers/cli-process.js';
import {blackHoleCluster} from '../helpers/helm-tools.js';
import {processesOf} from '../helpers/procs.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BAD_IMAGE = 'unpullable.invalid/buntime';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {cwd: ROOT, stdio: 'ignore'});
});

interface History {
  readonly revision: number;
  readonly status: string;
}

describe.each([3, 4] as const)('release lock and interrupts with helm %i', (major) => {
  let home: string;
  let temp: string;
  let namespace: string;
  const env = (): Record<string, string> => {
    const cluster = getCluster();
    return {
      KUBECONFIG: cluster.kubeconfig,
      PATH: cluster.env['PATH'] ?? '',
      HOME: home,
      TMPDIR: temp,
      BUNTIME_DEPLOY_HELM: major === 3 ? cluster.helm3 : cluster.helm4,
      BUNTIME_DEPLOY_STATE_DIR: join(home, 'state'),
    };
  };
  const history = async (): Promise<History[]> =>
    JSON.parse(await helm(major, ['history', 'buntime', '-n', namespace, '-o', 'json'])) as History[];
  const helmPath = (): string => (major === 3 ? getCluster().helm3 : getCluster().helm4);
  const helmsHere = () => processesOf(helmPath(), {ancestor: 'any'}).filter((proc) => proc.argv.includes(namespace));

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'buntime-faults-'));
    temp = join(home, 'tmp');
    await rm(temp, {recursive: true, force: true});
    execFileSync('mkdir', ['-p', temp]);
    namespace = await createNamespace(`faults-helm${major}`);
    const installed = await runCli(['install', '--namespace', namespace, '--yes', '--timeout', '2m'], {
      cwd: home,
      env: env(),
    });
    expect(installed.code, installed.output).toBe(0);
  });
  afterAll(async () => {
    await kubectl(['uncordon', 'kwok-node-0']).catch(() => undefined);
    await kubectl(['label', 'node', 'kwok-node-0', `faults-${major}-`]).catch(() => undefined);
    await rm(home, {recursive: true, force: true});
  });

  it('a second run while an upgrade is in flight says so (exit 2, no rollback advice); Ctrl-C twice and SIGTERM never kill helm during its rollback', async () => {
    const first = startCli(
      ['upgrade', '--namespace', namespace, '--set', `image.repository=${BAD_IMAGE}`, '--timeout', '90s', '--yes'],
      {cwd: home, env: env()},
    );
    try {
      await waitFor('helm upgrade to run', async () => helmsHere().length > 0, 60_000);
      await waitFor(
        'revision 2 to be pending',
        async () => (await history()).some((item) => item.status === 'pending-upgrade'),
        60_000,
      );

      for (const extra of [[], ['--dry-run']]) {
        const second = await runCli(
          ['upgrade', '--namespace', namespace, '--set', 'buntime.logLevel=debug', '--yes', ...extra],
          {
            cwd: home,
            env: env(),
          },
        );
        expect(second.code, second.output).toBe(2);
        expect(second.output).toMatch(
          /Another operation on release buntime \(namespace faults-helm\d-\w+\) is in progress since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: upgrade by \S+@\S+ \(pid \d+\)/,
        );
        expect(second.output).not.toMatch(/rollback|roll back|stuck|uninstall/i);
      }

      // The rollback's pods cannot be scheduled while the node is cordoned: helm waits in its rollback.
      await kubectl(['cordon', 'kwok-node-0']);
      first.group('SIGINT');
      await first.waitFor('Stopping helm');
      await waitFor(
        'the rollback to start',
        async () => (await history()).some((item) => item.status === 'pending-rollback'),
        60_000,
      );
      first.group('SIGINT');
      await first.waitFor('Still waiting for helm to finish its rollback');
      process.kill(first.child.pid as number, 'SIGTERM');
      await waitFor('a second answer', async () => first.output().split('Still waiting for helm').length >= 3, 30_000);
      expect(first.alive()).toBe(true);
      expect(helmsHere().length).toBeGreaterThan(0);
      await kubectl(['uncordon', 'kwok-node-0']);
      expect(await first.exited).toBe(130);
    } finally {
      if (first.alive()) first.group('SIGKILL');
      await kubectl(['uncordon', 'kwok-node-0']).catch(() => undefined);
    }
    const after = await history();
    expect(after.map((item) => item.status)).not.toContainEqual(expect.stringMatching(/^pending-/));
    expect(after[after.length - 1]?.status).toBe('deployed');
    expect(first.output()).toMatch(/Release\s+rev \d+ · deployed/);
    expect(helmsHere()).toEqual([]);
    // Nothing left behind: no temp dirs, no lock.
    expect(await readdir(temp)).toEqual([]);
    const {core} = await kube();
    void core;
    const leases = await kubectl(['get', 'leases', '-n', namespace, '-o', 'name']);
    expect(leases.trim()).toBe('');
  });

  it('an API outage while helm waits: the upgrade finishes, its lock is renewed through it and released', async () => {
    // The new pod selects a node label nobody has yet, so helm is still waiting when the API server
    // goes away for two seconds (the harness's own probe Job after the restart still schedules).
    const upgrade = startCli(
      ['upgrade', '--namespace', namespace, '--set', `nodeSelector.faults-${major}=ready`, '--timeout', '2m', '--yes'],
      {cwd: home, env: env()},
    );
    try {
      await waitFor(
        'helm upgrade to wait',
        async () => helmsHere().length > 0 && (await history()).some((item) => item.status === 'pending-upgrade'),
        60_000,
      );
      await restartApiServer({signal: 'SIGKILL', downtimeMs: 2000});
      await kubectl(['label', 'node', 'kwok-node-0', `faults-${major}=ready`, '--overwrite']);
      expect(await upgrade.exited, upgrade.output()).toBe(0);
    } finally {
      if (upgrade.alive()) upgrade.group('SIGKILL');
    }
    expect((await history()).at(-1)?.status).toBe('deployed');
    expect((await kubectl(['get', 'leases', '-n', namespace, '-o', 'name'])).trim()).toBe('');
  });

  it('a live lock held by another run blocks; a stale one is taken over', async () => {
    const lease = (renewed: Date): string =>
      JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: 'buntime-deploy.buntime',
          namespace,
          annotations: {'buntime-deploy/command': 'rollback', 'buntime-deploy/started': renewed.toISOString()},
        },
        spec: {
          holderIdentity: 'someone@elsewhere (pid 4242)',
          leaseDurationSeconds: 60,
          acquireTime: renewed.toISOString().replace('Z', '000Z'),
          renewTime: renewed.toISOString().replace('Z', '000Z'),
        },
      });
    await kubectl(['apply', '-f', '-'], {input: lease(new Date())});
    const blocked = await runCli(['upgrade', '--namespace', namespace, '--set', 'buntime.logLevel=debug', '--yes'], {
      cwd: home,
      env: env(),
    });
    expect(blocked.code, blocked.output).toBe(2);
    expect(blocked.output).toContain('rollback by someone@elsewhere (pid 4242)');
    // The day-2 commands that change the release wait their turn the same way.
    for (const day2 of [['rollback'], ['restart'], ['uninstall'], ['plugins', 'remove', 'x']]) {
      const busy = await runCli([...day2, '--namespace', namespace, '--yes'], {cwd: home, env: env()});
      expect(busy.code, `${day2.join(' ')}: ${busy.output}`).toBe(2);
      expect(busy.output).toContain('rollback by someone@elsewhere (pid 4242)');
    }
    const before = (await history()).length;
    expect(before).toBeGreaterThan(0);

    await kubectl(['replace', '-f', '-'], {input: lease(new Date(Date.now() - 10 * 60_000))});
    const taken = await runCli(
      ['upgrade', '--namespace', namespace, '--set', 'buntime.logLevel=debug', '--yes', '--timeout', '2m'],
      {cwd: home, env: env()},
    );
    expect(taken.code, taken.output).toBe(0);
    expect(taken.output).toContain('took over a stale lock left by rollback of someone@elsewhere (pid 4242)');
    expect((await history()).length).toBe(before + 1);
    expect((await kubectl(['get', 'leases', '-n', namespace, '-o', 'name'])).trim()).toBe('');
  });
});

describe('status and install when the API server is away or silent', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'buntime-faults-api-'));
  });
  afterAll(async () => {
    await rm(home, {recursive: true, force: true});
  });
  const env = (kubeconfig = getCluster().kubeconfig): Record<string, string> => ({
    KUBECONFIG: kubeconfig,
    PATH: getCluster().env['PATH'] ?? '',
    HOME: home,
    BUNTIME_DEPLOY_STATE_DIR: join(home, 'state'),
  });

  it('a status started during a short API outage waits for it and reports the release as it is (no stale reason)', async () => {
    const namespace = await createNamespace('faults-outage');
    const installed = await runCli(['install', '--namespace', namespace, '--yes', '--timeout', '2m'], {
      cwd: home,
      env: env(),
    });
    expect(installed.code, installed.output).toBe(0);
    const restart = restartApiServer({signal: 'SIGKILL', downtimeMs: 2000});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const status = await runCli(['status', '--namespace', namespace, '--json'], {cwd: home, env: env()});
    await restart;
    expect(status.code, status.output).toBe(0);
    const report = JSON.parse(status.output) as {health: {level: string; reasons: string[]}};
    expect(report.health).toEqual({level: 'healthy', reasons: []});
  });

  it('an unknown --kube-context is exit 2 for install, upgrade and status alike', async () => {
    for (const args of [['install', '--yes'], ['upgrade', '--yes'], ['status', '--json'], ['status']]) {
      const result = await runCli([...args, '--kube-context', 'nope'], {cwd: home, env: env()});
      expect(result.code, `${args.join(' ')}: ${result.output}`).toBe(2);
      expect(result.output).toContain("Kube context 'nope' does not exist.");
    }
  });

  it('a missing namespace or release is named as such (exit 2)', async () => {
    const missing = await runCli(['status', '--namespace', 'no-such-namespace', '--json'], {cwd: home, env: env()});
    expect(missing.code, missing.output).toBe(2);
    expect(missing.output).toContain('Namespace no-such-namespace does not exist');
    const empty = await createNamespace('faults-empty');
    const none = await runCli(['status', '--namespace', empty], {cwd: home, env: env()});
    expect(none.code, none.output).toBe(2);
    expect(none.output).toContain(`Release buntime is not installed in namespace ${empty}`);
  });

  it('an API server that accepts connections and never answers: status and install give up after the same connect timeout (exit 1)', async () => {
    const hole = await blackHoleCluster();
    try {
      const cluster = getCluster();
      const [status, ...installs] = await Promise.all([
        runCli(['status', '--json'], {cwd: home, env: env(hole.kubeconfig)}),
        ...[cluster.helm3, cluster.helm4].map((helmPath) =>
          runCli(['install', '--yes'], {cwd: home, env: {...env(hole.kubeconfig), BUNTIME_DEPLOY_HELM: helmPath}}),
        ),
      ]);
      expect(status.code, status.output).toBe(1);
      expect(status.output).toMatch(
        /Cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: no answer in time \(8 s\)/,
      );
      expect(installs).toHaveLength(2);
      for (const install of installs) {
        expect(install.code, install.output).toBe(1);
        expect(install.output).toMatch(/Cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: no answer in time/);
      }
    } finally {
      await hole.close();
    }
  }, 40_000);
});
