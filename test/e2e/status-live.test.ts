import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connect, type KubeConnection} from '../../src/adapters/kube/client.js';
import {startStatusFeed, type StatusFeed} from '../../src/adapters/status-feed.js';
import {buildModel, type StatusModel} from '../../src/core/status/model.js';
import {StatusStore} from '../../src/core/status/store.js';
import {getCluster, kube, restartApiServer} from '../cluster/harness.js';
import {createStatusRelease, uploadSnapshots, type StatusRelease} from './status-fixture.js';
import {PatchStrategy, setHeaderOptions} from '@kubernetes/client-node';

// The live screen's feed against the real API server (kwok nodes), the turso double behind a real
// port-forward, and the run's real MinIO. Nothing is restarted on our side between steps.
let release: StatusRelease;
let conn: KubeConnection;
let store: StatusStore;
let feed: StatusFeed;

const model = (): StatusModel => buildModel(store.state, Date.now());
const names = (list: readonly {name: string}[]): string[] => list.map((item) => item.name);

/** Resolves when the store satisfies `check`, observing every change (not polling the cluster). */
function until(what: string, check: (model: StatusModel) => boolean, timeoutMs = 30_000): Promise<StatusModel> {
  return new Promise((resolve, reject) => {
    const test = (): boolean => {
      const current = model();
      if (!check(current)) return false;
      clearTimeout(timer);
      stop();
      resolve(current);
      return true;
    };
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(
          `timed out waiting for ${what}; pods: ${JSON.stringify(model().pods.runtime.map((p) => [p.name, p.status.status]))}, sources: ${JSON.stringify(store.state.sources)}`,
        ),
      );
    }, timeoutMs);
    const stop = store.subscribe(() => void test());
    test();
  });
}

beforeAll(async () => {
  release = await createStatusRelease({prefix: 'status-live'});
  const cluster = getCluster();
  const found = await connect({env: {KUBECONFIG: cluster.kubeconfig}});
  if (!found) throw new Error('no kubeconfig for the test cluster');
  conn = found;
  store = new StatusStore({
    context: conn.context,
    namespace: release.namespace,
    release: 'buntime',
    fullname: 'buntime',
  });
  feed = await startStatusFeed({
    conn,
    namespace: release.namespace,
    release: 'buntime',
    store,
    adminPollMs: 300,
    s3PollMs: 300,
  });
  await feed.settled;
});

afterAll(async () => {
  await feed?.stop();
  await release?.close();
});

