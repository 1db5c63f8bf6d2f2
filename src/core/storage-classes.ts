/**
 * Can a StorageClass give ReadWriteMany volumes? Kubernetes has no field that says so, so we keep a
 * table of provisioners (refined by parameters where a driver serves both kinds). The wizard's start
 * screen shows it and the replicaCount > 1 rule uses it. `unknown` means "not in the table": the
 * wizard should offer a probe PVC rather than guess.
 */
export type RwxCapability = 'rwx' | 'rwo' | 'unknown';

export interface StorageCapability {
  readonly capability: RwxCapability;
  /** One line for the start screen, e.g. "NFS CSI driver". */
  readonly label: string;
  /** What the cluster needs for RWX to work, or why it cannot. */
  readonly note?: string;
}

interface Entry extends StorageCapability {
  readonly provisioners: readonly string[];
  /** Parameter refinement: the entry applies only when this returns true. */
  readonly when?: (parameters: Readonly<Record<string, string>>) => boolean;
}

const lower = (parameters: Readonly<Record<string, string>>, key: string): string =>
  (parameters[key] ?? '').toLowerCase();

// Order matters: parameter-refined entries come before the general entry of the same provisioner.
const TABLE: readonly Entry[] = [
  {provisioners: ['nfs.csi.k8s.io'], capability: 'rwx', label: 'NFS CSI driver'},
  {
    provisioners: [
      'k8s-sigs.io/nfs-subdir-external-provisioner',
      'cluster.local/nfs-subdir-external-provisioner',
      'nfs-subdir-external-provisioner',
    ],
    capability: 'rwx',
    label: 'NFS subdir provisioner',
  },
  {provisioners: ['cephfs.csi.ceph.com', 'openshift-storage.cephfs.csi.ceph.com'], capability: 'rwx', label: 'CephFS'},
  {provisioners: ['efs.csi.aws.com'], capability: 'rwx', label: 'AWS EFS'},
  {provisioners: ['file.csi.azure.com', 'kubernetes.io/azure-file'], capability: 'rwx', label: 'Azure Files'},
  {provisioners: ['manila.csi.openstack.org'], capability: 'rwx', label: 'OpenStack Manila'},
  {provisioners: ['spectrumscale.csi.ibm.com'], capability: 'rwx', label: 'IBM Spectrum Scale'},
  {provisioners: ['filestore.csi.storage.gke.io'], capability: 'rwx', label: 'GKE Filestore'},
  {
    provisioners: ['driver.longhorn.io'],
    capability: 'rwx',
    label: 'Longhorn (RWX through a share-manager NFS server)',
    note: 'Every node needs an NFSv4 client (nfs-common / nfs-utils) and a unique hostname, or RWX mounts fail.',
  },
  {
    provisioners: ['csi.trident.netapp.io'],
    when: (p) => lower(p, 'backendtype').startsWith('ontap-nas'),
    capability: 'rwx',
    label: 'NetApp Trident (ONTAP NAS)',
  },
  {
    provisioners: ['csi.trident.netapp.io'],
    capability: 'unknown',
    label: 'NetApp Trident',
    note: 'RWX only with an ontap-nas backend.',
  },
  {
    provisioners: ['pxd.portworx.com', 'kubernetes.io/portworx-volume'],
    when: (p) => lower(p, 'sharedv4') === 'true' || 'sharedv4_mount_options' in p,
    capability: 'rwx',
    label: 'Portworx sharedv4',
  },
  {
    provisioners: ['pxd.portworx.com', 'kubernetes.io/portworx-volume'],
    capability: 'rwo',
    label: 'Portworx',
    note: 'Set sharedv4: "true" for RWX.',
  },
  {
    provisioners: ['csi.vsphere.vmware.com'],
    when: (p) => lower(p, 'csi.storage.k8s.io/fstype') === 'nfs4' || lower(p, 'csi.storage.k8s.io/fstype') === 'nfs',
    capability: 'rwx',
    label: 'vSphere (vSAN file services)',
  },
  {provisioners: ['csi.vsphere.vmware.com'], capability: 'rwo', label: 'vSphere block volumes'},
  {
    provisioners: ['csi-isilon.dellemc.com', 'csi-unity.dellemc.com/nfs', 'csi-powerstore.dellemc.com/nfs'],
    capability: 'rwx',
    label: 'Dell NFS',
  },
  {
    provisioners: ['rancher.io/local-path'],
    capability: 'rwo',
    label: 'local-path (k3s/kind default)',
    note: 'Only ReadWriteOnce; several pods can share it only on a single node.',
  },
  {
    provisioners: [
      'kubernetes.io/host-path',
      'hostpath.csi.k8s.io',
      'k8s.io/minikube-hostpath',
      'microk8s.io/hostpath',
      'docker.io/hostpath',
    ],
    capability: 'rwo',
    label: 'hostPath',
  },
  {provisioners: ['kubernetes.io/no-provisioner'], capability: 'rwo', label: 'local static volumes'},
  {provisioners: ['openebs.io/local', 'local.csi.openebs.io'], capability: 'rwo', label: 'OpenEBS local'},
  {provisioners: ['topolvm.io', 'topolvm.cybozu.com'], capability: 'rwo', label: 'TopoLVM'},
  {provisioners: ['ebs.csi.aws.com', 'kubernetes.io/aws-ebs'], capability: 'rwo', label: 'AWS EBS'},
  {provisioners: ['disk.csi.azure.com', 'kubernetes.io/azure-disk'], capability: 'rwo', label: 'Azure Disk'},
  {provisioners: ['pd.csi.storage.gke.io', 'kubernetes.io/gce-pd'], capability: 'rwo', label: 'GCE Persistent Disk'},
  {provisioners: ['dobs.csi.digitalocean.com'], capability: 'rwo', label: 'DigitalOcean Volumes'},
  {provisioners: ['csi.hetzner.cloud'], capability: 'rwo', label: 'Hetzner Cloud Volumes'},
  {
    provisioners: ['rbd.csi.ceph.com', 'openshift-storage.rbd.csi.ceph.com'],
    capability: 'rwo',
    label: 'Ceph RBD',
    note: 'RWX only in Block mode, which the chart does not use.',
  },
  {provisioners: ['cinder.csi.openstack.org'], capability: 'rwo', label: 'OpenStack Cinder'},
];

/** The capability of a provisioner, refined by the StorageClass parameters when the driver needs it. */
export function storageCapability(
  provisioner: string,
  parameters: Readonly<Record<string, string>> = {},
): StorageCapability {
  const normalized: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) normalized[key.toLowerCase()] = value;
  const entry = TABLE.find(
    (candidate) => candidate.provisioners.includes(provisioner) && (!candidate.when || candidate.when(normalized)),
  );
  if (!entry)
    return {
      capability: 'unknown',
      label: provisioner,
      note: 'Not a provisioner we know; a test PVC with ReadWriteMany tells for sure.',
    };
  return {capability: entry.capability, label: entry.label, ...(entry.note ? {note: entry.note} : {})};
}

/** Provisioners known to give RWX (for hints like "install nfs.csi.k8s.io"). */
export function knownRwxProvisioners(): string[] {
  return [
    ...new Set(
      TABLE.filter((entry) => entry.capability === 'rwx' && !entry.when).flatMap((entry) => entry.provisioners),
    ),
  ];
}
