import {join} from 'node:path';
import {type RenderedChart, helmTemplate} from '../../src/adapters/helm/template.js';
import type {ManifestDoc} from '../../src/core/chart-rules/index.js';
import {isBuilt, toolPaths} from '../cluster/tools.js';

export const ROOT = join(import.meta.dirname, '../..');
export const CHART = join(ROOT, 'charts/buntime');

/** Both real helm majors; every chart promise is checked with each. */
export const HELMS = (() => {
  const {helm3, helm4} = toolPaths();
  for (const path of [helm3, helm4])
    if (!isBuilt(path)) throw new Error(`${path} is not built (the helm global setup builds it).`);
  return [
    {name: 'helm 3', path: helm3},
    {name: 'helm 4', path: helm4},
  ] as const;
})();
export type Helm = (typeof HELMS)[number];

/** Value files in test/helm/fixtures/, each a realistic configuration. */
export const FIXTURES = ['multi-pod-sync', 'k3s', 'openshift', 'gitlab-registry', 'autoscaling'] as const;
export type Fixture = (typeof FIXTURES)[number];

/** turso-server with both tokens: the chart refuses it without them (rule turso.tokens). */
export const TURSO = {enabled: true, authToken: 'data-token-for-tests', adminToken: 'admin-token-for-tests'} as const;

/** Backups with everything the chart requires of them (rule backup.config). */
export const BACKUP = {
  enabled: true,
  s3: {
    endpoint: 'http://minio:9000',
    bucket: 'turso-backups',
    accessKeyId: 'access-key-for-tests',
    secretAccessKey: 'secret-key-for-tests',
  },
} as const;

/** More than one runtime pod as the chart accepts it: RWX volumes, sync modes, turso-server. */
export const MULTI_POD = {
  buntime: {authDb: {mode: 'sync'}},
  plugins: {turso: {mode: 'sync'}},
  persistence: {plugins: {accessMode: 'ReadWriteMany'}, apps: {accessMode: 'ReadWriteMany'}},
  tursoServer: TURSO,
} as const;

export function fixture(name: Fixture): string {
  return join(ROOT, 'test/helm/fixtures', `${name}.yaml`);
}

export interface RenderOptions {
  readonly fixtures?: readonly Fixture[];
  readonly values?: Readonly<Record<string, unknown>>;
  readonly release?: string;
  readonly namespace?: string;
  readonly chartDir?: string;
}

const cache = new Map<string, Promise<RenderedChart>>();

/** `helm template` of the chart (memoised per helm and options: renders are pure). */
export function render(helm: Helm, options: RenderOptions = {}): Promise<RenderedChart> {
  const key = JSON.stringify([helm.path, options]);
  let rendered = cache.get(key);
  if (!rendered) {
    rendered = helmTemplate({
      helm: helm.path,
      chartDir: options.chartDir ?? CHART,
      release: options.release ?? 'buntime',
      namespace: options.namespace ?? 'zomme',
      valuesFiles: (options.fixtures ?? []).map(fixture),
      ...(options.values ? {values: options.values} : {}),
    });
    cache.set(key, rendered);
  }
  return rendered;
}

/** helm's error text for a render that must fail (schema or `fail`). */
export async function renderError(helm: Helm, options: RenderOptions): Promise<string> {
  try {
    await helmTemplate({
      helm: helm.path,
      chartDir: options.chartDir ?? CHART,
      release: options.release ?? 'buntime',
      namespace: options.namespace ?? 'zomme',
      valuesFiles: (options.fixtures ?? []).map(fixture),
      ...(options.values ? {values: options.values} : {}),
    });
  } catch (error) {
    return String((error as {stderr?: string}).stderr ?? error);
  }
  throw new Error('expected helm template to fail, but it rendered');
}

type Obj = Record<string, any>; // rendered Kubernetes objects are arbitrary JSON trees

/** Objects of one kind (optionally one name). */
export function objects(docs: readonly ManifestDoc[], kind: string, name?: string): Obj[] {
  return docs
    .map((doc) => doc.object as Obj)
    .filter((object) => object['kind'] === kind && (name === undefined || object['metadata']?.name === name));
}

/** The single object of a kind and name; throws when it is missing. */
export function only(docs: readonly ManifestDoc[], kind: string, name: string): Obj {
  const found = objects(docs, kind, name);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind}/${name}, found ${found.length}`);
  return found[0] as Obj;
}

/** The runtime container of the runtime StatefulSet. */
export function runtimeContainer(docs: readonly ManifestDoc[], name = 'buntime'): Obj {
  return only(docs, 'StatefulSet', name)['spec'].template.spec.containers.find((c: Obj) => c['name'] === 'buntime');
}
