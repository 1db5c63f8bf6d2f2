import {describe, expect, it} from 'vitest';
import {argoApplication, detectOwner, type LiveMeta, type OwnershipEvidence} from './owner.js';

const HELM = {'meta.helm.sh/release-name': 'buntime', 'meta.helm.sh/release-namespace': 'apps'};
const CHART_LABELS = {'app.kubernetes.io/instance': 'buntime', 'app.kubernetes.io/managed-by': 'Helm'};
const RECORD = {owner: 'helm', name: 'buntime', status: 'deployed', version: '2'};

function evidence(objects: LiveMeta[], extra: Partial<OwnershipEvidence> = {}): OwnershipEvidence {
  return {releaseRecords: [RECORD], objects, helmCharts: [], ...extra};
}

function sts(labels: Record<string, string> = {}, annotations: Record<string, string> = HELM): LiveMeta {
  return {kind: 'StatefulSet', name: 'buntime', labels: {...CHART_LABELS, ...labels}, annotations};
}

describe('detectOwner', () => {
  it('a release helm alone installed has no owner', () => {
    expect(detectOwner('buntime', 'apps', evidence([sts()]))).toBeUndefined();
    expect(detectOwner('buntime', 'apps', {releaseRecords: [], objects: [], helmCharts: []})).toBeUndefined();
  });

  it('Flux: helm-controller origin labels name the HelmRelease', () => {
    const owner = detectOwner(
      'buntime',
      'apps',
      evidence([sts({'helm.toolkit.fluxcd.io/name': 'buntime', 'helm.toolkit.fluxcd.io/namespace': 'flux-system'})]),
    );
    expect(owner).toMatchObject({engine: 'flux', engineName: 'Flux', owner: 'HelmRelease flux-system/buntime'});
    expect(owner?.evidence).toContain('helm.toolkit.fluxcd.io/name on StatefulSet buntime');
  });

  it('Argo CD: the tracking-id annotation names the Application (also in any namespace)', () => {
    const tracked = sts({}, {'argocd.argoproj.io/tracking-id': 'web:apps/StatefulSet:apps/buntime'});
    expect(detectOwner('buntime', 'apps', evidence([tracked], {releaseRecords: []}))).toMatchObject({
      engine: 'argocd',
      owner: 'Application web',
    });
    expect(argoApplication('team-a_web:apps/StatefulSet:apps/buntime')).toBe('Application team-a/web');
  });

  it('Argo CD label tracking counts only on objects no Helm release applied', () => {
    const applied = sts({}, {});
    expect(detectOwner('buntime', 'apps', evidence([applied], {releaseRecords: []}))).toMatchObject({
      engine: 'argocd',
      owner: 'Application buntime',
    });
    // The same label from a Helm install (release record, helm's annotations) is Helm's own.
    expect(detectOwner('buntime', 'apps', evidence([sts()]))).toBeUndefined();
    expect(detectOwner('buntime', 'apps', evidence([applied]))).toBeUndefined();
  });

  it('Fleet: managed-by labels, or the wrangler objectset marks', () => {
    const labelled = sts({
      'fleet.cattle.io/managed-by-kind': 'gitrepo',
      'fleet.cattle.io/managed-by-namespace': 'fleet-default',
      'fleet.cattle.io/managed-by-name': 'platform',
    });
    expect(detectOwner('buntime', 'apps', evidence([labelled]))).toMatchObject({
      engine: 'fleet',
      owner: 'GitRepo fleet-default/platform',
    });
    const marked = sts(
      {'objectset.rio.cattle.io/hash': 'abc'},
      {...HELM, 'objectset.rio.cattle.io/id': 'default-buntime'},
    );
    expect(detectOwner('buntime', 'apps', evidence([marked]))).toMatchObject({engine: 'fleet'});
  });

  it("k3s: a HelmChart for the release's namespace, or the configHash on the release record", () => {
    const chart = {namespace: 'kube-system', name: 'buntime', targetNamespace: 'apps'};
    expect(detectOwner('buntime', 'apps', evidence([sts()], {helmCharts: [chart]}))).toMatchObject({
      engine: 'k3s',
      owner: 'HelmChart kube-system/buntime',
    });
    // A HelmChart for another namespace or release is not this release's owner.
    expect(detectOwner('buntime', 'other', evidence([sts()], {helmCharts: [chart]}))).toBeUndefined();
    expect(
      detectOwner('buntime', 'apps', {
        releaseRecords: [{...RECORD, 'helmcharts.helm.cattle.io/configHash': 'SHA256=AB'}],
        objects: [sts()],
        helmCharts: [],
      }),
    ).toMatchObject({engine: 'k3s'});
    // k3s's manifests-folder Addons use the objectset marks too, with an Addon owner: not Fleet.
    const addon = sts(
      {'objectset.rio.cattle.io/hash': 'abc'},
      {
        'objectset.rio.cattle.io/id': '',
        'objectset.rio.cattle.io/owner-gvk': 'k3s.cattle.io/v1, Kind=Addon',
        'objectset.rio.cattle.io/owner-name': 'buntime',
      },
    );
    expect(detectOwner('buntime', 'apps', evidence([addon]))).toMatchObject({engine: 'k3s'});
  });
});