describe('live status feed on the real cluster', () => {
  it('lists the pods grouped by component, Running and Ready', async () => {
    const current = await until(
      '2 runtime pods and turso-server ready',
      (m) =>
        m.pods.runtime.filter((p) => p.status.severity === 'ok').length === 2 && m.pods['turso-server'].length === 1,
    );
    expect(names(current.pods.runtime)).toEqual(['buntime-0', 'buntime-1']);
    expect(names(current.pods['turso-server'])).toEqual(['buntime-turso-0']);
    expect(current.pods.runtime[0]?.node).toMatch(/^kwok-node-\d+$/);
    expect(current.sources.kube.state).toBe('live');
  });

  it('follows scaling and a deleted pod live', async () => {
    const {apps, core} = await kube();
    await apps.patchNamespacedStatefulSetScale(
      {namespace: release.namespace, name: 'buntime', body: {spec: {replicas: 3}}},
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await until('buntime-2 to appear', (m) => names(m.pods.runtime).includes('buntime-2'));
    await until('buntime-2 Ready', (m) => m.pods.runtime.find((p) => p.name === 'buntime-2')?.status.severity === 'ok');

    // Creation times have one-second resolution and kwok is fast, so follow the pod's states instead.
    const seen: string[] = [];
    const stop = store.subscribe((state) => {
      const pod = state.pods.get('buntime-0');
      const status = pod ? pod.status.status : 'gone';
      if (seen.at(-1) !== status) seen.push(status);
    });
    await core.deleteNamespacedPod({namespace: release.namespace, name: 'buntime-0'});
    await until('buntime-0 deleted, recreated and Ready', (m) => {
      const deleted = seen.some((status) => status === 'Terminating' || status === 'gone');
      return deleted && m.pods.runtime.find((p) => p.name === 'buntime-0')?.status.severity === 'ok';
    });
    stop();
    // The deletion was observed on the way (Terminating and/or gone), not just the end state.
    expect(seen.some((status) => status === 'Terminating' || status === 'gone')).toBe(true);
    expect(seen.at(-1)).toBe('Running');
  });

  it('shows the namespaces of the admin API through the port-forward, and creates/locks them', async () => {
    const current = await until(
      'namespaces from the admin API',
      (m) => m.namespaces !== undefined && m.namespaces.length >= 2,
    );
    expect(current.namespaces?.filter((n) => n.origin !== 'archived').map((n) => [n.name, n.origin, n.locked])).toEqual(
      [
        ['api-keys', 'explicit', true],
        ['runtime', 'auto', false],
      ],
    );
    expect(current.sources.admin.state).toBe('live');
    // Every admin call carried the token (read from the Secret, never stored in the model).
    expect(release.double.requests.filter((r) => r.port === 'admin').every((r) => r.authorized)).toBe(true);
    expect(JSON.stringify(store.state)).not.toContain(release.adminToken);

    await feed.createNamespace('tenant-e2e');
    expect(release.double.view('tenant-e2e')).toMatchObject({origin: 'explicit', locked: true});
    await feed.setLocked('runtime', true);
    expect(release.double.view('runtime')).toMatchObject({locked: true});
    await until(
      'the store to show the changes',
      (m) =>
        m.namespaces?.find((n) => n.name === 'runtime')?.locked === true &&
        m.namespaces.some((n) => n.name === 'tenant-e2e'),
    );
    await expect(feed.createNamespace('Bad_Name')).rejects.toThrow(
      "Invalid namespace name: namespace name contains invalid character 'B' at position 0.",
    );
  });

  it('summarises the backup objects of the real MinIO per namespace', async () => {
    const size = await uploadSnapshots(release, 'api-keys', [
      '20260101T020000Z',
      '20260102T020000Z',
      '20260103T020000Z',
    ]);
    await release.s3.putObject(release.bucket, 'gone-ns/gone-ns-20251201T020000Z.db', 'x');
    // Both uploads must be in the same listing: a poll between them sees api-keys complete but not gone-ns.
    const current = await until(
      '3 snapshots of api-keys and the gone-ns archive',
      (m) =>
        m.backups.perNamespace.find((b) => b.namespace === 'api-keys')?.count === 3 &&
        m.namespaces?.some((n) => n.name === 'gone-ns') === true,
    );
    const apiKeys = current.backups.perNamespace.find((b) => b.namespace === 'api-keys');
    expect(apiKeys).toMatchObject({
      newestKey: 'api-keys/api-keys-20260103T020000Z.db',
      newestSize: size,
      overRetention: false,
      newestEmpty: false,
    });
    expect(current.backups.retentionCount).toBe(14);
    expect(current.backups.cronJob?.schedule).toBe('0 2 * * *');
    expect(current.namespaces?.find((n) => n.name === 'gone-ns')?.origin).toBe('archived');
    expect(current.sources.s3.state).toBe('live');
  });

  it('starts a backup Job from the CronJob and watches it', async () => {
    const job = await feed.backupNow();
    expect(job).toMatch(/^buntime-turso-backup-manual-[0-9a-f]{5}$/);
    const current = await until('the manual job in the store', (m) => m.backups.jobs.some((j) => j.name === job));
    expect(current.backups.jobs.find((j) => j.name === job)?.manual).toBe(true);
    const {batch} = await kube();
    const created = await batch.readNamespacedJob({namespace: release.namespace, name: job});
    expect(created.metadata?.ownerReferences?.[0]).toMatchObject({kind: 'CronJob', name: 'buntime-turso-backup'});
  });

  it('recovers from an API server restart within 10 s without restarting the feed', async () => {
    const states: string[] = [];
    const stop = store.subscribe((state) => {
      if (states.at(-1) !== state.sources.kube.state) states.push(state.sources.kube.state);
    });
    await restartApiServer({signal: 'SIGKILL', downtimeMs: 2000});
    const restarted = Date.now();
    await until(
      'the watches to be live again',
      (m) => m.sources.kube.state === 'live' && states.includes('reconnecting'),
      10_000,
    );
    expect(Date.now() - restarted).toBeLessThanOrEqual(10_000);
    // A change made after the restart reaches the store through the new watches.
    const {apps} = await kube();
    await apps.patchNamespacedStatefulSetScale(
      {namespace: release.namespace, name: 'buntime', body: {spec: {replicas: 1}}},
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await until('scale-down to 1 to show', (m) => names(m.pods.runtime).join() === 'buntime-0');
    stop();
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('live');
  });
});
