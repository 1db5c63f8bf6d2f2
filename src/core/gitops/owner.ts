/**
 * Which GitOps engine owns a release, decided from the live objects alone (pure). A direct helm
 * change to such a release starts a drift fight: the engine reverts it, or its next reconcile fails.
 *
 * The marks each engine leaves (checked against their docs and sources):
 * - Flux helm-controller: a post-renderer labels every object of the release
 *   `helm.toolkit.fluxcd.io/name` + `helm.toolkit.fluxcd.io/namespace` (the HelmRelease).
 * - Argo CD: the `argocd.argoproj.io/tracking-id` annotation (`<app>:<group>/<kind>:<ns>/<name>`,
 *   the default tracking method, also with annotation+label); with the legacy label method only
 *   `app.kubernetes.io/instance`, which Helm charts set too, so it counts only on objects that Helm
 *   did not apply (no `meta.helm.sh/release-name`) and with no Helm release record.
 * - Fleet: `fleet.cattle.io/managed-by-kind/-namespace/-name` labels (newer agents) and the
 *   wrangler apply marks `objectset.rio.cattle.io/hash` + `objectset.rio.cattle.io/id` on every
 *   object its agent deploys.
 * - k3s helm-controller: a `helm.cattle.io/v1` HelmChart named after the release that targets its
 *   namespace, and the `helmcharts.helm.cattle.io/configHash` label its install Job puts on the
 *   Helm release record.
 */

export type GitopsEngine = 'flux' | 'argocd' | 'k3s' | 'fleet';

export const ENGINE_NAMES: Readonly<Record<GitopsEngine, string>> = {
  flux: 'Flux',
  argocd: 'Argo CD',
  k3s: "k3s's helm-controller",
  fleet: 'Rancher Fleet',
};

