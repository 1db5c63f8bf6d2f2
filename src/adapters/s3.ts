import {createHash, createHmac} from 'node:crypto';
import {ExternalError} from '../core/errors.js';

/**
 * A small S3 client (AWS Signature V4) for what buntime-deploy needs from MinIO or any S3-compatible
 * store: check that a bucket is reachable and writable, create it, list backup objects per namespace,
 * and put/get/delete objects. Written here instead of pulling in an SDK, which would add megabytes to
 * the bundle for five calls; it is tested against a real MinIO server.
 */
export interface S3Config {
  /** e.g. http://minio.minio.svc.cluster.local:9000 or https://s3.eu-west-1.amazonaws.com */
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Path-style (endpoint/bucket/key) as MinIO needs; false = virtual-hosted (bucket.endpoint/key). */
  readonly pathStyle: boolean;
  /** Per-request timeout; a hung endpoint must not hang the wizard. */
  readonly timeoutMs?: number;
}

export interface S3Object {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
}

export interface S3Client {
  /** 'ok', 'missing' (404), or throws ExternalError (auth, network…). */
  bucketStatus(bucket: string): Promise<'ok' | 'missing'>;
  createBucket(bucket: string): Promise<void>;
  putObject(bucket: string, key: string, body: Uint8Array | string): Promise<void>;
  getObject(bucket: string, key: string): Promise<Uint8Array>;
  deleteObject(bucket: string, key: string): Promise<void>;
  /** Every object under `prefix`, following continuation tokens. */
  listObjects(bucket: string, prefix?: string): Promise<S3Object[]>;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Uint8Array | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** RFC 3986 encoding as SigV4 wants it; `/` kept in object keys. */
function encode(value: string, keepSlash = false): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(keepSlash ? /%2F/g : /$^/, '/');
}

interface SignedRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** Signs one request (exported for tests against the AWS documentation example). */
export function signRequest(
  config: Pick<S3Config, 'region' | 'accessKeyId' | 'secretAccessKey'>,
  request: {method: string; url: URL; payloadHash: string; now: Date; extraHeaders?: Record<string, string>},
): SignedRequest {
  const amzDate = request.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: request.url.host,
    'x-amz-content-sha256': request.payloadHash,
    'x-amz-date': amzDate,
    ...Object.fromEntries(Object.entries(request.extraHeaders ?? {}).map(([key, value]) => [key.toLowerCase(), value])),
  };
  const signedHeaders = Object.keys(headers).sort();
  const canonicalQuery = [...request.url.searchParams.entries()]
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonical = [
    request.method,
    request.url.pathname || '/',
    canonicalQuery,
    ...signedHeaders.map((name) => `${name}:${String(headers[name]).trim()}`),
    '',
    signedHeaders.join(';'),
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${config.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${config.secretAccessKey}`, day), config.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const {host: _host, ...sendHeaders} = headers;
  return {
    url: request.url.toString(),
    headers: {
      ...sendHeaders,
      authorization: `AWS4-HMAC-SHA256 Credential=${config.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    },
  };
}

function xmlValues(xml: string, tag: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) out.push(match[1] ?? '');
  return out;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The S3 error code and message from an error body, for messages users can act on. */
function describeError(status: number, body: string): string {
  const code = xmlValues(body, 'Code')[0];
  const message = xmlValues(body, 'Message')[0];
  if (code) return `${code}${message ? `: ${unescapeXml(message)}` : ''} (HTTP ${status})`;
  return `HTTP ${status}`;
}

const HINTS: Record<string, string> = {
  InvalidAccessKeyId: 'The access key is not known to this S3 endpoint; check the access key ID.',
  SignatureDoesNotMatch: 'The secret access key is wrong for this access key ID (or the region is wrong).',
  AccessDenied: 'The credentials are valid but not allowed to do this; grant them read/write on the bucket.',
  NoSuchBucket: 'Create the bucket first (the wizard can create it for you).',
};

