import {describe, expect, it} from 'vitest';
import {pvc, sts} from '../../../test/fixtures/kube-objects.js';
import {applyFixes, planUpgrade} from './plan.js';
import type {StorageClassFact} from './types.js';

const CLASSES: StorageClassFact[] = [
  {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true, rwx: 'no', allowVolumeExpansion: false},
];

describe('planUpgrade', () => {
  it('blocks an immutable change and offers the fix that keeps the live claim', () => {
    const target = {
      replicaCount: 1,
      persistence: {
        plugins: {accessMode: 'ReadWriteMany', storageClass: ''},
        apps: {accessMode: 'ReadWriteOnce', storageClass: ''},
      },
    };
    const plan = planUpgrade({
      classify: {
        live: {
          manifest: [pvc('buntime-plugins'), sts('buntime')],
          objects: [pvc('buntime-plugins', {storageClassName: 'local-path'})],
        },
        target: [pvc('buntime-plugins', {accessModes: ['ReadWriteMany']}), sts('buntime')],
        fullname: 'buntime',
        namespace: 'zomme',
        storageClasses: CLASSES,
      },
      preflight: {
        target,
        fullname: 'buntime',
        namespace: 'zomme',
        cluster: {readyNodes: 1, storageClasses: CLASSES},
        existingCredentials: [],
      },
    });
    expect(plan.blockers.length).toBeGreaterThan(0);
    expect(plan.blockers[0]).toContain('PersistentVolumeClaim/buntime-plugins');
    expect(plan.fixes).toContainEqual({path: 'persistence.plugins.accessMode', value: 'ReadWriteOnce'});
    const fixed = applyFixes(target, plan.fixes);
    expect(fixed).toMatchObject({persistence: {plugins: {accessMode: 'ReadWriteOnce'}}});
  });

  it('an install has no changes, only checks', () => {
    const plan = planUpgrade({
      preflight: {
        target: {replicaCount: 1},
        fullname: 'buntime',
        namespace: 'zomme',
        cluster: {readyNodes: 1, storageClasses: CLASSES},
        existingCredentials: [],
      },
    });
    expect(plan).toMatchObject({changes: [], blockers: [], warnings: []});
  });
});
