import {describe, expect, it} from 'vitest';
import type {PodLike} from './kube-types.js';
import {ageOf, buildModel} from './model.js';
import {toSnapshot} from './snapshot.js';
import {StatusStore, podGroup} from './store.js';

const NOW = Date.parse('2026-07-07T12:00:00Z');
const meta = {context: 'kind', namespace: 'zomme', release: 'buntime', fullname: 'buntime'};

function pod(
  name: string,
  component: string | undefined,
  state: 'ready' | 'crash' | 'pending' | 'completed' = 'ready',
  ageMs = 60_000,
): PodLike {
  const containerStatuses =
    state === 'ready'
      ? [{name: 'c', ready: true, restartCount: 0, state: {running: {}}}]
      : state === 'crash'
        ? [{name: 'c', ready: false, restartCount: 4, state: {waiting: {reason: 'CrashLoopBackOff'}}}]
        : state === 'completed'
          ? [{name: 'c', ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed'}}}]
          : [];
  return {
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/instance': 'buntime',
        ...(component ? {'app.kubernetes.io/component': component} : {}),
      },
      creationTimestamp: new Date(NOW - ageMs),
    },
    spec: {nodeName: 'kwok-node-0', containers: [{name: 'c', image: 'ghcr.io/djalmajr/buntime:0.5.4'}]},
    status: {
      phase: state === 'pending' ? 'Pending' : state === 'completed' ? 'Succeeded' : 'Running',
      containerStatuses,
    },
  };
}

function store(): StatusStore {
  return new StatusStore(meta, {clock: () => NOW});
}

describe('podGroup', () => {
  it.each([
    [{'app.kubernetes.io/component': 'runtime'}, 'runtime'],
    [{}, 'runtime'],
    [undefined, 'runtime'],
    [{'app.kubernetes.io/component': 'turso-server'}, 'turso-server'],
    [{'app.kubernetes.io/component': 'turso-backup'}, 'backup'],
  ])('%j → %s', (labels, group) => expect(podGroup(labels)).toBe(group));
});

describe('StatusStore', () => {
  it('notifies subscribers on each change and once per batch', () => {
    const s = store();
    const versions: number[] = [];
    const stop = s.subscribe((state) => versions.push(state.version));
    s.upsertPod(pod('buntime-0', 'runtime'));
    s.batch(() => {
      s.upsertPod(pod('buntime-1', 'runtime'));
      s.upsertPod(pod('buntime-2', 'runtime'));
    });
    stop();
    s.deletePod('buntime-0');
    expect(versions).toEqual([1, 3]);
    expect([...s.state.pods.keys()].sort()).toEqual(['buntime-1', 'buntime-2']);
  });

  it('does not notify when a source keeps its state', () => {
    const s = store();
    let calls = 0;
    s.subscribe(() => calls++);
    s.setSource('kube', {state: 'live'});
    s.setSource('kube', {state: 'live'});
    s.setSource('kube', {state: 'reconnecting', message: 'watch dropped'});
    expect(calls).toBe(2);
    expect(s.state.sources.kube).toEqual({state: 'reconnecting', message: 'watch dropped', since: NOW});
  });

  it('keeps the newest events per pod, deduplicated by reason and message', () => {
    const s = store();
    for (let i = 0; i < 15; i++) s.recordEvent('p', {type: 'Warning', reason: `R${i}`, message: 'm', count: 1, at: i});
    s.recordEvent('p', {type: 'Warning', reason: 'R14', message: 'm', count: 2, at: 99});
    const events = s.state.events.get('p') ?? [];
    expect(events).toHaveLength(10);
    expect(events[0]).toMatchObject({reason: 'R14', count: 2});
  });
});

