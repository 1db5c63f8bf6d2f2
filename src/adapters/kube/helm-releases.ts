import {gunzipSync} from 'node:zlib';

/** A Helm release found through its storage Secrets (no helm binary needed for the Start screen). */
export interface FoundRelease {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly status: string;
  readonly chart: string;
  readonly chartVersion: string;
  readonly appVersion?: string;
}

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
  const encoded = secret.data?.['release'];
  if (!encoded) return undefined;
  try {
    const helmText = Buffer.from(encoded, 'base64').toString('utf8');
    let bytes = Buffer.from(helmText, 'base64');
    // gzip magic; helm 2 era records were not compressed.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const record = JSON.parse(bytes.toString('utf8')) as {
      chart?: {metadata?: {name?: string; version?: string; appVersion?: string}};
    };
    const metadata = record.chart?.metadata;
    if (!metadata?.name) return undefined;
    return {name: metadata.name, version: metadata.version ?? '', appVersion: metadata.appVersion};
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
    const chart = decodeReleaseChart(secret);
    if (!chart || chart.name !== chartName) continue;
    const labels = secret.metadata?.labels ?? {};
    found.push({
      name: labels['name'] as string,
      namespace: secret.metadata?.namespace ?? '',
      revision: Number(labels['version']),
      status: labels['status'] ?? 'unknown',
      chart: chart.name,
      chartVersion: chart.version,
      appVersion: chart.appVersion,
    });
  }
  return found.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}
