import {gunzipSync} from 'node:zlib';
import type {ReleaseInfo} from '../../core/operate/release-info.js';
import {callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

/** A Helm release found through its storage Secrets (no helm binary needed for the Start screen). */
export type FoundRelease = ReleaseInfo;

interface ReleaseSecret {
  readonly metadata?: {readonly namespace?: string; readonly labels?: Readonly<Record<string, string>>};
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * Decodes the chart metadata of a `sh.helm.release.v1.*` Secret: data.release is base64 (by the
 * API) of base64 (by helm) of gzip of JSON. Only chart metadata is kept; the record also holds the
 * user values and manifest, which can contain secrets.
 */
export function decodeReleaseChart(
  secret: ReleaseSecret,
): {name: string; version: string; appVersion?: string} | undefined {
  return decodeRelease(secret)?.chart;
}

interface ReleaseRecord {
  readonly chart: {name: string; version: string; appVersion?: string};
  readonly info: {
    readonly status?: string;
    readonly first_deployed?: string;
    readonly last_deployed?: string;
    readonly description?: string;
    readonly notes?: string;
  };
}

/** Chart metadata and `info` of a release record; its `config` and `manifest` are dropped at once. */
function decodeRelease(secret: ReleaseSecret): ReleaseRecord | undefined {
  const encoded = secret.data?.['release'];
  if (!encoded) return undefined;
  try {
    const helmText = Buffer.from(encoded, 'base64').toString('utf8');
    let bytes = Buffer.from(helmText, 'base64');
    // gzip magic; helm 2 era records were not compressed.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const record = JSON.parse(bytes.toString('utf8')) as {
      chart?: {metadata?: {name?: string; version?: string; appVersion?: string}};
      info?: ReleaseRecord['info'];
    };
    const metadata = record.chart?.metadata;
    if (!metadata?.name) return undefined;
    const info = record.info ?? {};
    return {
      chart: {name: metadata.name, version: metadata.version ?? '', appVersion: metadata.appVersion},
      info: {
        status: info.status,
        first_deployed: info.first_deployed,
        last_deployed: info.last_deployed,
        description: info.description,
        notes: info.notes,
      },
    };
  } catch {
    return undefined;
  }
}

/** The newest revision of every release among helm storage Secrets, decoded, filtered by chart name. */
export function latestReleases(secrets: readonly ReleaseSecret[], chartName: string): FoundRelease[] {
  const newest = new Map<string, ReleaseSecret>();
  for (const secret of secrets) {
    const labels = secret.metadata?.labels ?? {};
    if (labels['owner'] !== 'helm' || !labels['name']) continue;
    const key = `${secret.metadata?.namespace ?? ''}/${labels['name']}`;
    const current = newest.get(key);
    if (!current || Number(labels['version']) > Number(current.metadata?.labels?.['version'])) newest.set(key, secret);
  }
  const found: FoundRelease[] = [];
  for (const secret of newest.values()) {
    const record = decodeRelease(secret);
    if (!record || record.chart.name !== chartName) continue;
    const labels = secret.metadata?.labels ?? {};
    const {info, chart} = record;
    found.push({
      name: labels['name'] as string,
      namespace: secret.metadata?.namespace ?? '',
      revision: Number(labels['version']),
      status: labels['status'] ?? info.status ?? 'unknown',
      chart: chart.name,
      chartVersion: chart.version,
      ...(chart.appVersion ? {appVersion: chart.appVersion} : {}),
      ...(info.last_deployed ? {lastDeployed: info.last_deployed} : {}),
      ...(info.first_deployed ? {firstDeployed: info.first_deployed} : {}),
      ...(info.description ? {description: info.description} : {}),
      ...(info.notes ? {notes: info.notes} : {}),
    });
  }
  return found.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}

/**
 * The newest revision of one release, read from helm's storage Secrets (what `helm status` shows,
 * without helm). undefined when there is none, or when the Secrets cannot be read.
 */
export async function readRelease(
  conn: {core: {listNamespacedSecret: KubeConnection['core']['listNamespacedSecret']}},
  namespace: string,
  release: string,
  chartName = 'buntime',
): Promise<FoundRelease | undefined> {
  try {
    const list = await conn.core.listNamespacedSecret(
      {namespace, labelSelector: `owner=helm,name=${release}`},
      callOptions(10_000),
    );
    return latestReleases(list.items, chartName)[0];
  } catch {
    return undefined;
  }
}
