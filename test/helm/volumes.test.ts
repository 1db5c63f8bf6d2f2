import {describe, expect, it} from 'vitest';
import {MANDATORY_VOLUMES} from '../../src/core/chart-rules/index.js';
import {CHART_CONFIGS} from './configs.js';
import {HELMS, objects, only, render, runtimeContainer} from './render.js';

describe.each(HELMS)('$name', (helm) => {
  it.each(CHART_CONFIGS)('mounts /data/plugins, /data/apps, /data/state and /data/turso: $name', async ({options}) => {
    const {docs} = await render(helm, options);
    const sts = only(docs, 'StatefulSet', 'buntime');
    const mounts = Object.fromEntries(
      runtimeContainer(docs)['volumeMounts'].map((m: {mountPath: string; name: string}) => [m.mountPath, m.name]),
    );
    for (const volume of MANDATORY_VOLUMES) expect(mounts[volume.mountPath], volume.mountPath).toBe(volume.name);

    const podVolumes = Object.fromEntries(sts['spec'].template.spec.volumes.map((v: {name: string}) => [v.name, v]));
    const claimTemplates = sts['spec'].volumeClaimTemplates.map((t: {metadata: {name: string}}) => t.metadata.name);
    for (const name of ['plugins', 'apps']) {
      const claim = podVolumes[name]?.persistentVolumeClaim?.claimName;
      expect(claim).toBe(`buntime-${name}`);
      expect(only(docs, 'PersistentVolumeClaim', claim).metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    }
    expect(claimTemplates).toContain('state');
    const emptyDir =
      (options.values as {persistence?: {turso?: {type?: string}}} | undefined)?.persistence?.turso?.type ===
        'emptyDir' || options.fixtures?.includes('multi-pod-sync');
    if (emptyDir) {
      expect(podVolumes['turso']).toEqual({name: 'turso', emptyDir: {}});
      expect(claimTemplates).toEqual(['state']);
    } else {
      expect(podVolumes['turso']).toBeUndefined();
      expect(claimTemplates).toEqual(['state', 'turso']);
    }
  });

  it('keeps turso-server data on its own volumeClaimTemplate at /var/lib/turso, writable by uid 9000', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    const turso = only(docs, 'StatefulSet', 'buntime-turso');
    expect(turso['spec'].replicas).toBe(1);
    expect(turso['spec'].volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(turso['spec'].volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(turso['spec'].template.spec.containers[0].volumeMounts).toEqual([
      {name: 'data', mountPath: '/var/lib/turso'},
    ]);
    expect(turso['spec'].template.spec.securityContext).toMatchObject({
      runAsUser: 9000,
      fsGroup: 9000,
      runAsNonRoot: true,
    });
    const openshift = await render(helm, {fixtures: ['openshift']});
    expect(only(openshift.docs, 'StatefulSet', 'buntime-turso')['spec'].template.spec.securityContext).toBeUndefined();
  });

  it('applies access modes, sizes and storage classes ("" = default class, "-" = none)', async () => {
    const {docs} = await render(helm, {
      values: {
        persistence: {
          plugins: {accessMode: 'ReadWriteMany', size: '7Gi', storageClass: 'nfs'},
          apps: {storageClass: '-'},
          state: {size: '1Gi'},
        },
      },
    });
    const plugins = only(docs, 'PersistentVolumeClaim', 'buntime-plugins')['spec'];
    expect(plugins).toMatchObject({
      accessModes: ['ReadWriteMany'],
      storageClassName: 'nfs',
      resources: {requests: {storage: '7Gi'}},
    });
    expect(only(docs, 'PersistentVolumeClaim', 'buntime-apps')['spec'].storageClassName).toBe('');
    const state = only(docs, 'StatefulSet', 'buntime')['spec'].volumeClaimTemplates[0].spec;
    expect(state).toEqual({accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}});
  });

  it('keeps runtime pods on one node only while a shared volume is ReadWriteOnce (Multi-Attach)', async () => {
    // Offline (helm template) the chart cannot see the node count, so several pods on ReadWriteOnce
    // are refused (replicas.rwx); the affinity is there from the first pod on, for when they scale.
    const rwo = await render(helm);
    const affinity = only(rwo.docs, 'StatefulSet', 'buntime')['spec'].template.spec.affinity;
    expect(affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({
      topologyKey: 'kubernetes.io/hostname',
      labelSelector: {matchLabels: {'app.kubernetes.io/component': 'runtime'}},
    });
    const rwx = await render(helm, {fixtures: ['multi-pod-sync']});
    expect(only(rwx.docs, 'StatefulSet', 'buntime')['spec'].template.spec.affinity).toBeUndefined();
    const own = await render(helm, {values: {affinity: {nodeAffinity: {x: 1}}}});
    expect(only(own.docs, 'StatefulSet', 'buntime')['spec'].template.spec.affinity).toEqual({nodeAffinity: {x: 1}});
    expect(objects(own.docs, 'StatefulSet')).toHaveLength(1);
  });
});
