import {parse, parseAllDocuments} from 'yaml';
import {describe, expect, it} from 'vitest';
import {type ExportInput, exportDocuments, k3sStaticChartUrl} from './manifests.js';
import type {ChartSource} from './source.js';

const VALUES = {
  buntime: {existingSecret: 'buntime-credentials'},
  replicaCount: 3,
  // A string YAML 1.1 would read as a boolean: must stay a string for kubectl, helm and Fleet.
  ingress: {host: 'on'},
};
const BUNDLED: ChartSource = {
  kind: 'bundled',
  dir: 'chart',
  repoPath: 'clusters/prod/buntime',
  revision: 'main',
  version: '0.6.0',
  archive: 'buntime-0.6.0.tgz',
  gitUrl: 'https://git.example.com/org/infra.git',
};

function input(
  engine: ExportInput['engine'],
  source: ChartSource = BUNDLED,
  extra: Partial<ExportInput> = {},
): ExportInput {
  return {engine, release: 'buntime', namespace: 'apps', values: VALUES, source, timeout: '10m', ...extra};
}

/** Objects as Kubernetes' YAML 1.1 reader sees them. */
function objects(content: string): Record<string, any>[] {
  return parseAllDocuments(content, {version: '1.1'}).map((doc) => doc.toJS() as Record<string, any>);
}

