import {describe, expect, it} from 'vitest';
import {pvc} from '../../../test/fixtures/kube-objects.js';
import {mergeValues, type Values} from '../values/paths.js';
import {preflightChecks, targetReplicas, type PreflightInput} from './preflight.js';
import type {StorageClassFact} from './types.js';

const LOCAL: StorageClassFact = {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true, rwx: 'no', allowVolumeExpansion: false};
const NFS: StorageClassFact = {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false, rwx: 'yes', allowVolumeExpansion: true};
const ODD: StorageClassFact = {name: 'odd', provisioner: 'example.com/odd', isDefault: false, rwx: 'unknown', allowVolumeExpansion: false};

const DAY_ZERO: Values = {
  replicaCount: 1,
  buntime: {authDb: {mode: 'local'}},
  plugins: {turso: {mode: 'local'}},
  persistence: {plugins: {accessMode: 'ReadWriteOnce', storageClass: ''}, apps: {accessMode: 'ReadWriteOnce', storageClass: ''}},
  tursoServer: {enabled: false, backup: {enabled: false}},
};
const MULTI_POD: Values = mergeValues(DAY_ZERO, {
  replicaCount: 3,
  buntime: {authDb: {mode: 'sync'}},
  plugins: {turso: {mode: 'sync'}},
  persistence: {plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'}, apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'}},
  tursoServer: {enabled: true, backup: {enabled: true}},
});

function input(target: Values, extra: Partial<PreflightInput> = {}): PreflightInput {
  return {target, fullname: 'buntime', namespace: 'zomme', cluster: {readyNodes: 3, storageClasses: [LOCAL, NFS, ODD]}, existingCredentials: [], ...extra};
}

function ids(checks: ReturnType<typeof preflightChecks>): string[] {
  return checks.map((check) => `${check.severity}:${check.id}`);
}

describe('preflightChecks', () => {
  it('day zero on the default class needs nothing', () => {
    expect(ids(preflightChecks(input(DAY_ZERO)))).toEqual([]);
  });

  it('multi-pod on RWX with sync passes, with token info', () => {
    expect(ids(preflightChecks(input(MULTI_POD)))).toEqual(['info:turso-tokens']);
  });

  it('multi-pod on RWO across several nodes is an error for both shared volumes', () => {
    const target = mergeValues(MULTI_POD, {persistence: {plugins: {accessMode: 'ReadWriteOnce', storageClass: ''}, apps: {accessMode: 'ReadWriteOnce', storageClass: ''}}});
    expect(ids(preflightChecks(input(target)))).toEqual(['error:rwx-shared-volumes', 'error:rwx-shared-volumes', 'info:turso-tokens']);
  });

  it('multi-pod on RWO is fine on a single node', () => {
    const target = mergeValues(MULTI_POD, {persistence: {plugins: {accessMode: 'ReadWriteOnce', storageClass: ''}, apps: {accessMode: 'ReadWriteOnce', storageClass: ''}}});
    const checks = preflightChecks(input(target, {cluster: {readyNodes: 1, storageClasses: [LOCAL, NFS]}}));
    expect(ids(checks)).toEqual(['info:rwx-shared-volumes', 'info:rwx-shared-volumes', 'info:node-count', 'info:turso-tokens']);
  });

  it('RWX on a class that cannot do it is an error naming the RWX classes', () => {
    const target = mergeValues(MULTI_POD, {persistence: {plugins: {storageClass: 'local-path'}}});
    const check = preflightChecks(input(target)).find((entry) => entry.id === 'rwx-capable-class');
    expect(check?.severity).toBe('error');
    expect(check?.hint).toContain('nfs');
  });

  it('RWX on an unknown provisioner is a warning', () => {
    const target = mergeValues(MULTI_POD, {persistence: {plugins: {storageClass: 'odd'}}});
    expect(ids(preflightChecks(input(target)))).toContain('warning:rwx-capable-class');
  });

  it('a class that does not exist is an error', () => {
    const target = mergeValues(DAY_ZERO, {persistence: {apps: {storageClass: 'fast'}}});
    expect(ids(preflightChecks(input(target)))).toEqual(['error:storage-class-exists']);
  });

  it('no default class with an unnamed volume is an error', () => {
    const checks = preflightChecks(input(DAY_ZERO, {cluster: {readyNodes: 1, storageClasses: [NFS]}}));
    expect(ids(checks)).toEqual(['error:default-storage-class']);
  });

  it('multi-pod without the sync setup offers the fixes', () => {
    const target = mergeValues(DAY_ZERO, {replicaCount: 3, persistence: MULTI_POD['persistence'] as Values});
    const check = preflightChecks(input(target)).find((entry) => entry.id === 'multi-pod-sync');
    expect(check?.fixes).toEqual([
      {path: 'tursoServer.enabled', value: true},
      {path: 'buntime.authDb.mode', value: 'sync'},
      {path: 'plugins.turso.mode', value: 'sync'},
    ]);
  });

  it('upgrade: live RWO claim vs RWX target across nodes explains the data migration', () => {
    const live = {values: DAY_ZERO, objects: [pvc('buntime-plugins', {storageClassName: 'local-path'}), pvc('buntime-apps', {accessModes: ['ReadWriteMany'], storageClassName: 'nfs'})]};
    const checks = preflightChecks(input(MULTI_POD, {live}));
    const migration = checks.filter((check) => check.id === 'pvc-access-mode');
    expect(migration).toHaveLength(1);
    expect(migration[0]?.message).toContain('buntime-plugins');
    expect(migration[0]?.hint).toMatch(/copy the data back/);
    expect(ids(checks)).toContain('warning:api-keys-reset');
  });

  it('upgrade: live RWO claim on a single node can simply keep RWO', () => {
    const live = {values: DAY_ZERO, objects: [pvc('buntime-plugins', {storageClassName: 'local-path'})]};
    const target = mergeValues(MULTI_POD, {persistence: {plugins: {storageClass: ''}}});
    const check = preflightChecks(input(target, {live, cluster: {readyNodes: 1, storageClasses: [LOCAL, NFS]}})).find((entry) => entry.id === 'pvc-access-mode');
    expect(check?.fixes).toEqual([{path: 'persistence.plugins.accessMode', value: 'ReadWriteOnce'}]);
  });

  it('upgrade of a release that has backups offers a backup first', () => {
    const check = preflightChecks(input(MULTI_POD, {live: {values: MULTI_POD, objects: []}, existingCredentials: ['tursoAuthToken', 'tursoAdminToken']}));
    expect(check.find((entry) => entry.id === 'backup-first')?.action).toBe('backup-first');
    expect(check.find((entry) => entry.id === 'turso-tokens')?.message).toMatch(/kept/);
  });

  it('counts autoscaling max replicas as the pod count', () => {
    expect(targetReplicas({replicaCount: 1, autoscaling: {enabled: true, maxReplicas: 5}})).toBe(5);
    expect(targetReplicas({replicaCount: 2})).toBe(2);
  });
});
