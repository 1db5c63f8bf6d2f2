import {DNS_LABEL as LABEL} from '../names.js';

/**
 * Format checks shared by the questions engine (type `hostname`) and the value rules (sizes, URLs,
 * durations). Each returns `undefined` when the value is fine, or a short reason plus an optional
 * suggestion the caller turns into a hint.
 */
export interface FormatProblem {
  readonly reason: string;
  /** A corrected value when one is obvious (`10Gb` → `10Gi`). */
  readonly suggestion?: string;
}

/**
 * A DNS-1123 subdomain as Kubernetes wants for Ingress/Route hosts; `*.` is allowed as the first
 * label only (Ingress wildcard rules). IP addresses are refused because Ingress hosts may not be IPs.
 */
export function checkHostname(host: string, options: {wildcard?: boolean} = {}): FormatProblem | undefined {
  const wildcard = options.wildcard ?? true;
  if (host.length === 0) return {reason: 'is empty'};
  if (host.length > 253) return {reason: `is ${host.length} characters long (at most 253)`};
  if (/[A-Z]/.test(host)) return {reason: 'has upper-case letters', suggestion: host.toLowerCase()};
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return {reason: 'is an IP address; an Ingress host must be a DNS name'};
  if (host.includes('://') || host.includes('/')) {
    const bare = host.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
    return {reason: 'must be a bare host name, without scheme or path', suggestion: bare};
  }
  const labels = host.split('.');
  for (const [index, label] of labels.entries()) {
    if (label === '*' && index === 0 && wildcard && labels.length > 1) continue;
    if (label === '*') return {reason: 'may use * only as the whole first label (*.example.com)'};
    if (label.length === 0) return {reason: 'has an empty label (two dots in a row, or a dot at an end)'};
    if (label.length > 63) return {reason: `has a label longer than 63 characters ('${label.slice(0, 20)}…')`};
    if (!LABEL.test(label)) {
      return {reason: `has an invalid label '${label}' (lower-case letters, digits and '-', not at either end)`};
    }
  }
  return undefined;
}

/** Kubernetes resource.Quantity: digits, optional fraction, then a binary/decimal suffix or exponent. */
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SIZE_TYPOS: Record<string, string> = {
  kb: 'Ki',
  kib: 'Ki',
  mb: 'Mi',
  mib: 'Mi',
  gb: 'Gi',
  gib: 'Gi',
  tb: 'Ti',
  tib: 'Ti',
  pb: 'Pi',
  pib: 'Pi',
  g: 'Gi',
  t: 'Ti',
  ki: 'Ki',
  mi: 'Mi',
  gi: 'Gi',
  ti: 'Ti',
};

/** A Kubernetes quantity such as `500Mi`, `10Gi`, `250m`, `2`; `10Gb` gets the suggestion `10Gi`. */
export function checkQuantity(value: unknown): FormatProblem | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? undefined : {reason: 'must be ≥ 0'};
  if (typeof value !== 'string') return {reason: 'must be a quantity string such as 10Gi'};
  const text = value.trim();
  if (QUANTITY.test(text)) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]+)$/.exec(text);
  const unit = match?.[2]?.toLowerCase();
  const fixed = unit ? SIZE_TYPOS[unit] : undefined;
  if (match && fixed)
    return {reason: `is not a Kubernetes quantity ('${match[2]}' is not a unit)`, suggestion: `${match[1]}${fixed}`};
  return {reason: 'is not a Kubernetes quantity (e.g. 500Mi, 10Gi, 250m, 2)'};
}

const NUMBER = /^[+]?(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)$/;

/**
 * A CPU amount: cores (`2`, `0.5`) or millicores (`500m`). Units of size (`2Gi`, `2G`, `2Gb`) are
 * memory's: Kubernetes would read `2Gi` CPU as two billion cores. The suggestion keeps the number
 * as cores, or as millicores when the unit started with M (`500Mi` was meant as `500m`).
 */
