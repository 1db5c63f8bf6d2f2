/**
 * What each GitOps engine applies for one Buntime release, built from the plan's committable values
 * (pure). The values never hold a secret: the chart reads the credentials Secret through its
 * existingSecret values, and `buntime-deploy secrets apply` puts that Secret in each cluster.
 */
import {stringify} from 'yaml';
import type {Values} from '../values/paths.js';
import {toHelmYaml} from '../values/helm-yaml.js';
import type {GitopsEngine} from './owner.js';
import {type ChartSource, dotPath, ociChartName, repoRelative} from './source.js';

export interface ExportCluster {
  /** The cluster's name in Fleet. */
  readonly name: string;
  /** What this cluster needs on top of the shared values (helm merges it over them); may be empty. */
  readonly values: Values;
}

export interface ExportInput {
  readonly engine: GitopsEngine;
  readonly release: string;
  readonly namespace: string;
  /** The committable values (existingSecret references, no secret). */
  readonly values: Values;
  readonly source: ChartSource;
  /** helm --timeout of the install/upgrade (Go duration). */
  readonly timeout: string;
  /** Fleet only: the clusters named, each with its own values (targetCustomizations when several). */
  readonly clusters?: readonly ExportCluster[];
  /** Argo CD only: where the Application lives and its project. */
  readonly argocd?: {readonly namespace: string; readonly project: string};
}

export interface ExportDocument {
  /** Path inside the export directory. */
  readonly path: string;
  /** The Kubernetes objects in the file (none for fleet.yaml). */
  readonly objects: readonly Record<string, unknown>[];
  readonly content: string;
  /** One line for the README: what the file is. */
  readonly about: string;
}

const INTERVAL = '10m';
const SOURCE_INTERVAL = '1h';

/** YAML that Kubernetes' YAML 1.1 reader (and Fleet's) reads back exactly ("on", "0123" stay strings). */
export function manifestYaml(objects: readonly object[]): string {
  return objects.map((object) => stringify(object, {version: '1.1', lineWidth: 0})).join('---\n');
}

function doc(path: string, about: string, objects: Record<string, unknown>[], header: string): ExportDocument {
  return {path, about, objects, content: `${header}\n${manifestYaml(objects)}`};
}

const HEADER = '# Written by buntime-deploy export: no secrets (the chart reads them from the credentials Secret).';

// ---------------------------------------------------------------------------------------------
// Flux: a HelmRelease (helm.toolkit.fluxcd.io/v2) and its chart source (source.toolkit.fluxcd.io/v1).

function fluxSource(input: ExportInput): {source?: Record<string, unknown>; chart: Record<string, unknown>} {
  const {source, namespace} = input;
  const meta = {name: input.release, namespace};
  switch (source.kind) {
    case 'repo':
      return {
        source: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'HelmRepository',
          metadata: meta,
          spec: {interval: SOURCE_INTERVAL, url: source.url},
        },
        chart: {
          chart: {
            spec: {
              chart: source.chart,
              version: source.version,
              sourceRef: {kind: 'HelmRepository', name: input.release},
              interval: SOURCE_INTERVAL,
            },
          },
        },
      };
    case 'oci':
      return {
        source: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'OCIRepository',
          metadata: meta,
          spec: {
            interval: SOURCE_INTERVAL,
            url: source.url,
            ref: {tag: source.version},
            // The chart layer of a Helm OCI artifact, as helm push writes it.
            layerSelector: {mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy'},
          },
        },
        chart: {chartRef: {kind: 'OCIRepository', name: input.release}},
      };
    case 'git':
    case 'bundled': {
      const url = source.kind === 'git' ? source.url : source.gitUrl;
      const path =
        source.kind === 'git' ? dotPath(source.path) : dotPath(`${repoRelative(source.repoPath)}/${source.dir}`);
      // Without a URL the chart comes from the repository Flux already syncs (flux bootstrap's).
      const sourceRef = url
        ? {kind: 'GitRepository', name: input.release}
        : {kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system'};
      return {
        ...(url
          ? {
              source: {
                apiVersion: 'source.toolkit.fluxcd.io/v1',
                kind: 'GitRepository',
                metadata: meta,
                spec: {interval: SOURCE_INTERVAL, url, ref: {branch: source.revision}},
              },
            }
          : {}),
        chart: {
          chart: {
            spec: {
              chart: path,
              sourceRef,
              // A chart from git changes without a version bump: reconcile on every new commit.
              reconcileStrategy: 'Revision',
              interval: SOURCE_INTERVAL,
            },
          },
        },
      };
    }
  }
}

function flux(input: ExportInput): ExportDocument[] {
  const {source, chart} = fluxSource(input);
  const release = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {name: input.release, namespace: input.namespace},
    spec: {
      interval: INTERVAL,
      releaseName: input.release,
      ...chart,
      timeout: input.timeout,
      values: input.values,
    },
  };
  const docs = [
    doc(
      'helmrelease.yaml',
      'Flux HelmRelease: the release, its values and where its chart comes from',
      [release],
      HEADER,
    ),
  ];
  if (source)
    docs.push(
      doc(
        'source.yaml',
        `Flux ${String(source['kind'])}: the chart source the HelmRelease points at`,
        [source],
        HEADER,
      ),
    );
  // Without it, Flux's kustomize-controller would apply every YAML file under the directory,
  // the bundled chart's templates included.
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: docs.map((item) => item.path),
  };
  docs.push({
    path: 'kustomization.yaml',
    about: 'the files a Flux Kustomization applies from this directory (and nothing else in it)',
    objects: [],
    content: `${HEADER}\n${manifestYaml([kustomization])}`,
  });
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Argo CD: one Application (argoproj.io/v1alpha1) with a helm source and its values.