describe('exportDocuments', () => {
  it('Flux: HelmRelease with the values, a source per chart kind, a kustomization that lists only them', () => {
    const repo = exportDocuments(
      input('flux', {kind: 'repo', url: 'https://charts.example.com', chart: 'buntime', version: '0.6.0'}),
    );
    expect(repo.map((doc) => doc.path)).toEqual(['helmrelease.yaml', 'source.yaml', 'kustomization.yaml']);
    const [release] = objects(repo[0]?.content ?? '');
    expect(release).toMatchObject({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: {name: 'buntime', namespace: 'apps'},
      spec: {
        releaseName: 'buntime',
        values: VALUES,
        chart: {spec: {chart: 'buntime', version: '0.6.0', sourceRef: {kind: 'HelmRepository', name: 'buntime'}}},
      },
    });
    expect(objects(repo[1]?.content ?? '')[0]).toMatchObject({
      kind: 'HelmRepository',
      spec: {url: 'https://charts.example.com'},
    });
    expect(objects(repo[2]?.content ?? '')[0]).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['helmrelease.yaml', 'source.yaml'],
    });

    const oci = exportDocuments(
      input('flux', {kind: 'oci', url: 'oci://ghcr.io/org/charts/buntime', version: '0.6.0'}),
    );
    expect(objects(oci[0]?.content ?? '')[0]?.['spec']?.chartRef).toEqual({kind: 'OCIRepository', name: 'buntime'});
    expect(objects(oci[1]?.content ?? '')[0]).toMatchObject({kind: 'OCIRepository', spec: {ref: {tag: '0.6.0'}}});

    // Bundled without a URL: the chart in DIR, from the repository Flux already syncs.
    const bundled = exportDocuments(input('flux', {...BUNDLED, gitUrl: undefined} as ChartSource));
    expect(bundled.map((doc) => doc.path)).toEqual(['helmrelease.yaml', 'kustomization.yaml']);
    expect(objects(bundled[0]?.content ?? '')[0]?.['spec']?.chart?.spec).toMatchObject({
      chart: './clusters/prod/buntime/chart',
      sourceRef: {kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system'},
      reconcileStrategy: 'Revision',
    });
  });

  it('Argo CD: one Application, helm source with valuesObject, OCI repoURL without the scheme', () => {
    const [app] = exportDocuments(
      input('argocd', {kind: 'oci', url: 'oci://ghcr.io/org/charts/buntime', version: '0.6.0'}),
    );
    expect(objects(app?.content ?? '')[0]).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {name: 'buntime', namespace: 'argocd'},
      spec: {
        source: {
          repoURL: 'ghcr.io/org/charts',
          chart: 'buntime',
          targetRevision: '0.6.0',
          helm: {releaseName: 'buntime', valuesObject: VALUES},
        },
        destination: {namespace: 'apps'},
      },
    });
    const [git] = exportDocuments(input('argocd'));
    expect(objects(git?.content ?? '')[0]?.['spec']?.source).toMatchObject({
      repoURL: 'https://git.example.com/org/infra.git',
      path: 'clusters/prod/buntime/chart',
      targetRevision: 'main',
    });
  });

  it('k3s: a HelmChart in kube-system named after the release, values as helm YAML', () => {
    const [doc] = exportDocuments(input('k3s'));
    const [chart] = objects(doc?.content ?? '');
    expect(chart).toMatchObject({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      metadata: {name: 'buntime', namespace: 'kube-system'},
      spec: {chart: k3sStaticChartUrl('buntime-0.6.0.tgz'), targetNamespace: 'apps', timeout: '10m'},
    });
    expect(parse(chart?.['spec']?.valuesContent, {version: '1.1'})).toEqual(VALUES);
  });

  // The format is Fleet's documented fleet.yaml: https://fleet.rancher.io/ref-fleet-yaml
  // (rancher/fleet-docs docs/ref-fleet-yaml.md). Only keys that page lists are written.
  const FLEET_TOP = [
    'defaultNamespace',
    'namespace',
    'labels',
    'kustomize',
    'helm',
    'paused',
    'rolloutStrategy',
    'targetCustomizations',
    'dependsOn',
  ];
  const FLEET_HELM = [
    'chart',
    'repo',
    'releaseName',
    'takeOwnership',
    'version',
    'values',
    'valuesFiles',
    'valuesFrom',
    'force',
    'atomic',
    'disablePreProcess',
    'waitForJobs',
  ];
  const FLEET_TARGET = [
    'name',
    'namespace',
    'defaultNamespace',
    'kustomize',
    'helm',
    'yaml',
    'clusterSelector',
    'clusterName',
    'clusterGroupSelector',
    'clusterGroup',
  ];

  it('Fleet: fleet.yaml in the documented format, one targetCustomization per named cluster', () => {
    const [doc] = exportDocuments(
      input('fleet', BUNDLED, {
        clusters: [
          {name: 'prod-a', values: {replicaCount: 5}},
          {name: 'prod-b', values: {}},
        ],
      }),
    );
    expect(doc?.path).toBe('fleet.yaml');
    expect(doc?.content).toContain('https://fleet.rancher.io/ref-fleet-yaml');
    const fleet = parse(doc?.content ?? '', {version: '1.1'}) as Record<string, any>;
    for (const key of Object.keys(fleet)) expect(FLEET_TOP).toContain(key);
    for (const key of Object.keys(fleet['helm'])) expect(FLEET_HELM).toContain(key);
    for (const target of fleet['targetCustomizations'])
      for (const key of Object.keys(target)) expect(FLEET_TARGET).toContain(key);
    expect(fleet).toEqual({
      defaultNamespace: 'apps',
      helm: {releaseName: 'buntime', chart: './chart', values: VALUES, disablePreProcess: true},
      targetCustomizations: [
        {name: 'prod-a', clusterName: 'prod-a', helm: {values: {replicaCount: 5}}},
        {name: 'prod-b', clusterName: 'prod-b'},
      ],
    });
    const [single] = exportDocuments(
      input('fleet', {kind: 'repo', url: 'https://charts.example.com', chart: 'buntime', version: '0.6.0'}),
    );
    const one = parse(single?.content ?? '') as Record<string, any>;
    expect(one['targetCustomizations']).toBeUndefined();
    expect(one['helm']).toMatchObject({repo: 'https://charts.example.com', chart: 'buntime', version: '0.6.0'});
  });
});
