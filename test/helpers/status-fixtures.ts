import type {PodLike} from '../../src/core/status/kube-types.js';
import {StatusStore, type StatusMeta} from '../../src/core/status/store.js';

/** Fixed clock for screen tests and the benchmark. */
export const FIXTURE_NOW = Date.parse('2026-07-07T12:00:00Z');
export const FIXTURE_META: StatusMeta = {
  context: 'kwok-test',
  namespace: 'zomme',
  release: 'buntime',
  fullname: 'buntime',
};

type PodState = 'ready' | 'crash' | 'pending' | 'pull' | 'completed' | 'failed';

/** A Pod object as the API would return it, in one of a few states. */
export function fixturePod(name: string, component: string, state: PodState = 'ready', ageMs = 3_600_000): PodLike {
  const statuses: Record<PodState, object[]> = {
    ready: [{name: 'c', ready: true, restartCount: 0, state: {running: {}}}],
    crash: [
      {
        name: 'c',
        ready: false,
        restartCount: 5,
        state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 5m0s'}},
        lastState: {terminated: {exitCode: 1, reason: 'Error'}},
      },
    ],
    pending: [],
    pull: [
      {
        name: 'c',
        ready: false,
        restartCount: 0,
        state: {waiting: {reason: 'ImagePullBackOff', message: 'Back-off pulling image'}},
      },
    ],
    completed: [{name: 'c', ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed'}}}],
    failed: [{name: 'c', ready: false, restartCount: 0, state: {terminated: {exitCode: 1, reason: 'Error'}}}],
  };
  const phase =
    state === 'pending' || state === 'pull'
      ? 'Pending'
      : state === 'completed'
        ? 'Succeeded'
        : state === 'failed'
          ? 'Failed'
          : 'Running';
  return {
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/instance': 'buntime',
        'app.kubernetes.io/name': 'buntime',
        'app.kubernetes.io/component': component,
      },
      creationTimestamp: new Date(FIXTURE_NOW - ageMs),
    },
    spec: {
      nodeName: state === 'pending' ? undefined : 'kwok-node-0',
      containers: [{name: 'c', image: 'ghcr.io/djalmajr/buntime:0.5.4'}],
      volumes: state === 'pending' ? [{persistentVolumeClaim: {claimName: 'buntime-plugins'}}] : [],
    },
    status: {
      phase,
      containerStatuses: statuses[state] as never,
      conditions:
        state === 'pending'
          ? [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
              },
            ]
          : [],
    },
  };
}

/** A store filled like a release with turso-server and backups; sizes are parameters for the benchmark. */
export function fixtureStore(
  options: {runtimePods?: number; namespaces?: number; objects?: number; clock?: () => number} = {},
): StatusStore {
  const store = new StatusStore(FIXTURE_META, {tursoEnabled: true, clock: options.clock ?? (() => FIXTURE_NOW)});
  const runtime = options.runtimePods ?? 2;
  const namespaces = options.namespaces ?? 3;
  const objects = options.objects ?? 6;
  store.batch(() => {
    store.replacePods([
      ...Array.from({length: runtime}, (_, i) => fixturePod(`buntime-${i}`, 'runtime')),
      fixturePod('buntime-turso-0', 'turso-server'),
      fixturePod('buntime-turso-backup-29000000-abcde', 'turso-backup', 'completed', 36_000_000),
    ]);
    store.setSource('kube', {state: 'live'});
    store.setSource('admin', {state: 'live'});
    store.setSource('s3', {state: 'live'});
    const names = Array.from({length: namespaces}, (_, i) =>
      i === 0 ? 'api-keys' : i === 1 ? 'runtime' : `tenant-${String(i).padStart(4, '0')}`,
    );
    store.setNamespaces(
      names.map((name, i) => ({
        name,
        origin: i === 1 ? 'auto' : 'explicit',
        locked: i !== 1,
        createdAt: FIXTURE_NOW - 86_400_000 * 3,
        lastAccessAt: FIXTURE_NOW - 60_000,
        sizeBytes: 8192,
      })),
    );
    store.setCronJob({
      name: 'buntime-turso-backup',
      schedule: '0 2 * * *',
      suspend: false,
      active: [],
      createdAt: FIXTURE_NOW - 86_400_000 * 30,
      lastScheduleTime: FIXTURE_NOW - 36_000_000,
      lastSuccessfulTime: FIXTURE_NOW - 35_900_000,
    });
    store.upsertJob({
      name: 'buntime-turso-backup-29000000',
      state: 'succeeded',
      manual: false,
      startedAt: FIXTURE_NOW - 36_000_000,
      finishedAt: FIXTURE_NOW - 35_900_000,
    });
    store.setBackupSettings({bucket: 'turso-backups', endpoint: 'http://127.0.0.1:9000', retentionCount: 14});
    const list = [];
    for (let i = 0; i < objects; i++) {
      const name = names[i % names.length] as string;
      // Newest first, one a day back from the fixture's last run (10 h ago): every namespace got a
      // snapshot from that run, as a healthy backup does.
      const day = Math.floor(i / names.length);
      const stamp = new Date(FIXTURE_NOW - 36_000_000 + 30_000 - day * 86_400_000)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
      list.push({key: `${name}/${name}-${stamp}.db`, size: 8192, lastModified: FIXTURE_NOW - 36_000_000});
    }
    store.setObjects(list);
  });
  return store;
}