function argoSource(input: ExportInput): Record<string, unknown> {
  const {source} = input;
  switch (source.kind) {
    case 'repo':
      return {repoURL: source.url, chart: source.chart, targetRevision: source.version};
    case 'oci': {
      // Argo CD names a Helm OCI repository without the scheme and the chart separately.
      const ref = source.url.replace(/^oci:\/\//, '').replace(/\/+$/, '');
      return {
        repoURL: ref.slice(0, ref.lastIndexOf('/')),
        chart: ociChartName(source.url),
        targetRevision: source.version,
      };
    }
    case 'git':
      return {repoURL: source.url ?? '', path: repoRelative(source.path) || '.', targetRevision: source.revision};
    case 'bundled':
      return {
        repoURL: source.gitUrl ?? '',
        path: repoRelative(`${repoRelative(source.repoPath)}/${source.dir}`),
        targetRevision: source.revision,
      };
  }
}

function argocd(input: ExportInput): ExportDocument[] {
  const app = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {name: input.release, namespace: input.argocd?.namespace ?? 'argocd'},
    spec: {
      project: input.argocd?.project ?? 'default',
      source: {
        ...argoSource(input),
        helm: {releaseName: input.release, valuesObject: input.values},
      },
      destination: {server: 'https://kubernetes.default.svc', namespace: input.namespace},
      syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: ['CreateNamespace=true']},
    },
  };
  return [
    doc('application.yaml', 'Argo CD Application: the chart source, the release name and its values', [app], HEADER),
  ];
}

// ---------------------------------------------------------------------------------------------
// k3s: a HelmChart (helm.cattle.io/v1) for the server's auto-deploy manifests folder.

/** The URL k3s serves files of /var/lib/rancher/k3s/server/static/ from (its own packaged charts use it). */
export function k3sStaticChartUrl(archive: string): string {
  return `https://%{KUBERNETES_API}%/static/charts/${archive}`;
}

function k3s(input: ExportInput): ExportDocument[] {
  const {source} = input;
  const chart =
    source.kind === 'repo'
      ? {chart: source.chart, repo: source.url, version: source.version}
      : source.kind === 'oci'
        ? {chart: source.url, version: source.version}
        : source.kind === 'bundled'
          ? {chart: k3sStaticChartUrl(source.archive)}
          : {};
  const helmChart = {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    // k3s installs the chart as the release named after the HelmChart.
    metadata: {name: input.release, namespace: 'kube-system'},
    spec: {
      ...chart,
      targetNamespace: input.namespace,
      createNamespace: true,
      timeout: input.timeout,
      valuesContent: toHelmYaml(input.values),
    },
  };
  return [
    doc(
      `${input.release}-helmchart.yaml`,
      'k3s HelmChart: copy it to /var/lib/rancher/k3s/server/manifests/ on a server node (k3s applies that folder)',
      [helmChart],
      HEADER,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Fleet: fleet.yaml (https://fleet.rancher.io/ref-fleet-yaml): helm options, values and, when
// several clusters are named, one targetCustomization per cluster with what differs for it.

function fleetChart(input: ExportInput): Record<string, unknown> {
  const {source} = input;
  switch (source.kind) {
    case 'repo':
      return {repo: source.url, chart: source.chart, version: source.version};
    case 'oci':
      return {chart: source.url, version: source.version};
    case 'git':
      // Fleet fetches charts through go-getter URLs: git::<url>//<path>?ref=<revision>.
      return source.url
        ? {chart: `git::${source.url}//${repoRelative(source.path)}?ref=${source.revision}`}
        : {chart: dotPath(source.path)};
    case 'bundled':
      return {chart: dotPath(source.dir)};
  }
}

function fleet(input: ExportInput): ExportDocument[] {
  const clusters = input.clusters ?? [];
  const targetCustomizations =
    clusters.length > 1
      ? clusters.map((cluster) => ({
          name: cluster.name,
          clusterName: cluster.name,
          ...(Object.keys(cluster.values).length > 0 ? {helm: {values: cluster.values}} : {}),
        }))
      : undefined;
  const fleetYaml = {
    defaultNamespace: input.namespace,
    helm: {
      releaseName: input.release,
      ...fleetChart(input),
      values: input.values,
      // Fleet would run the values through its ${ } templating; these are literal.
      disablePreProcess: true,
    },
    ...(targetCustomizations ? {targetCustomizations} : {}),
  };
  return [
    {
      path: 'fleet.yaml',
      about: 'Fleet bundle options: helm release, chart, values (and one customization per named cluster)',
      objects: [],
      content: `${HEADER}\n# Format: https://fleet.rancher.io/ref-fleet-yaml\n${stringify(fleetYaml, {version: '1.1', lineWidth: 0})}`,
    },
  ];
}

/** Every file of the export for `input.engine`, in the order the README lists them. */
export function exportDocuments(input: ExportInput): ExportDocument[] {
  switch (input.engine) {
    case 'flux':
      return flux(input);
    case 'argocd':
      return argocd(input);
    case 'k3s':
      return k3s(input);
    case 'fleet':
      return fleet(input);
  }
}
