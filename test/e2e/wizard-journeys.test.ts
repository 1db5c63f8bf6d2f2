/**
 * The two journeys users run, on the real local cluster, with helm 3 and helm 4: day zero driven
 * interactively in tmux (keys in, screen read back), then the upgrade to 3 pods + turso-server +
 * backups on the same release, keeping the same PVCs. Secrets must never show up on screen (except
 * the root key, once), in any process's argv, in helm's release values or in files.
 */
import {execFileSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createNamespace, getCluster, helm, kube, setNodeCount, waitForStatefulSetReady} from '../cluster/harness.js';
import {filesContaining, watchCommandLines} from '../helpers/secret-watch.js';
import {paneHistory, typeHidden} from '../helpers/tmux-history.js';
import {throughPager, TmuxSession} from '../helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'buntime-deploy.js');

async function readSecret(namespace: string, name: string): Promise<Record<string, string>> {
  const {core} = await kube();
  const secret = await core.readNamespacedSecret({namespace, name});
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
  );
}

async function claimUids(namespace: string): Promise<Record<string, string>> {
  const {core} = await kube();
  const claims = await core.listNamespacedPersistentVolumeClaim({namespace});
  return Object.fromEntries(claims.items.map((claim) => [claim.metadata?.name ?? '', claim.metadata?.uid ?? '']));
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe.each([3, 4] as const)('wizard journeys with helm %i', (major) => {
  let namespace: string;
  let home: string;
  let tmux: TmuxSession | undefined;
  const release = 'buntime';

  beforeAll(async () => {
    await setNodeCount(3);
    namespace = await createNamespace(`wizard-helm${major}`);
    home = await mkdtemp(join(tmpdir(), 'buntime-wizard-e2e-'));
  });
  afterAll(async () => {
    tmux?.stop();
    await rm(home, {recursive: true, force: true});
  });

  /** `command` first (the CLI parser wants it there), then the shared flags, then `extra`. */
  function startWizard(command = '', extra = ''): TmuxSession {
    const cluster = getCluster();
    const helmPath = major === 3 ? cluster.helm3 : cluster.helm4;
    const session = new TmuxSession();
    session.start(
      `env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} ${command} --namespace ${namespace} --release ${release} --timeout 3m ${extra}`,
      {
        cwd: home,
        columns: 100,
        rows: 60,
        // Only what the CLI needs: the harness env also holds MinIO's keys, which must not end up on
        // the wizard's command line (the argv checks below would rightly flag them).
        env: {
          KUBECONFIG: cluster.kubeconfig,
          PATH: cluster.env['PATH'] ?? '',
          HOME: home,
          BUNTIME_DEPLOY_HELM: helmPath,
          FORCE_COLOR: '0',
        },
      },
    );
    return session;
  }

  it('day zero, interactive: one pod Ready, RWX shared volumes, the root key shown exactly once', async () => {
    const watch = watchCommandLines();
    tmux = startWizard();
    await tmux.waitFor('What do you want to do?', 60_000);
    expect(tmux.screen()).toMatch(/nfs .*RWO\+RWX/);
    tmux.send(['Enter']); // Install (the default on an empty namespace)
    await tmux.waitFor('? Preset');
    expect(tmux.screen()).toContain('❯ k3s (suggested: default StorageClass local-path');
    tmux.send(['Enter']); // k3s, suggested by the cluster's local-path default StorageClass
    await tmux.waitFor('Ingress Hostname');
    tmux.send(['Enter']);
    await tmux.waitFor('Service Type');
    tmux.send(['Enter']);
    await tmux.waitFor('Runtime pods');
    tmux.send(['Enter']);
    await tmux.waitFor('Shared volumes');
    expect(tmux.screen()).toMatch(/❯ nfs — ReadWriteMany \(recommended/);
    tmux.send(['Enter']);
    await tmux.waitFor('In-cluster turso-server');
    tmux.send(['Enter']);
    await tmux.waitFor('Change anything else?');
    tmux.send(['Enter']);
    await throughPager(tmux, /Install now/);
    tmux.type('y');
    tmux.send(['Enter']);
    await tmux.waitFor(/is installed and Ready|install of buntime failed/, 240_000);
    await throughPager(tmux, /Open the live status screen/);
    tmux.type('n');
    tmux.send(['Enter']);
    const code = await tmux.exitCode(60_000);
    const seen = watch.stop();
    const screen = paneHistory(tmux);
    expect(screen).toContain('is installed and Ready');
    expect(code).toBe(0);

    await waitForStatefulSetReady(namespace, 'buntime', 1);
    const secret = await readSecret(namespace, 'buntime-credentials');
    const rootKey = secret['RUNTIME_ROOT_KEY'] as string;
    expect(rootKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(occurrences(screen.replace(/[│\s]+/g, ''), rootKey)).toBe(1);
    expect([...seen].filter((line) => line.includes(rootKey))).toEqual([]);
    expect(await helm(major, ['get', 'values', release, '-n', namespace, '--all', '-o', 'json'])).not.toContain(
      rootKey,
    );
    expect(await filesContaining(home, [rootKey])).toEqual([]);

    const uids = await claimUids(namespace);
    expect(Object.keys(uids)).toEqual(expect.arrayContaining(['buntime-plugins', 'buntime-apps']));
    const {core} = await kube();
    const plugins = await core.readNamespacedPersistentVolumeClaim({namespace, name: 'buntime-plugins'});
    expect(plugins.spec?.accessModes).toEqual(['ReadWriteMany']);
    expect(plugins.spec?.storageClassName).toBe('nfs');
    tmux.stop();
  });

  it('upgrade to 3 pods + turso-server + backups, interactive: Ready, same PVC UIDs, tokens only in the Secret', async () => {
    const before = await claimUids(namespace);
    const rootKeyBefore = (await readSecret(namespace, 'buntime-credentials'))['RUNTIME_ROOT_KEY'];
    const cluster = getCluster();
    const watch = watchCommandLines();
    tmux = startWizard();
    await tmux.waitFor('What do you want to do?', 60_000);
    expect(tmux.screen()).toContain('❯ Upgrade');
    tmux.send(['Enter']);
    await tmux.waitFor('? Preset');
    expect(tmux.screen()).toContain('❯ none: keep the live release settings');
    tmux.send(['Enter']);
    await tmux.waitFor('Ingress Hostname');
    tmux.send(['Enter']);
    await tmux.waitFor('Service Type');
    tmux.send(['Enter']);
    await tmux.waitFor('Runtime pods');
    tmux.send(['BSpace']);
    tmux.type('3');
    tmux.send(['Enter']);
    await tmux.waitFor('How should 3 pods work?');
    expect(tmux.screen()).toContain('More than one runtime pod needs');
    tmux.send(['Enter']); // turn on turso-server + sync
    for (const label of [
      'turso-server Volume Size',
      'Max Running Namespaces',
      'Idle Namespace TTL',
      'Archive Retention',
    ]) {
      await tmux.waitFor(label);
      tmux.send(['Enter']);
    }
    await tmux.waitFor('Back up every turso-server database');
    tmux.send(['Enter']); // yes (recommended)
    await tmux.waitFor('S3 endpoint');
    tmux.type(cluster.s3.endpoint);
    tmux.send(['Enter']);
    await tmux.waitFor('Bucket');
    tmux.type(cluster.s3.bucket);
    tmux.send(['Enter']);
    await tmux.waitFor('Region');
    tmux.send(['Enter']);
    await tmux.waitFor('Path-style URLs');
    tmux.send(['Enter']);
    await tmux.waitFor('Access key ID');
    typeHidden(tmux, cluster.s3.accessKeyId);
    tmux.send(['Enter']);
    await tmux.waitFor('Secret access key');
    typeHidden(tmux, cluster.s3.secretAccessKey);
    tmux.send(['Enter']);
    await tmux.waitFor('reachable and writable', 30_000);
    await tmux.waitFor('Schedule');
    tmux.send(['Enter']);
    await tmux.waitFor('Snapshots kept');
    tmux.send(['Enter']);
    await tmux.waitFor('Change anything else?');
    tmux.send(['Enter']);
    await throughPager(tmux, /Upgrade now/);
    const review = paneHistory(tmux).replace(/\s+/g, ' ');
    expect(review).toContain('Changes to the live release');
    expect(review).toContain('+ create StatefulSet/buntime-turso');
    expect(review).not.toContain('rejected: immutable');
    expect(review).toContain('cannot move into the sync namespace');
    tmux.type('y');
    tmux.send(['Enter']);
    await tmux.waitFor(/is upgraded and Ready|upgrade of buntime failed/, 300_000);
    await throughPager(tmux, /Open the live status screen/);
    tmux.send(['Enter']);
    // The live screen follows the release: the new turso-server pod shows up in its pod list
    // (a row with READY 1/1, which the NOTES text above cannot match).
    await tmux.waitFor(/buntime-turso-0\s+1\/1/, 60_000);
    await tmux.waitFor('● live', 30_000);
    tmux.send(['q']);
    const code = await tmux.exitCode(60_000);
    const seen = watch.stop();
    const screen = paneHistory(tmux);
    expect(screen).toContain('is upgraded and Ready');
    expect(code).toBe(0);

    await waitForStatefulSetReady(namespace, 'buntime', 3);
    await waitForStatefulSetReady(namespace, 'buntime-turso', 1);
    const after = await claimUids(namespace);
    expect(after['buntime-plugins']).toBe(before['buntime-plugins']);
    expect(after['buntime-apps']).toBe(before['buntime-apps']);
    const secret = await readSecret(namespace, 'buntime-credentials');
    expect(secret['RUNTIME_ROOT_KEY']).toBe(rootKeyBefore);
    expect(secret['TURSO_AUTH_TOKEN']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret['TURSO_ADMIN_TOKEN']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret['AWS_SECRET_ACCESS_KEY']).toBe(cluster.s3.secretAccessKey);
    const secrets = [
      secret['RUNTIME_ROOT_KEY'],
      secret['TURSO_AUTH_TOKEN'],
      secret['TURSO_ADMIN_TOKEN'],
      cluster.s3.secretAccessKey,
    ] as string[];
    for (const value of secrets) {
      expect(screen).not.toContain(value);
      expect([...seen].filter((line) => line.includes(value))).toEqual([]);
    }
    expect(await filesContaining(home, secrets)).toEqual([]);
    const values = await helm(major, ['get', 'values', release, '-n', namespace, '--all', '-o', 'json']);
    for (const value of secrets) expect(values).not.toContain(value);
    tmux.stop();
  });

  it('a further upgrade of a release with backups takes a fresh backup first and waits for it', async () => {
    const {batch} = await kube();
    tmux = startWizard();
    await tmux.waitFor('What do you want to do?', 60_000);
    tmux.send(['Enter']); // Upgrade
    await tmux.waitFor('? Preset');
    tmux.send(['Enter']); // keep the live settings
    for (const label of [
      'Ingress Hostname',
      'Service Type',
      'Runtime pods',
      'turso-server Volume Size',
      'Max Running Namespaces',
      'Idle Namespace TTL',
      'Archive Retention',
      'Back up every turso-server database',
      'S3 endpoint',
      'Bucket',
      'Region',
      'Path-style URLs',
      'Keep the S3 keys already stored',
    ]) {
      await tmux.waitFor(label);
      tmux.send(['Enter']);
    }
    await tmux.waitFor('reachable and writable', 30_000);
    for (const label of ['Schedule', 'Snapshots kept', 'Change anything else?']) {
      await tmux.waitFor(label);
      tmux.send(['Enter']);
    }
    // One question takes the fresh backup and the upgrade; nothing asks about the backup again.
    await throughPager(tmux, /Back up now \(a Job from CronJob buntime-turso-backup\), then upgrade/);
    tmux.type('y');
    tmux.send(['Enter']);
    await tmux.waitFor(/Backup .* finished/, 120_000);
    expect(paneHistory(tmux)).not.toContain('Run a backup now');
    await tmux.waitFor(/is upgraded and Ready|upgrade of buntime failed/, 300_000);
    await throughPager(tmux, /Open the live status screen/);
    tmux.type('n');
    tmux.send(['Enter']);
    expect(await tmux.exitCode(60_000)).toBe(0);
    const jobs = await batch.listNamespacedJob({namespace});
    const manual = jobs.items.filter(
      (job) => job.metadata?.annotations?.['cronjob.kubernetes.io/instantiate'] === 'manual',
    );
    expect(manual).toHaveLength(1);
    expect(manual[0]?.status?.succeeded).toBe(1);
    tmux.stop();
  });

  it('an upgrade that would change an immutable field is stopped before helm runs', async () => {
    const history = JSON.parse(await helm(major, ['history', release, '-n', namespace, '-o', 'json'])) as unknown[];
    tmux = startWizard('upgrade', '--set persistence.state.size=2Gi --yes');
    const code = await tmux.exitCode(120_000);
    const screen = paneHistory(tmux).replace(/\s+/g, ' ');
    expect(code).toBe(2);
    expect(screen).toContain('rejected: immutable');
    expect(screen).toContain('--cascade=orphan');
    expect(screen).toContain('nothing was applied');
    const after = JSON.parse(await helm(major, ['history', release, '-n', namespace, '-o', 'json'])) as unknown[];
    expect(after).toHaveLength(history.length);
    tmux.stop();
  });
});

describe('the wizard in a 60-column terminal', () => {
  it('day zero works end to end and nothing is wider than the terminal', async () => {
    const cluster = getCluster();
    const namespace = await createNamespace('wizard-narrow');
    const home = await mkdtemp(join(tmpdir(), 'buntime-wizard-narrow-'));
    const tmux = new TmuxSession();
    try {
      tmux.start(`env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} --namespace ${namespace} --timeout 3m`, {
        cwd: home,
        columns: 60,
        rows: 40,
        env: {
          KUBECONFIG: cluster.kubeconfig,
          PATH: cluster.env['PATH'] ?? '',
          HOME: home,
          BUNTIME_DEPLOY_HELM: cluster.helm4,
          FORCE_COLOR: '0',
        },
      });
      await tmux.waitFor('What do you want to do?', 60_000);
      tmux.send(['Enter']);
      for (const label of [
        '? Preset',
        'Ingress Hostname',
        'Service Type',
        'Runtime pods',
        'Shared volumes',
        'In-cluster turso-server',
        'Change anything else?',
      ]) {
        await tmux.waitFor(label);
        tmux.send(['Enter']);
      }
      await throughPager(tmux, /Install now/);
      tmux.type('y');
      tmux.send(['Enter']);
      await tmux.waitFor(/is installed and Ready|install of buntime failed/, 240_000);
      await throughPager(tmux, /Open the live status screen/);
      tmux.type('n');
      tmux.send(['Enter']);
      expect(await tmux.exitCode(60_000)).toBe(0);
      // -J joins lines the TERMINAL wrapped: a joined line longer than 60 is output that overflowed.
      const screen = execFileSync('tmux', ['-L', tmux.socket, 'capture-pane', '-p', '-J', '-S', '-', '-t', tmux.name], {
        encoding: 'utf8',
      });
      expect(screen.replace(/\s+/g, ' ')).toContain('is installed and Ready');
      expect(screen).toContain('Root key — shown once');
      // The wizard's own screens (Review, Apply, Result) must fit; inquirer's long question lines
      // are left to the terminal to wrap.
      const review = screen.slice(screen.indexOf('Review — install'), screen.indexOf('Install now'));
      const result = screen.slice(screen.indexOf('Installing'), screen.indexOf('Open the live status screen'));
      expect(review.length).toBeGreaterThan(100);
      expect(result.length).toBeGreaterThan(100);
      for (const line of [...review.split('\n'), ...result.split('\n')])
        expect(line.length, line).toBeLessThanOrEqual(60);
    } finally {
      tmux.stop();
      await rm(home, {recursive: true, force: true});
    }
  });
});