export function createS3Client(config: S3Config): S3Client {
  const base = new URL(config.endpoint);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new ExternalError(`S3 endpoint must be an http(s) URL (got '${config.endpoint}').`, {command: 'S3'});
  }

  function urlFor(bucket: string, key = '', query: Record<string, string> = {}): URL {
    const url = new URL(base.toString());
    const prefix = url.pathname.replace(/\/$/, '');
    if (config.pathStyle) url.pathname = `${prefix}/${encode(bucket)}${key ? `/${encode(key, true)}` : ''}`;
    else {
      url.hostname = `${bucket}.${url.hostname}`;
      url.pathname = `${prefix}/${key ? encode(key, true) : ''}`;
    }
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  async function send(method: string, url: URL, body?: Uint8Array | string): Promise<Response> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const signed = signRequest(config, {
      method,
      url,
      payloadHash: payload ? sha256Hex(payload) : EMPTY_SHA256,
      now: new Date(),
    });
    const what = `S3 ${method} ${url.origin}${url.pathname}`;
    try {
      return await fetch(signed.url, {
        method,
        headers: signed.headers,
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new ExternalError(`Cannot reach the S3 endpoint ${url.origin}: ${reason}.`, {
        command: what,
        hint: 'Check the endpoint URL and that it is reachable from here (from the cluster, it may use an in-cluster DNS name).',
        cause: error,
      });
    }
  }

  async function expectOk(method: string, url: URL, response: Response): Promise<void> {
    if (response.ok) return;
    const body = await response.text();
    const code = xmlValues(body, 'Code')[0] ?? '';
    throw new ExternalError(`S3 request failed: ${describeError(response.status, body)}.`, {
      command: `S3 ${method} ${url.origin}${url.pathname}`,
      hint: HINTS[code],
    });
  }

  return {
    async bucketStatus(bucket) {
      const url = urlFor(bucket);
      const response = await send('HEAD', url);
      if (response.status === 404) return 'missing';
      if (response.status === 403) {
        throw new ExternalError(`S3 denied access to bucket '${bucket}' (HTTP 403).`, {
          command: `S3 HEAD ${url.origin}${url.pathname}`,
          hint: 'Check the access key, secret key and region, and that these credentials may use the bucket.',
        });
      }
      await expectOk('HEAD', url, response);
      return 'ok';
    },
    async createBucket(bucket) {
      const url = urlFor(bucket);
      const body =
        config.region && config.region !== 'us-east-1'
          ? `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${config.region}</LocationConstraint></CreateBucketConfiguration>`
          : undefined;
      const response = await send('PUT', url, body);
      if (response.status === 409) {
        const text = await response.text();
        if (text.includes('BucketAlreadyOwnedByYou')) return;
        throw new ExternalError(`S3 bucket '${bucket}' already exists and belongs to someone else.`, {
          command: `S3 PUT ${url.origin}${url.pathname}`,
        });
      }
      await expectOk('PUT', url, response);
    },
    async putObject(bucket, key, body) {
      const url = urlFor(bucket, key);
      await expectOk('PUT', url, await send('PUT', url, body));
    },
    async getObject(bucket, key) {
      const url = urlFor(bucket, key);
      const response = await send('GET', url);
      await expectOk('GET', url, response);
      return new Uint8Array(await response.arrayBuffer());
    },
    async deleteObject(bucket, key) {
      const url = urlFor(bucket, key);
      await expectOk('DELETE', url, await send('DELETE', url));
    },
    async listObjects(bucket, prefix = '') {
      const objects: S3Object[] = [];
      let token: string | undefined;
      do {
        // An empty prefix is left out: MinIO rejects the signature of a request with `prefix=`.
        const query: Record<string, string> = {'list-type': '2', ...(prefix ? {prefix} : {})};
        if (token) query['continuation-token'] = token;
        const url = urlFor(bucket, '', query);
        const response = await send('GET', url);
        await expectOk('GET', url, response);
        const xml = await response.text();
        for (const entry of xmlValues(xml, 'Contents')) {
          objects.push({
            key: unescapeXml(xmlValues(entry, 'Key')[0] ?? ''),
            size: Number(xmlValues(entry, 'Size')[0] ?? 0),
            lastModified: new Date(xmlValues(entry, 'LastModified')[0] ?? 0),
          });
        }
        token =
          xmlValues(xml, 'IsTruncated')[0] === 'true'
            ? unescapeXml(xmlValues(xml, 'NextContinuationToken')[0] ?? '')
            : undefined;
      } while (token);
      return objects;
    },
  };
}
