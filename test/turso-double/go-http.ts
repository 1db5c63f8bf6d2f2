import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

// How turso-server's Go handlers put things on the wire, so the double's bytes match: RFC3339Nano
// times, json.Encoder output (HTML-escaped, trailing newline), http.Error text bodies.

/** Go's RFC3339Nano for a UTC time: nanosecond fraction with trailing zeros trimmed. */
export function goTime(date: Date, extraNanos = 0): string {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.678Z
  const nanos = `${iso.slice(20, 23)}${String(extraNanos).padStart(6, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${nanos ? `.${nanos}` : ''}Z`;
}

export function now(): string {
  return goTime(new Date(), Math.floor(Math.random() * 1_000_000));
}

/** `20060102T150405Z`, the stamp the server puts in archive and snapshot names. */
export function stamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** json.Encoder output: HTML-escaped, with a trailing newline. */
export function goJson(body: unknown): string {
  return `${JSON.stringify(body).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')}\n`;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {'Content-Type': 'application/json; charset=utf-8'});
  res.end(goJson(body));
}

export function sendError(res: ServerResponse, status: number, code: string, detail: string): void {
  sendJson(res, status, {code, detail});
}

/** What Go's http.Error writes. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {...headers, 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff'});
  res.end(`${text}\n`);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
