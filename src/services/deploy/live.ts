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

/** Reads the release with helm and its storage with the API; undefined when it does not exist. */
export async function readLiveRelease(
  helm: HelmTarget,
  connection: KubeConnection,
  signal?: AbortSignal,
): Promise<DeployedRelease | undefined> {
  const history = await releaseHistory(helm, signal);
  const health = releaseHealth(history);
  if (health.kind === 'none') return undefined;
  const [userValues, allValues, manifestText] = await Promise.all([
    releaseUserValues(helm, signal),
    releaseAllValues(helm, signal),
    releaseManifest(helm, signal),
  ]);
  const fullname = chartFullname(helm.release, allValues ?? {});
  const storage = await releaseStorage(connection, helm.namespace, fullname);
  return {
    health,
    history,
    userValues: userValues ?? {},
    allValues: allValues ?? {},
    manifest: parseManifest(manifestText ?? ''),
    storage,
    fullname,
  };
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
