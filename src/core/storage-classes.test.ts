import {describe, expect, it} from 'vitest';
import {knownRwxProvisioners, storageCapability} from './storage-classes.js';

describe('storageCapability', () => {
  it.each([
    ['rancher.io/local-path', {}, 'rwo'],
    ['kubernetes.io/host-path', {}, 'rwo'],
    ['ebs.csi.aws.com', {}, 'rwo'],
    ['pd.csi.storage.gke.io', {}, 'rwo'],
    ['disk.csi.azure.com', {}, 'rwo'],
    ['openebs.io/local', {}, 'rwo'],
    ['rbd.csi.ceph.com', {}, 'rwo'],
    ['nfs.csi.k8s.io', {}, 'rwx'],
    ['k8s-sigs.io/nfs-subdir-external-provisioner', {}, 'rwx'],
    ['cephfs.csi.ceph.com', {}, 'rwx'],
    ['driver.longhorn.io', {}, 'rwx'],
    ['efs.csi.aws.com', {}, 'rwx'],
    ['file.csi.azure.com', {}, 'rwx'],
    ['manila.csi.openstack.org', {}, 'rwx'],
    ['csi.trident.netapp.io', {backendType: 'ontap-nas-economy'}, 'rwx'],
    ['csi.trident.netapp.io', {backendType: 'ontap-san'}, 'unknown'],
    ['csi.vsphere.vmware.com', {'csi.storage.k8s.io/fstype': 'nfs4'}, 'rwx'],
    ['csi.vsphere.vmware.com', {}, 'rwo'],
    ['pxd.portworx.com', {sharedv4: 'true'}, 'rwx'],
    ['pxd.portworx.com', {}, 'rwo'],
    ['example.com/unknown', {}, 'unknown'],
  ] as const)('%s %j → %s', (provisioner, parameters, capability) => {
    expect(storageCapability(provisioner, parameters).capability).toBe(capability);
  });

  it('explains what Longhorn RWX needs on the nodes', () => {
    expect(storageCapability('driver.longhorn.io').note).toMatch(/NFSv4 client/);
    expect(storageCapability('rancher.io/local-path').note).toMatch(/single node/);
  });

  it('lists RWX provisioners for hints', () => {
    expect(knownRwxProvisioners()).toEqual(
      expect.arrayContaining(['nfs.csi.k8s.io', 'driver.longhorn.io', 'cephfs.csi.ceph.com']),
    );
    expect(knownRwxProvisioners()).not.toContain('rancher.io/local-path');
  });
});
