/**
 * Whether the backup CronJob's S3 endpoint is a cluster-internal Service name, which a machine
 * outside the cluster cannot resolve (e.g. http://minio.minio.svc.cluster.local:9000):
 * `<svc>.<ns>.svc[.<cluster domain>]` and a bare `<svc>` (the release namespace) are certain;
 * `<svc>.<ns>` may also be a real host name, so the caller checks that the Service exists.
 */
import {DNS_LABEL} from '../names.js';

export interface ServiceEndpoint {
  readonly service: string;
  readonly namespace: string;
  readonly port: number;
  readonly scheme: 'http' | 'https';
  /** `<svc>.<ns>`: only a Service if one by that name exists. */
  readonly uncertain: boolean;
}

export function serviceEndpoint(endpoint: string, releaseNamespace: string): ServiceEndpoint | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':')) return undefined;
  const labels = host.split('.');
  if (!labels.every((label) => DNS_LABEL.test(label))) return undefined;
  const [service, namespace, third] = labels as [string, string | undefined, string | undefined];
  if (labels.length === 1) return {service, namespace: releaseNamespace, port, scheme, uncertain: false};
  if (labels.length === 2) return {service, namespace: namespace as string, port, scheme, uncertain: true};
  if (third === 'svc') return {service, namespace: namespace as string, port, scheme, uncertain: false};
  return undefined;
}
