import {request} from 'node:https';

export interface ProbeTarget {
  readonly port: number;
  /** PEM of the CA that signed the server certificate. */
  readonly ca: string;
  readonly token?: string;
}

/** GET https://127.0.0.1:port/path, verifying the server with our CA; resolves status and body. */
export function httpsGet(target: ProbeTarget, path: string, timeoutMs = 2000): Promise<{status: number; body: string}> {
  return httpsRequest(target, 'GET', path, undefined, timeoutMs);
}

/** A JSON request to https://127.0.0.1:port (kube-apiserver), verifying the server with our CA. */
export function httpsRequest(
  target: ProbeTarget,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<{status: number; body: string}> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {accept: 'application/json'};
  if (target.token) headers['authorization'] = `Bearer ${target.token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path,
        method,
        ca: target.ca,
        servername: 'localhost',
        headers,
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** GET http://127.0.0.1:port/path (etcd's plain-HTTP client port). */
export async function httpGet(port: number, path: string, timeoutMs = 2000): Promise<{status: number; body: string}> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {signal: AbortSignal.timeout(timeoutMs)});
  return {status: response.status, body: await response.text()};
}
