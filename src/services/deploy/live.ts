import type {HelmTarget} from '../../adapters/helm/release.js';
import {releaseAllValues, releaseHistory, releaseManifest, releaseUserValues} from '../../adapters/helm/release.js';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {readCredentials} from '../../adapters/kube/credentials-secret.js';
import {releaseStorage} from '../../adapters/kube/release-objects.js';
import {credentialsSecretName, type Credentials} from '../../core/credentials/keys.js';
import {parseManifest, type KubeObject} from '../../core/upgrade/manifest.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {releaseHealth, type HistoryEntry, type ReleaseHealth} from '../../core/upgrade/recovery.js';
import type {Values} from '../../core/values/paths.js';

/** The deployed release as an upgrade needs it. Holds secrets (user values): never display raw. */
export interface DeployedRelease {
  readonly health: ReleaseHealth;
  readonly history: readonly HistoryEntry[];
  /** `helm get values` (user-supplied). */
  readonly userValues: Values;
  /** `helm get values -a`. */
  readonly allValues: Values;
  readonly manifest: readonly KubeObject[];
  /** Live PVCs and StatefulSets. */
  readonly storage: readonly KubeObject[];
  readonly fullname: string;
}

/** What helm says about the release (no cluster objects yet); undefined when it does not exist. */
export type HelmRelease = Omit<DeployedRelease, 'storage'>;

/**
 * `helm history`, `helm get values` (user and all) and `helm get manifest`, all at once: for a
 * release that does not exist the three gets just say "not found", and for one that does, waiting
 * for the history before asking for the rest only added a helm start-up to every upgrade.
 */
export async function readHelmRelease(helm: HelmTarget, signal?: AbortSignal): Promise<HelmRelease | undefined> {
  const gets = Promise.all([
    releaseUserValues(helm, signal),
    releaseAllValues(helm, signal),
    releaseManifest(helm, signal),
  ]);
  // A failed get must not go unhandled while the history is awaited (or when it says "none").
  gets.catch(() => undefined);
  const history = await releaseHistory(helm, signal);
  const health = releaseHealth(history);
  if (health.kind === 'none') return undefined;
  const [userValues, allValues, manifestText] = await gets;
  return {
    health,
    history,
    userValues: userValues ?? {},
    allValues: allValues ?? {},
    manifest: parseManifest(manifestText ?? ''),
    fullname: chartFullname(helm.release, allValues ?? {}),
  };
}

/** Reads the release with helm and its storage with the API; undefined when it does not exist. */
export async function readLiveRelease(
  helm: HelmTarget,
  connection: KubeConnection,
  signal?: AbortSignal,
): Promise<DeployedRelease | undefined> {
  const release = await readHelmRelease(helm, signal);
  return release && withStorage(release, connection, helm.namespace);
}

/** The release with its live PVCs and StatefulSets. */
export async function withStorage(
  release: HelmRelease,
  connection: KubeConnection,
  namespace: string,
): Promise<DeployedRelease> {
  return {...release, storage: await releaseStorage(connection, namespace, release.fullname)};
}

/** The credentials Secret of a release (existing tokens are kept across upgrades). */
export async function readReleaseCredentials(
  connection: KubeConnection,
  namespace: string,
  fullname: string,
  release: string,
): Promise<{exists: boolean; credentials: Credentials; name: string}> {
  const name = credentialsSecretName(fullname);
  const read = await readCredentials(connection, {namespace, name, release});
  return {...read, name};
}
