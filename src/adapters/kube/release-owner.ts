/**
 * Reads the marks a GitOps engine leaves on a release (labels and annotations only; no Secret data,
 * no specs), for core's detectOwner. Anything the user may not read counts as "no mark": the guard
 * must not block a release because RBAC hides a kind.
 */
import type {HelmChartMeta, LiveMeta, OwnershipEvidence} from '../../core/gitops/owner.js';
import {callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';
import {kubeRequest} from './rest.js';

const TIMEOUT_MS = 10_000;

interface Item {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {targetNamespace?: string};
}

/** The kinds the chart always renders (each carries app.kubernetes.io/instance). */
const KINDS: ReadonlyArray<{kind: string; path: (namespace: string) => string}> = [
  {kind: 'StatefulSet', path: (ns) => `/apis/apps/v1/namespaces/${ns}/statefulsets`},
  {kind: 'Service', path: (ns) => `/api/v1/namespaces/${ns}/services`},
  {kind: 'ConfigMap', path: (ns) => `/api/v1/namespaces/${ns}/configmaps`},
];

async function list(
  connection: KubeConnection,
  path: string,
  labelSelector: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Item[]> {
  try {
    const result = await kubeRequest<{items?: Item[]}>(
      connection.kc,
      {method: 'GET', path, ...(labelSelector ? {query: {labelSelector}} : {})},
      callOptions(TIMEOUT_MS, signal),
    );
    return result.items ?? [];
  } catch {
    return [];
  }
}

export async function readOwnershipEvidence(
  connection: KubeConnection,
  namespace: string,
  release: string,
  signal?: AbortSignal,
): Promise<OwnershipEvidence> {
  const instance = `app.kubernetes.io/instance=${release}`;
  const [records, charts, ...objects] = await Promise.all([
    list(connection, `/api/v1/namespaces/${namespace}/secrets`, `owner=helm,name=${release}`, signal),
    list(connection, '/apis/helm.cattle.io/v1/helmcharts', undefined, signal),
    ...KINDS.map((entry) => list(connection, entry.path(namespace), instance, signal)),
  ]);
  const meta: LiveMeta[] = objects.flatMap((items, index) =>
    items.map((item) => ({
      kind: KINDS[index]?.kind ?? '',
      name: item.metadata?.name ?? '',
      ...(item.metadata?.labels ? {labels: item.metadata.labels} : {}),
      ...(item.metadata?.annotations ? {annotations: item.metadata.annotations} : {}),
    })),
  );
  const helmCharts: HelmChartMeta[] = charts.map((item) => ({
    namespace: item.metadata?.namespace ?? '',
    name: item.metadata?.name ?? '',
    ...(item.spec?.targetNamespace ? {targetNamespace: item.spec.targetNamespace} : {}),
  }));
  return {releaseRecords: records.map((item) => item.metadata?.labels ?? {}), objects: meta, helmCharts};
}