/** Metadata of one live object (only what the marks need; no data, no spec). */
export interface LiveMeta {
  readonly kind: string;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface HelmChartMeta {
  readonly namespace: string;
  readonly name: string;
  /** spec.targetNamespace (the release namespace); the HelmChart's own namespace when unset. */
  readonly targetNamespace?: string;
}

export interface OwnershipEvidence {
  /** Labels of the release's Helm storage records (`owner=helm,name=<release>`). */
  readonly releaseRecords: readonly Readonly<Record<string, string>>[];
  /** The release's live objects (`app.kubernetes.io/instance=<release>`). */
  readonly objects: readonly LiveMeta[];
  /** helm.cattle.io HelmCharts in the cluster (empty when the CRD is absent). */
  readonly helmCharts: readonly HelmChartMeta[];
}

export interface EngineOwner {
  readonly engine: GitopsEngine;
  /** e.g. "Flux" */
  readonly engineName: string;
  /** What holds the desired state, e.g. "HelmRelease flux-system/buntime". */
  readonly owner: string;
  /** The mark that was found, e.g. "label helm.toolkit.fluxcd.io/name on StatefulSet buntime". */
  readonly evidence: string;
}

const FLUX_NAME = 'helm.toolkit.fluxcd.io/name';
const FLUX_NAMESPACE = 'helm.toolkit.fluxcd.io/namespace';
const ARGO_TRACKING = 'argocd.argoproj.io/tracking-id';
const INSTANCE = 'app.kubernetes.io/instance';
const FLEET_KIND = 'fleet.cattle.io/managed-by-kind';
const FLEET_NAMESPACE = 'fleet.cattle.io/managed-by-namespace';
const FLEET_NAME = 'fleet.cattle.io/managed-by-name';
const OBJECTSET_HASH = 'objectset.rio.cattle.io/hash';
const OBJECTSET_ID = 'objectset.rio.cattle.io/id';
const OBJECTSET_OWNER_GVK = 'objectset.rio.cattle.io/owner-gvk';
const K3S_CONFIG_HASH = 'helmcharts.helm.cattle.io/configHash';
const HELM_RELEASE_NAME = 'meta.helm.sh/release-name';

function owned(engine: GitopsEngine, owner: string, evidence: string): EngineOwner {
  return {engine, engineName: ENGINE_NAMES[engine], owner, evidence};
}

function where(object: LiveMeta): string {
  return `${object.kind} ${object.name}`;
}

function flux(objects: readonly LiveMeta[]): EngineOwner | undefined {
  const object = objects.find((item) => item.labels?.[FLUX_NAME]);
  if (!object) return undefined;
  const name = object.labels?.[FLUX_NAME] as string;
  const namespace = object.labels?.[FLUX_NAMESPACE];
  return owned(
    'flux',
    `HelmRelease ${namespace ? `${namespace}/` : ''}${name}`,
    `label ${FLUX_NAME} on ${where(object)}`,
  );
}

/** The Application of a tracking id `<app>:<group>/<kind>:<ns>/<name>` (`<app-ns>_<app>` for apps in any namespace). */
export function argoApplication(trackingId: string): string {
  const app = trackingId.split(':')[0] ?? trackingId;
  const [appNamespace, appName] = app.includes('_') ? app.split('_', 2) : [undefined, app];
  return `Application ${appNamespace ? `${appNamespace}/` : ''}${appName}`;
}

function argo(objects: readonly LiveMeta[], hasRecord: boolean): EngineOwner | undefined {
  const tracked = objects.find((item) => item.annotations?.[ARGO_TRACKING]);
  if (tracked) {
    return owned(
      'argocd',
      argoApplication(tracked.annotations?.[ARGO_TRACKING] as string),
      `annotation ${ARGO_TRACKING} on ${where(tracked)}`,
    );
  }
  // Legacy label tracking: Argo CD renders with `helm template` and applies itself, so there is
  // no Helm release record and helm's own ownership annotations are missing.
  if (hasRecord) return undefined;
  const labelled = objects.find((item) => item.labels?.[INSTANCE] && !item.annotations?.[HELM_RELEASE_NAME]);
  if (!labelled) return undefined;
  return owned(
    'argocd',
    `Application ${labelled.labels?.[INSTANCE] as string}`,
    `tracking label ${INSTANCE} on ${where(labelled)}, which no Helm release applied`,
  );
}

function fleet(objects: readonly LiveMeta[]): EngineOwner | undefined {
  const labelled = objects.find((item) => item.labels?.[FLEET_KIND]);
  if (labelled) {
    const labels = labelled.labels ?? {};
    const kind = labels[FLEET_KIND] === 'helmop' ? 'HelmOp' : labels[FLEET_KIND] === 'bundle' ? 'Bundle' : 'GitRepo';
    return owned(
      'fleet',
      `${kind} ${labels[FLEET_NAMESPACE] ? `${labels[FLEET_NAMESPACE]}/` : ''}${labels[FLEET_NAME] ?? ''}`,
      `label ${FLEET_KIND} on ${where(labelled)}`,
    );
  }
  // k3s's own manifests folder (Addons) uses the same wrangler marks, with an Addon owner.
  const applied = objects.find(
    (item) =>
      item.labels?.[OBJECTSET_HASH] &&
      item.annotations?.[OBJECTSET_ID] &&
      !item.annotations?.[OBJECTSET_OWNER_GVK]?.includes('k3s.cattle.io'),
  );
  if (!applied) return undefined;
  return owned(
    'fleet',
    `bundle deployment ${applied.annotations?.[OBJECTSET_ID] as string}`,
    `${OBJECTSET_HASH} / ${OBJECTSET_ID} on ${where(applied)}`,
  );
}

function k3s(release: string, namespace: string, evidence: OwnershipEvidence): EngineOwner | undefined {
  const chart = evidence.helmCharts.find(
    (item) => item.name === release && (item.targetNamespace || item.namespace) === namespace,
  );
  if (chart)
    return owned('k3s', `HelmChart ${chart.namespace}/${chart.name}`, `HelmChart ${chart.namespace}/${chart.name}`);
  if (evidence.releaseRecords.some((labels) => labels[K3S_CONFIG_HASH])) {
    return owned('k3s', `HelmChart ${release}`, `label ${K3S_CONFIG_HASH} on the Helm release record`);
  }
  const addon = evidence.objects.find((item) => item.annotations?.[OBJECTSET_OWNER_GVK]?.includes('k3s.cattle.io'));
  if (addon) {
    return owned(
      'k3s',
      `manifests folder Addon ${addon.annotations?.['objectset.rio.cattle.io/owner-name'] ?? ''}`.trim(),
      `${OBJECTSET_OWNER_GVK} on ${where(addon)}`,
    );
  }
  return undefined;
}

/** The engine that owns release `release` in `namespace`, or undefined when helm alone manages it. */
export function detectOwner(release: string, namespace: string, evidence: OwnershipEvidence): EngineOwner | undefined {
  const hasRecord = evidence.releaseRecords.length > 0;
  return (
    flux(evidence.objects) ??
    (evidence.objects.some((item) => item.annotations?.[ARGO_TRACKING])
      ? argo(evidence.objects, hasRecord)
      : undefined) ??
    fleet(evidence.objects) ??
    k3s(release, namespace, evidence) ??
    argo(evidence.objects, hasRecord)
  );
}
