/**
 * Cluster-aware storage rules (run only with a cluster context): named classes exist, a default class
 * exists when none is named, and ReadWriteMany is asked only of classes that can give it.
 */
import {storageCapability} from '../storage-classes.js';
import {flag, text} from './read.js';
import type {Finding} from '../findings.js';
import {type ClusterContext, type ClusterStorageClass, type Rule, finding} from './types.js';

/** [storageClass path, accessMode path or undefined when always RWO, label]. */
const VOLUMES: ReadonlyArray<readonly [string, string | undefined, string]> = [
  ['persistence.plugins.storageClass', 'persistence.plugins.accessMode', 'plugins volume'],
  ['persistence.apps.storageClass', 'persistence.apps.accessMode', 'apps volume'],
  ['persistence.state.storageClass', undefined, 'state volumes'],
  ['persistence.turso.storageClass', undefined, 'turso volumes'],
  ['tursoServer.persistence.storageClass', undefined, 'turso-server volume'],
];

function defaultClass(cluster: ClusterContext): ClusterStorageClass | undefined {
  const classes = cluster.storageClasses ?? [];
  return classes.find((item) => item.name === cluster.defaultStorageClass) ?? classes.find((item) => item.isDefault);
}

function capabilityOf(item: ClusterStorageClass): ReturnType<typeof storageCapability> {
  const table = storageCapability(item.provisioner, item.parameters);
  return item.capability ? {...table, capability: item.capability} : table;
}

export const storageClassRule: Rule = {
  id: 'storage.class',
  severity: 'error',
  description:
    'With a cluster: storage classes exist, a default exists when none is named, and RWX is asked only of RWX-capable classes.',
  check: ({values, cluster}) => {
    if (!cluster?.storageClasses) return [];
    const out: Finding[] = [];
    const names = cluster.storageClasses.map((item) => item.name);
    for (const [classPath, modePath, label] of VOLUMES) {
      if (classPath.startsWith('tursoServer.') && !flag(values, 'tursoServer.enabled')) continue;
      if (classPath === 'persistence.turso.storageClass' && text(values, 'persistence.turso.type') === 'emptyDir')
        continue;
      const name = text(values, classPath);
      const item =
        name === '' ? defaultClass(cluster) : cluster.storageClasses.find((candidate) => candidate.name === name);
      if (name !== '' && !item) {
        out.push(
          finding(
            storageClassRule,
            `${classPath} '${name}' does not exist in the cluster: the ${label} would stay Pending`,
            {path: classPath, hint: `Existing classes: ${names.join(', ') || 'none'}.`},
          ),
        );
        continue;
      }
      if (!item) {
        out.push(
          finding(storageClassRule, `the ${label} uses the default storage class, but the cluster has none`, {
            path: classPath,
            hint: `Name a class in ${classPath} (existing: ${names.join(', ') || 'none'}).`,
          }),
        );
        continue;
      }
      if (!modePath || text(values, modePath) !== 'ReadWriteMany') continue;
      const capability = capabilityOf(item);
      if (capability.capability === 'rwo') {
        const rwx = cluster.storageClasses
          .filter((candidate) => capabilityOf(candidate).capability === 'rwx')
          .map((candidate) => candidate.name);
        out.push(
          finding(
            storageClassRule,
            `${modePath}=ReadWriteMany, but storage class '${item.name}' (${capability.label}) only gives ReadWriteOnce: the ${label} would never bind`,
            {
              path: classPath,
              hint:
                rwx.length > 0
                  ? `Use an RWX class: ${rwx.join(', ')}.`
                  : 'Install an RWX provisioner (e.g. nfs.csi.k8s.io, Longhorn) or run one replica with ReadWriteOnce.',
            },
          ),
        );
      } else if (capability.capability === 'unknown') {
        out.push(
          finding(
            storageClassRule,
            `storage class '${item.name}' (provisioner ${item.provisioner}) is not known to support ReadWriteMany`,
            {path: classPath, severity: 'warning', hint: 'The wizard can create a small test PVC to find out.'},
          ),
        );
      } else if (capability.note) {
        out.push(
          finding(storageClassRule, `storage class '${item.name}': ${capability.note}`, {
            path: classPath,
            severity: 'warning',
          }),
        );
      }
    }
    return out;
  },
};
