import type {KubeObject} from '../../core/upgrade/manifest.js';
import {ExternalError} from '../../core/errors.js';
import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

const TIMEOUT_MS = 15_000;

/** client-node list items carry no kind/apiVersion; the planner keys objects by kind. */
function asObject(kind: string, apiVersion: string, item: object): KubeObject {
  return JSON.parse(JSON.stringify({...item, kind, apiVersion})) as KubeObject;
}

/**
 * The live storage of a release, for the upgrade planner and for "same PVC" checks: every PVC in
 * the namespace whose name belongs to the release (shared `<fullname>-*`, per-pod `<tpl>-<fullname>-N`)
 * and the release's StatefulSets.
 */
export async function releaseStorage(
  connection: KubeConnection,
  namespace: string,
  fullname: string,
): Promise<KubeObject[]> {
  try {
    const [claims, sets] = await Promise.all([
      connection.core.listNamespacedPersistentVolumeClaim({namespace}, callOptions(TIMEOUT_MS)),
      connection.apps.listNamespacedStatefulSet({namespace}, callOptions(TIMEOUT_MS)),
    ]);
    const mine = (name: string): boolean => name.startsWith(`${fullname}-`) || name.includes(`-${fullname}-`);
    return [
      ...claims.items
        .filter((claim) => mine(claim.metadata?.name ?? ''))
        .map((claim) => asObject('PersistentVolumeClaim', 'v1', claim)),
      ...sets.items
        .filter((set) => set.metadata?.name === fullname || set.metadata?.name === `${fullname}-turso`)
        .map((set) => asObject('StatefulSet', 'apps/v1', set)),
    ];
  } catch (error) {
    throw new ExternalError(`Could not read the release's PVCs and StatefulSets: ${apiReason(error)}.`, {
      command: `GET /api/v1/namespaces/${namespace}/persistentvolumeclaims`,
    });
  }
}