export function checkCpuQuantity(value: unknown): FormatProblem | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? undefined : {reason: 'must be ≥ 0'};
  if (typeof value !== 'string') return {reason: 'must be a CPU amount such as 2 or 500m'};
  const text = value.trim();
  const valid = QUANTITY.exec(text);
  const suffix = valid?.[3] ?? '';
  if (valid && (suffix === '' || suffix === 'm' || suffix === 'u' || suffix === 'n' || /^[eE]/.test(suffix)))
    return undefined;
  const match = NUMBER.exec(text);
  const number = match?.[1];
  const unit = match?.[2] ?? '';
  if (number && /^([kmgtpe]i?b?|[KMGTPE]i?[bB]?)$/.test(unit) && unit !== 'm')
    return {
      reason: 'is a memory size, not CPU: CPU is counted in cores (2, 0.5) or millicores (500m)',
      suggestion: /^m/i.test(unit) ? `${number}m` : number,
    };
  const guess = number ? (unit === 'm' ? `${number}m` : /^cores?$/i.test(unit) ? number : undefined) : undefined;
  return {
    reason: 'is not a CPU amount (cores such as 2 or 0.5, or millicores such as 500m)',
    ...(guess ? {suggestion: guess} : {}),
  };
}

/**
 * A memory or disk size: a quantity whose unit is bytes-sized. `500m` is a valid quantity but means
 * half a byte (m = milli), always a typo for `500Mi`.
 */
export function checkSizeQuantity(value: unknown): FormatProblem | undefined {
  const problem = checkQuantity(value);
  if (problem) return problem;
  const match = typeof value === 'string' ? NUMBER.exec(value.trim()) : null;
  const unit = match?.[2] ?? '';
  if (match && (unit === 'm' || unit === 'u' || unit === 'n'))
    return {
      reason: `means ${match[1]} ${unit === 'm' ? 'milli' : unit === 'u' ? 'micro' : 'nano'}bytes (${unit} is not mega)`,
      suggestion: `${match[1]}Mi`,
    };
  return undefined;
}

/** nginx `client_max_body_size`: a number with an optional k/m/g suffix; 0 means unlimited. */
export function checkNginxSize(value: unknown): FormatProblem | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+[kKmMgG]?$/.test(text.trim())) {
    const match = typeof text === 'string' ? /^(\d+)\s*([kmg])i?b?$/i.exec(text.trim()) : null;
    return {
      reason: 'is not an nginx size (a number with an optional k, m or g suffix; 0 = unlimited)',
      ...(match ? {suggestion: `${match[1]}${(match[2] ?? '').toLowerCase()}`} : {}),
    };
  }
  return undefined;
}

/** A URL with one of the given schemes and a host. */
export function checkUrl(value: unknown, schemes: readonly string[]): FormatProblem | undefined {
  if (typeof value !== 'string') return {reason: 'must be a URL string'};
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const guess = /^[a-z0-9.-]+(:\d+)?(\/.*)?$/i.test(value) ? `${schemes[0]}://${value}` : undefined;
    return {
      reason: `is not a URL (expected ${schemes.map((s) => `${s}://…`).join(' or ')})`,
      ...(guess ? {suggestion: guess} : {}),
    };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) return {reason: `uses the scheme '${scheme}' (expected ${schemes.join(' or ')})`};
  if (url.hostname === '') return {reason: 'has no host'};
  if (/\s/.test(value)) return {reason: 'contains white space'};
  return undefined;
}

/** Go's time.ParseDuration syntax (`168h`, `1h30m`, `0`), which turso-server reads. */
export function checkGoDuration(value: unknown): FormatProblem | undefined {
  if (value === 0 || value === '0') return undefined;
  if (typeof value !== 'string' || !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    const days = typeof value === 'string' ? /^(\d+)d$/.exec(value) : null;
    return {
      reason: 'is not a Go duration (e.g. 90s, 30m, 168h; there is no d unit)',
      ...(days ? {suggestion: `${Number(days[1]) * 24}h`} : {}),
    };
  }
  return undefined;
}

/** S3 bucket names (the rules MinIO and AWS share): 3-63 of a-z 0-9 . -, starting/ending alphanumeric. */
export function checkBucketName(value: string): FormatProblem | undefined {
  if (value.length < 3 || value.length > 63) return {reason: 'must be 3 to 63 characters long'};
  if (/[A-Z_]/.test(value))
    return {
      reason: 'may only use lower-case letters, digits, dots and hyphens',
      suggestion: value.toLowerCase().replace(/_/g, '-'),
    };
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(value))
    return {
      reason: 'may only use lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit',
    };
  if (value.includes('..')) return {reason: 'may not contain two dots in a row'};
  return undefined;
}
