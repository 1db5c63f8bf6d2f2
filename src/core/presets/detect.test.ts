import {describe, expect, it} from 'vitest';
import {detectPreset} from './detect.js';

const LOCAL_PATH = {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true};
const NFS = {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false};

describe('detectPreset', () => {
  it.each([
    [
      "k3s's local-path default StorageClass",
      {serverVersion: 'v1.36.3', namespaces: ['default'], storageClasses: [LOCAL_PATH, NFS]},
      'k3s',
      'default StorageClass local-path (rancher.io/local-path), as in k3s',
    ],
    [
      'a k3s server version',
      {serverVersion: 'v1.30.4+k3s1', namespaces: [], storageClasses: []},
      'k3s',
      'server v1.30.4+k3s1 (k3s)',
    ],
    [
      'an RKE2 server version',
      {serverVersion: 'v1.28.9+rke2r1', namespaces: ['cattle-system'], storageClasses: [LOCAL_PATH]},
      'rancher',
      'server v1.28.9+rke2r1 (RKE2)',
    ],
    [
      "Rancher's cattle-system namespace",
      {serverVersion: 'v1.29.1', namespaces: ['cattle-system'], storageClasses: [NFS]},
      'rancher',
      'namespace cattle-system (managed by Rancher)',
    ],
    [
      "OpenShift's namespaces",
      {serverVersion: 'v1.27.6+f67aeb3', namespaces: ['openshift-config', 'default'], storageClasses: []},
      'openshift',
      'namespace openshift-config (OpenShift)',
    ],
  ])('%s', (_name, facts, preset, reason) => {
    expect(detectPreset(facts)).toEqual({preset, reason});
  });

  it('says nothing for a cluster it cannot tell', () => {
    expect(detectPreset({serverVersion: 'v1.31.0', namespaces: ['default'], storageClasses: [NFS]})).toBeUndefined();
  });
});
