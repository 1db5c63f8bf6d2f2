import type {OnlineCluster} from '../../src/adapters/kube/cluster-info.js';

/**
 * What the Start screen's inspection finds on a typical small cluster: three Ready nodes, k3s's
 * local-path (RWO, default) and an NFS class (RWX), cert-manager with one issuer, no release yet.
 * Tests override what they are about.
 */
export function onlineCluster(overrides: Partial<OnlineCluster> = {}): OnlineCluster {
  return {
    online: true,
    connection: undefined as never,
    context: 'lab',
    server: 'https://127.0.0.1:6443',
    serverVersion: 'v1.36.3',
    nodes: {total: 3, ready: 3},
    namespace: {name: 'zomme', exists: false},
    namespaces: ['default'],
    storageClasses: [
      {
        name: 'local-path',
        provisioner: 'rancher.io/local-path',
        parameters: {},
        isDefault: true,
        allowVolumeExpansion: false,
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      {
        name: 'nfs',
        provisioner: 'nfs.csi.k8s.io',
        parameters: {},
        isDefault: false,
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
      },
    ],
    clusterIssuers: {installed: true, items: [{name: 'home-ca', ready: true}]},
    releases: [],
    claims: [],
    credentialsSecret: false,
    notes: [],
    ...overrides,
  };
}
