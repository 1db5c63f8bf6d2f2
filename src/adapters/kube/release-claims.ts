import type * as k8s from '@kubernetes/client-node';
import type {ClaimFact} from '../../core/operate/claims.js';
import {ExternalError} from '../../core/errors.js';
import {apiReason, apiStatus, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

const TIMEOUT_MS = 15_000;
type Conn = Pick<KubeConnection, 'core'>;

/** A PVC reduced to the facts uninstall, re-install and plugins decide on. */
export function claimFact(claim: k8s.V1PersistentVolumeClaim): ClaimFact {
  const request = claim.spec?.resources?.requests?.['storage'];
  const capacity = claim.status?.capacity?.['storage'];
  const helmRelease = claim.metadata?.annotations?.['meta.helm.sh/release-name'];
  return {
    name: claim.metadata?.name ?? '',
    uid: claim.metadata?.uid ?? '',
    storageClass: claim.spec?.storageClassName ?? '',
    accessModes: claim.spec?.accessModes ?? [],
    ...(request !== undefined ? {request: String(request)} : {}),
    ...(capacity !== undefined ? {capacity: String(capacity)} : {}),
    phase: claim.status?.phase ?? 'Pending',
    keep: claim.metadata?.annotations?.['helm.sh/resource-policy'] === 'keep',
    ...(helmRelease ? {helmRelease} : {}),
  };
}

/** Every PVC of the namespace (callers pick the release's by name: core/operate/claims.ts). */
export async function listClaims(conn: Conn, namespace: string, signal?: AbortSignal): Promise<ClaimFact[]> {
  try {
    const list = await conn.core.listNamespacedPersistentVolumeClaim({namespace}, callOptions(TIMEOUT_MS, signal));
    return list.items.map(claimFact);
  } catch (error) {
    if (apiStatus(error) === 404) return [];
    throw new ExternalError(`Could not list the PVCs of namespace ${namespace}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} get pvc`,
    });
  }
}

/** The credentials Secret's identity and key names (never its values), or undefined when absent. */
export async function secretMeta(
  conn: Conn,
  namespace: string,
  name: string,
): Promise<{name: string; uid: string; keys: string[]; resourceVersion: string} | undefined> {
  try {
    const secret = await conn.core.readNamespacedSecret({namespace, name}, callOptions(TIMEOUT_MS));
    return {
      name,
      uid: secret.metadata?.uid ?? '',
      keys: Object.keys(secret.data ?? {}).sort(),
      resourceVersion: secret.metadata?.resourceVersion ?? '',
    };
  } catch (error) {
    if (apiStatus(error) === 404) return undefined;
    throw new ExternalError(`Could not read Secret ${namespace}/${name}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} get secret ${name}`,
    });
  }
}

/**
 * Deletes exactly these claims (each by name and UID, so a claim re-created meanwhile is left
 * alone). Returns the names the API accepted; a claim already gone counts as deleted.
 */
export async function deleteClaims(
  conn: Conn,
  namespace: string,
  claims: readonly {name: string; uid: string}[],
): Promise<string[]> {
  const deleted: string[] = [];
  for (const claim of claims) {
    try {
      await conn.core.deleteNamespacedPersistentVolumeClaim(
        {namespace, name: claim.name, uid: claim.uid},
        callOptions(TIMEOUT_MS),
      );
      deleted.push(claim.name);
    } catch (error) {
      if (apiStatus(error) === 404) {
        deleted.push(claim.name);
        continue;
      }
      throw new ExternalError(`Could not delete PVC ${namespace}/${claim.name}: ${apiReason(error)}.`, {
        command: `kubectl -n ${namespace} delete pvc ${claim.name}`,
      });
    }
  }
  return deleted;
}

/** Deletes the Secret by name and UID; false when it was already gone. */
export async function deleteSecret(conn: Conn, namespace: string, name: string, uid: string): Promise<boolean> {
  try {
    await conn.core.deleteNamespacedSecret({namespace, name, uid}, callOptions(TIMEOUT_MS));
    return true;
  } catch (error) {
    if (apiStatus(error) === 404) return false;
    throw new ExternalError(`Could not delete Secret ${namespace}/${name}: ${apiReason(error)}.`, {
      command: `kubectl -n ${namespace} delete secret ${name}`,
    });
  }
}

/**
 * Waits until the claims are really gone (the pvc-protection finalizer holds a claim until no pod
 * uses it). Resolves with the names still there when `timeoutMs` runs out.
 */
export async function waitClaimsGone(
  conn: Conn,
  namespace: string,
  names: readonly string[],
  options: {timeoutMs: number; intervalMs?: number; signal?: AbortSignal},
): Promise<string[]> {
  const deadline = Date.now() + options.timeoutMs;
  let left = [...names];
  while (left.length > 0 && Date.now() < deadline && !options.signal?.aborted) {
    const present = new Set((await listClaims(conn, namespace, options.signal)).map((claim) => claim.name));
    left = left.filter((name) => present.has(name));
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
  return left;
}
