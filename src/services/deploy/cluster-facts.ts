import type {OnlineCluster} from '../../adapters/kube/cluster-info.js';
import type {ClusterContext} from '../../core/rules/types.js';
import {storageCapability} from '../../core/storage-classes.js';
import type {StorageClassFact} from '../../core/upgrade/types.js';

/** Core's RWX table as the yes/no/unknown the screens and the planner use. */
export function rwxOf(
  provisioner: string,
  parameters: Readonly<Record<string, string>> = {},
): 'yes' | 'no' | 'unknown' {
  const capability = storageCapability(provisioner, parameters).capability;
  return capability === 'rwx' ? 'yes' : capability === 'rwo' ? 'no' : 'unknown';
}

/** What the flows, rules and planner need from a reachable cluster. */
export interface ClusterFacts {
  readonly readyNodes: number;
  readonly storageClasses: readonly StorageClassFact[];
  readonly issuers: readonly string[];
  /** False when cert-manager's ClusterIssuer CRD is not installed. */
  readonly issuersInstalled?: boolean;
  /** The same, shaped for core's rules. */
  readonly context: ClusterContext;
}

export function clusterFacts(cluster: OnlineCluster): ClusterFacts {
  const storageClasses = cluster.storageClasses.map((sc) => ({
    name: sc.name,
    provisioner: sc.provisioner,
    isDefault: sc.isDefault,
    rwx: rwxOf(sc.provisioner, sc.parameters),
    allowVolumeExpansion: sc.allowVolumeExpansion,
  }));
  const defaultClass = cluster.storageClasses.find((sc) => sc.isDefault)?.name;
  return {
    readyNodes: cluster.nodes.ready,
    storageClasses,
    issuers: cluster.clusterIssuers.items.map((issuer) => issuer.name),
    issuersInstalled: cluster.clusterIssuers.installed,
    context: {
      nodeCount: cluster.nodes.ready,
      storageClasses: cluster.storageClasses.map((sc) => ({
        name: sc.name,
        provisioner: sc.provisioner,
        parameters: sc.parameters,
        isDefault: sc.isDefault,
      })),
      ...(defaultClass ? {defaultStorageClass: defaultClass} : {}),
    },
  };
}
