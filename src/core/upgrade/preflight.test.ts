import {describe, expect, it} from 'vitest';
import {pvc} from '../../../test/fixtures/kube-objects.js';
import {mergeValues, type Values} from '../values/paths.js';
import {preflightChecks, targetReplicas, type PreflightInput} from './preflight.js';
import type {StorageClassFact} from './types.js';

const LOCAL: StorageClassFact = {
  name: 'local-path',
  provisioner: 'rancher.io/local-path',
  isDefault: true,
  rwx: 'no',
  allowVolumeExpansion: false,
};
const NFS: StorageClassFact = {
  name: 'nfs',
  provisioner: 'nfs.csi.k8s.io',
  isDefault: false,
  rwx: 'yes',
  allowVolumeExpansion: true,
};

const DAY_ZERO: Values = {
  replicaCount: 1,
  buntime: {authDb: {mode: 'local'}},
  plugins: {turso: {mode: 'local'}},
  persistence: {
    plugins: {accessMode: 'ReadWriteOnce', storageClass: ''},
    apps: {accessMode: 'ReadWriteOnce', storageClass: ''},
  },
  tursoServer: {enabled: false, backup: {enabled: false}},
};
const MULTI_POD: Values = mergeValues(DAY_ZERO, {
  replicaCount: 3,
  buntime: {authDb: {mode: 'sync'}},
  plugins: {turso: {mode: 'sync'}},
  persistence: {
    plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
    apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
  },
  tursoServer: {enabled: true, backup: {enabled: true}},
});

function input(target: Values, extra: Partial<PreflightInput> = {}): PreflightInput {
  return {
    target,
    fullname: 'buntime',
    namespace: 'zomme',
    cluster: {readyNodes: 3, storageClasses: [LOCAL, NFS]},
    existingCredentials: [],
    ...extra,
  };
}

function ids(checks: ReturnType<typeof preflightChecks>): string[] {
  return checks.map((check) => `${check.severity}:${check.id}`);
}

describe('preflightChecks', () => {
  it('day zero needs nothing', () => {
    expect(ids(preflightChecks(input(DAY_ZERO)))).toEqual([]);
  });

  it('turso-server: tokens are generated, or kept when the Secret has them', () => {
    expect(preflightChecks(input(MULTI_POD)).find((check) => check.id === 'turso-tokens')?.message).toMatch(
      /generated now/,
    );
    expect(
      preflightChecks(input(MULTI_POD, {existingCredentials: ['tursoAuthToken', 'tursoAdminToken']})).find(
        (check) => check.id === 'turso-tokens',
      )?.message,
    ).toMatch(/kept/);
  });

  it('render only: the tokens go to the 0600 file, not the credentials Secret', () => {
    const message = preflightChecks(input(MULTI_POD, {secretsFile: 'buntime.secrets.yaml'})).find(
      (check) => check.id === 'turso-tokens',
    )?.message;
    expect(message).toBe(
      'turso-server tokens: generated now and written only to buntime.secrets.yaml (mode 0600), never to the values.',
    );
  });

  it('more pods than nodes is worth a note', () => {
    expect(ids(preflightChecks(input(MULTI_POD, {cluster: {readyNodes: 1, storageClasses: [LOCAL, NFS]}})))).toContain(
      'info:node-count',
    );
  });

  it('upgrade: live RWO claim vs RWX target across nodes explains the data migration', () => {
    const live = {
      values: DAY_ZERO,
      objects: [
        pvc('buntime-plugins', {storageClassName: 'local-path'}),
        pvc('buntime-apps', {accessModes: ['ReadWriteMany'], storageClassName: 'nfs'}),
      ],
    };
    const checks = preflightChecks(input(MULTI_POD, {live}));
    const migration = checks.filter((check) => check.id === 'pvc-access-mode');
    expect(migration).toHaveLength(1);
    expect(migration[0]?.severity).toBe('error');
    expect(migration[0]?.message).toContain('buntime-plugins');
    expect(migration[0]?.hint).toMatch(/copy the data back/);
    expect(migration[0]?.fixes).toBeUndefined();
    expect(ids(checks)).toContain('warning:api-keys-reset');
  });

  it('upgrade: live RWO claim on a single node can simply keep RWO', () => {
    const live = {values: DAY_ZERO, objects: [pvc('buntime-plugins', {storageClassName: 'local-path'})]};
    const check = preflightChecks(
      input(MULTI_POD, {live, cluster: {readyNodes: 1, storageClasses: [LOCAL, NFS]}}),
    ).find((entry) => entry.id === 'pvc-access-mode');
    expect(check?.fixes).toEqual([{path: 'persistence.plugins.accessMode', value: 'ReadWriteOnce'}]);
  });

  it('upgrade that keeps the live access modes has no migration check', () => {
    const live = {
      values: DAY_ZERO,
      objects: [
        pvc('buntime-plugins', {accessModes: ['ReadWriteMany']}),
        pvc('buntime-apps', {accessModes: ['ReadWriteMany']}),
      ],
    };
    expect(ids(preflightChecks(input(MULTI_POD, {live})))).not.toContain('error:pvc-access-mode');
  });

  it('upgrade of a release that has backups offers a backup first', () => {
    const checks = preflightChecks(input(MULTI_POD, {live: {values: MULTI_POD, objects: []}}));
    expect(checks.find((entry) => entry.id === 'backup-first')?.action).toBe('backup-first');
  });

  it('counts autoscaling max replicas as the pod count', () => {
    expect(targetReplicas({replicaCount: 1, autoscaling: {enabled: true, maxReplicas: 5}})).toBe(5);
    expect(targetReplicas({replicaCount: 2})).toBe(2);
  });
});
