import type * as k8s from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startWatch, type ResourceWatch} from '../../src/adapters/kube/watch.js';
import {createNamespace, getCluster, kube, waitFor} from '../cluster/harness.js';

// The watch adapter against the real API server: a resourceVersion etcd has compacted away gets
// 410 Gone, and the adapter must LIST again and carry on watching. Events are used because the API
// server does not keep them in its watch cache, so such a watch really reaches etcd.
describe('startWatch', () => {
  let namespace: string;
  let watch: ResourceWatch | undefined;
  beforeAll(async () => {
    namespace = await createNamespace('status-watch');
  });
  afterAll(() => watch?.stop());

  const event = (name: string): k8s.CoreV1Event => ({
    metadata: {name},
    involvedObject: {kind: 'Pod', name: 'buntime-0', namespace},
    reason: 'Test',
    message: name,
    type: 'Normal',
  });

  it('relists after 410 Gone and then follows changes', async () => {
    const {k8s: lib, kc, core} = await kube();
    await core.createNamespacedEvent({namespace, body: event('before')});
    const old = (await core.listNamespacedEvent({namespace})).metadata?.resourceVersion;
    await core.createNamespacedEvent({namespace, body: event('between')});
    await core.createNamespacedEvent({namespace, body: event('latest')});
    const revision = (await core.listNamespacedEvent({namespace})).metadata?.resourceVersion;
    // Compact etcd's history up to now (the API server does this every 5 minutes on its own): the
    // changes after `old` are gone, so a watch from `old` cannot be served.
    const etcd = getCluster().ports['etcdClient'];
    const compacted = await fetch(`http://127.0.0.1:${etcd}/v3/kv/compaction`, {
      method: 'POST',
      body: JSON.stringify({revision, physical: true}),
    });
    expect(compacted.status).toBe(200);

    const syncs: string[][] = [];
    const events: string[] = [];
    const states: string[] = [];
    let lists = 0;
    watch = startWatch<k8s.CoreV1Event>({
      conn: {k8s: lib, kc},
      path: `/api/v1/namespaces/${namespace}/events`,
      list: async () => {
        lists++;
        const real = await core.listNamespacedEvent({namespace});
        // The first LIST answers with the compacted version, as if it had been taken long ago.
        return lists === 1 ? {items: real.items, metadata: {resourceVersion: old}} : real;
      },
      onSync: (items) => syncs.push(items.map((item) => item.metadata?.name ?? '').sort()),
      onEvent: (type, object) => events.push(`${type} ${object.metadata?.name}`),
      onState: (state) => states.push(state),
    });
    await waitFor('a second LIST after 410 Gone', async () => lists >= 2 && syncs.length >= 2, 15_000);
    await waitFor('the watch to be live', async () => states.at(-1) === 'live', 15_000);
    await core.createNamespacedEvent({namespace, body: event('after')});
    await waitFor('the ADDED event', async () => events.includes('ADDED after'), 15_000);
    expect(syncs[1]).toEqual(['before', 'between', 'latest']);
  });
});