describe('buildModel', () => {
  it('groups pods without overlap and sorts them by name', () => {
    const s = store();
    s.replacePods([
      pod('buntime-1', 'runtime'),
      pod('buntime-0', 'runtime'),
      pod('buntime-turso-0', 'turso-server'),
      pod('buntime-turso-backup-x', 'turso-backup', 'completed'),
    ]);
    s.setSource('kube', {state: 'live'});
    const model = buildModel(s.state, NOW);
    expect(model.pods.runtime.map((p) => p.name)).toEqual(['buntime-0', 'buntime-1']);
    expect(model.pods['turso-server'].map((p) => p.name)).toEqual(['buntime-turso-0']);
    expect(model.pods.backup.map((p) => p.name)).toEqual(['buntime-turso-backup-x']);
    expect(ageOf(model.pods.runtime[0] ?? {}, model.now)).toBe(60_000);
    expect(model.health).toEqual({level: 'healthy', reasons: []});
  });

  it('is unhealthy with a crashing pod, and diagnoses it', () => {
    const s = store();
    s.replacePods([pod('buntime-0', 'runtime', 'crash')]);
    s.recordEvent('buntime-0', {
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 404',
      count: 3,
      at: NOW,
    });
    s.setSource('kube', {state: 'live'});
    const model = buildModel(s.state, NOW);
    expect(model.health.level).toBe('unhealthy');
    expect(model.health.reasons).toEqual(['pod buntime-0: CrashLoopBackOff']);
    expect(model.pods.runtime[0]?.diagnosis?.hint).toContain('/api/health/live');
  });

  it('treats a young Pending pod as progressing and an old one as degraded', () => {
    const s = store();
    s.setSource('kube', {state: 'live'});
    s.replacePods([pod('buntime-0', 'runtime', 'pending', 30_000)]);
    expect(buildModel(s.state, NOW).health.level).toBe('progressing');
    s.replacePods([pod('buntime-0', 'runtime', 'pending', 10 * 60_000)]);
    expect(buildModel(s.state, NOW).health.level).toBe('degraded');
  });

  it('is unhealthy with no runtime pod, or no turso-server pod when turso is enabled', () => {
    const s = new StatusStore(meta, {clock: () => NOW, tursoEnabled: true});
    s.setSource('kube', {state: 'live'});
    s.replacePods([pod('buntime-0', 'runtime')]);
    expect(buildModel(s.state, NOW).health.reasons).toEqual(['no turso-server pod']);
    s.replacePods([]);
    expect(buildModel(s.state, NOW).health.reasons).toEqual([
      'no pods of release buntime in namespace zomme (check --namespace and --release; helm list -A)',
      'no turso-server pod',
    ]);
  });

  it('joins namespaces with their backups and lists bucket-only namespaces as archived', () => {
    const s = store();
    s.setNamespaces([
      {name: 'runtime', origin: 'auto', locked: false},
      {name: 'api-keys', origin: 'explicit', locked: true},
    ]);
    s.setBackupSettings({bucket: 'b', endpoint: 'http://minio', retentionCount: 14});
    s.setObjects([
      {key: 'api-keys/api-keys-20260707T020000Z.db', size: 8192, lastModified: 0},
      {key: 'old/old-20260101T020000Z.db', size: 4096, lastModified: 0},
    ]);
    const model = buildModel(s.state, NOW);
    expect(model.namespaces?.map((n) => [n.name, n.origin, n.backups?.count ?? 0])).toEqual([
      ['api-keys', 'explicit', 1],
      ['old', 'archived', 1],
      ['runtime', 'auto', 0],
    ]);
  });

  it('is degraded when backups are stale, the last job failed or a snapshot is empty', () => {
    const s = store();
    s.replacePods([pod('buntime-0', 'runtime')]);
    s.setSource('kube', {state: 'live'});
    s.setCronJob({
      name: 'buntime-turso-backup',
      schedule: '0 2 * * *',
      suspend: false,
      active: [],
      createdAt: NOW - 10 * 86_400_000,
      lastSuccessfulTime: NOW - 3 * 86_400_000,
    });
    s.upsertJob({name: 'j1', state: 'failed', manual: false, startedAt: NOW - 3_600_000});
    s.setBackupSettings({bucket: 'b', endpoint: 'e', retentionCount: 14});
    s.setObjects([{key: 'k/k-20260707T020000Z.db', size: 0, lastModified: 0}]);
    const model = buildModel(s.state, NOW);
    expect(model.health.level).toBe('degraded');
    expect(model.health.reasons).toEqual([
      'backups: Stale: the last successful backup is older than the schedule allows.',
      'backup job j1 failed',
      'backups of k: newest snapshot is empty (0 bytes)',
    ]);
  });

  it('is progressing while connecting and degraded while reconnecting to the API server', () => {
    const s = store();
    expect(buildModel(s.state, NOW).health).toEqual({level: 'progressing', reasons: ['connecting to the API server']});
    s.replacePods([pod('buntime-0', 'runtime')]);
    s.setSource('kube', {state: 'reconnecting', message: 'reconnecting to the API server (ECONNREFUSED)'});
    expect(buildModel(s.state, NOW).health).toEqual({
      level: 'degraded',
      reasons: ['reconnecting to the API server (ECONNREFUSED)'],
    });
  });

  it('counts an admin API error as degraded and a Kubernetes error as unhealthy', () => {
    const s = store();
    s.replacePods([pod('buntime-0', 'runtime')]);
    s.setSource('kube', {state: 'live'});
    s.setSource('admin', {state: 'error', message: 'turso-server admin API rejected the token (401)'});
    expect(buildModel(s.state, NOW).health.level).toBe('degraded');
    s.setSource('kube', {state: 'error', message: 'forbidden'});
    expect(buildModel(s.state, NOW).health.level).toBe('unhealthy');
  });
});

describe('toSnapshot', () => {
  it('serialises timestamps as ISO strings and never includes events of healthy pods', () => {
    const s = store();
    s.replacePods([pod('buntime-0', 'runtime')]);
    s.recordEvent('buntime-0', {type: 'Normal', reason: 'Pulled', message: 'ok', count: 1, at: NOW});
    s.setSource('kube', {state: 'live'});
    const snapshot = toSnapshot(buildModel(s.state, NOW));
    const json = JSON.parse(JSON.stringify(snapshot));
    expect(json).toMatchObject({
      context: 'kind',
      namespace: 'zomme',
      release: 'buntime',
      at: '2026-07-07T12:00:00.000Z',
      health: {level: 'healthy'},
      pods: {
        runtime: [
          {name: 'buntime-0', ready: '1/1', status: 'Running', restarts: 0, ageSeconds: 60, node: 'kwok-node-0'},
        ],
      },
    });
    expect(json.pods.runtime[0].events).toBeUndefined();
    expect(json.sources.kube).toEqual({state: 'live', since: '2026-07-07T12:00:00.000Z'});
  });
});
