import {describe, expect, it} from 'vitest';
import {configMap, pvc, secret, sts} from '../../../test/fixtures/kube-objects.js';
import {classifyChanges, type ClassifyInput} from './classify.js';
import type {KubeObject} from './manifest.js';
import type {ChangeLabel, StorageClassFact} from './types.js';

const CLASSES: StorageClassFact[] = [
  {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true, rwx: 'no', allowVolumeExpansion: false},
  {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false, rwx: 'yes', allowVolumeExpansion: true},
];

function plan(previous: KubeObject[], target: KubeObject[], live: KubeObject[] = []): ClassifyInput {
  return {
    live: {manifest: previous, objects: live},
    target,
    fullname: 'buntime',
    namespace: 'zomme',
    storageClasses: CLASSES,
  };
}

function labels(input: ClassifyInput): Record<string, ChangeLabel> {
  return Object.fromEntries(classifyChanges(input).map((change) => [change.key, change.label]));
}

describe('classifyChanges', () => {
  const cases: Array<{name: string; input: ClassifyInput; expected: Record<string, ChangeLabel>}> = [
    {
      name: 'nothing changes',
      input: plan([sts('buntime'), pvc('buntime-apps')], [sts('buntime'), pvc('buntime-apps')]),
      expected: {},
    },
    {name: 'new object', input: plan([], [configMap('buntime', {A: '1'})]), expected: {'ConfigMap/buntime': 'create'}},
    {
      name: 'configmap data',
      input: plan([configMap('buntime', {A: '1'})], [configMap('buntime', {A: '2'})]),
      expected: {'ConfigMap/buntime': 'in-place'},
    },
    {
      name: 'scale only',
      input: plan([sts('buntime')], [sts('buntime', {replicas: 3})]),
      expected: {'StatefulSet/buntime': 'in-place'},
    },
    {
      name: 'new image',
      input: plan([sts('buntime')], [sts('buntime', {image: 'x:2'})]),
      expected: {'StatefulSet/buntime': 'rolling-restart'},
    },
    {
      name: 'selector',
      input: plan([sts('buntime')], [sts('buntime', {selector: {app: 'other'}})]),
      expected: {'StatefulSet/buntime': 'immutable'},
    },
    {
      name: 'serviceName',
      input: plan([sts('buntime')], [sts('buntime', {serviceName: 'other'})]),
      expected: {'StatefulSet/buntime': 'immutable'},
    },
    {
      name: 'podManagementPolicy left out = OrderedReady',
      input: plan(
        [sts('buntime')],
        [{...sts('buntime'), spec: {...sts('buntime').spec, podManagementPolicy: undefined}}],
      ),
      expected: {'StatefulSet/buntime': 'immutable'},
    },
    {
      name: 'claim template size',
      input: plan(
        [sts('buntime')],
        [
          sts('buntime', {
            claimTemplates: [
              {name: 'state', storage: '1Gi'},
              {name: 'turso', storage: '10Gi'},
            ],
          }),
        ],
      ),
      expected: {'StatefulSet/buntime': 'immutable'},
    },
    {
      name: 'claim template quantity written differently is the same',
      input: plan(
        [sts('buntime')],
        [
          sts('buntime', {
            claimTemplates: [
              {name: 'state', storage: '500Mi'},
              {name: 'turso', storage: '10240Mi'},
            ],
          }),
        ],
      ),
      expected: {'StatefulSet/buntime': 'in-place'},
    },
    {
      name: 'claim template removed + volume switched to emptyDir',
      input: plan(
        [sts('buntime')],
        [
          sts('buntime', {
            claimTemplates: [{name: 'state', storage: '500Mi'}],
            volumes: [
              {name: 'plugins', persistentVolumeClaim: {claimName: 'buntime-plugins'}},
              {name: 'apps', persistentVolumeClaim: {claimName: 'buntime-apps'}},
              {name: 'turso', emptyDir: {}},
            ],
          }),
        ],
      ),
      expected: {'StatefulSet/buntime': 'immutable', 'StatefulSet/buntime volume turso': 'deletes-data'},
    },
    {
      name: 'shared volume moved to emptyDir',
      input: plan(
        [sts('buntime')],
        [
          sts('buntime', {
            volumes: [
              {name: 'plugins', emptyDir: {}},
              {name: 'apps', persistentVolumeClaim: {claimName: 'buntime-apps'}},
            ],
          }),
        ],
      ),
      expected: {'StatefulSet/buntime': 'rolling-restart', 'StatefulSet/buntime volume plugins': 'deletes-data'},
    },
    {
      name: 'pvc access mode',
      input: plan([pvc('buntime-apps')], [pvc('buntime-apps', {accessModes: ['ReadWriteMany']})]),
      expected: {'PersistentVolumeClaim/buntime-apps': 'immutable'},
    },
    {
      name: 'pvc explicit class equal to the live default',
      input: plan(
        [pvc('buntime-apps')],
        [pvc('buntime-apps', {storageClassName: 'local-path'})],
        [pvc('buntime-apps', {storageClassName: 'local-path'})],
      ),
      expected: {'PersistentVolumeClaim/buntime-apps': 'in-place'},
    },
    {
      name: 'pvc explicit class different from live',
      input: plan(
        [pvc('buntime-apps')],
        [pvc('buntime-apps', {storageClassName: 'nfs'})],
        [pvc('buntime-apps', {storageClassName: 'local-path'})],
      ),
      expected: {'PersistentVolumeClaim/buntime-apps': 'immutable'},
    },
    {
      name: 'pvc class dropped from the manifest (helm sends a removal)',
      input: plan(
        [pvc('buntime-apps', {storageClassName: 'nfs'})],
        [pvc('buntime-apps')],
        [pvc('buntime-apps', {storageClassName: 'nfs'})],
      ),
      expected: {'PersistentVolumeClaim/buntime-apps': 'immutable'},
    },
    {
      name: 'pvc shrinks',
      input: plan([pvc('buntime-apps', {storage: '10Gi'})], [pvc('buntime-apps', {storage: '5Gi'})]),
      expected: {'PersistentVolumeClaim/buntime-apps': 'immutable'},
    },
    {
      name: 'pvc grows on a class without expansion',
      input: plan(
        [pvc('buntime-apps')],
        [pvc('buntime-apps', {storage: '20Gi'})],
        [pvc('buntime-apps', {storageClassName: 'local-path'})],
      ),
      expected: {'PersistentVolumeClaim/buntime-apps': 'immutable'},
    },
    {
      name: 'pvc grows on an expandable class',
      input: plan(
        [pvc('buntime-apps', {storageClassName: 'nfs'})],
        [pvc('buntime-apps', {storageClassName: 'nfs', storage: '20Gi'})],
        [pvc('buntime-apps', {storageClassName: 'nfs'})],
      ),
      expected: {'PersistentVolumeClaim/buntime-apps': 'in-place'},
    },
    {
      name: 'pvc no longer rendered',
      input: plan([pvc('buntime-apps')], []),
      expected: {'PersistentVolumeClaim/buntime-apps': 'deletes-data'},
    },
    {
      name: 'pvc no longer rendered but kept',
      input: plan([pvc('buntime-apps', {}, {'helm.sh/resource-policy': 'keep'})], []),
      expected: {'PersistentVolumeClaim/buntime-apps': 'delete'},
    },
    {
      name: 'deployment replaced by a statefulset',
      input: plan([{...sts('buntime'), kind: 'Deployment'}], [sts('buntime')]),
      expected: {'Deployment/buntime': 'recreate', 'StatefulSet/buntime': 'create'},
    },
    {name: 'object dropped', input: plan([configMap('old', {})], []), expected: {'ConfigMap/old': 'delete'}},
  ];
  it.each(cases)('$name', ({input, expected}) => {
    expect(labels(input)).toEqual(expected);
  });

  it('never shows Secret values in the diff', () => {
    const [change] = classifyChanges(
      plan([secret('buntime', {TOKEN: 'old-secret-value'})], [secret('buntime', {TOKEN: 'new-secret-value'})]),
    );
    expect(change?.label).toBe('in-place');
    expect(JSON.stringify(change)).not.toMatch(/secret-value/);
    expect(change?.fields[0]?.path).toBe('stringData.TOKEN');
  });

  it('offers to keep the live access mode and class of a shared PVC', () => {
    const [change] = classifyChanges(
      plan(
        [pvc('buntime-plugins')],
        [pvc('buntime-plugins', {accessModes: ['ReadWriteMany'], storageClassName: 'nfs'})],
        [pvc('buntime-plugins', {storageClassName: 'local-path'})],
      ),
    );
    expect(change?.fixes).toEqual([
      {path: 'persistence.plugins.accessMode', value: 'ReadWriteOnce'},
      {path: 'persistence.plugins.storageClass', value: 'local-path'},
    ]);
    expect(change?.safePath).toMatch(/Keep the live claim/);
  });

  it('gives the orphan-delete recipe for a claim template change', () => {
    const [change] = classifyChanges(
      plan(
        [sts('buntime')],
        [
          sts('buntime', {
            claimTemplates: [
              {name: 'state', storage: '1Gi'},
              {name: 'turso', storage: '10Gi'},
            ],
          }),
        ],
      ),
    );
    expect(change?.safePath).toContain('kubectl -n zomme delete statefulset buntime --cascade=orphan');
    expect(change?.fixes).toContainEqual({path: 'persistence.state.size', value: '500Mi'});
  });
});
