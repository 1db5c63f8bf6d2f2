import {createServer, type Server, type Socket} from 'node:net';
import type {KubeConnection} from './client.js';

export interface PortForwardHandle {
  /** The local 127.0.0.1 port that reaches the pod's port. */
  readonly localPort: number;
  readonly url: string;
  /** The last error the API server or kubelet reported for a connection (e.g. connection refused). */
  lastError(): string | undefined;
  /** Stops listening and closes every forwarded connection. */
  close(): Promise<void>;
}

export interface PortForwardOptions {
  readonly conn: Pick<KubeConnection, 'k8s' | 'kc'>;
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

/**
 * The WebSocket library rejects with an ErrorEvent ("Unexpected server response: 400") and no body;
 * say what each status means for a port-forward.
 */
export function describeForwardError(error: unknown, pod: string): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error
      ? String((error as {message: unknown}).message)
      : String(error);
  const status = /response: (\d{3})/.exec(message)?.[1];
  if (status === '400')
    return `the API server refused the port-forward to ${pod} (HTTP 400): the pod is not running yet (Pending, or no node)`;
  if (status === '404') return `pod ${pod} does not exist`;
  if (status === '403') return `not allowed to port-forward to ${pod} (needs create on pods/portforward)`;
  return message;
}

interface Closable {
  close(): void;
  /** ws's immediate close; close() alone waits up to 30 s for the peer's close frame. */
  terminate?(): void;
  on?(event: 'close', listener: () => void): unknown;
}

const shut = (ws: Closable): void => (ws.terminate ? ws.terminate() : ws.close());

/**
 * `kubectl port-forward` with @kubernetes/client-node: a server socket on 127.0.0.1 (a free port),
 * one WebSocket port-forward stream per accepted connection. Errors on the pod side (nothing
 * listening, pod gone) close that connection and are kept for messages.
 */
export async function openPortForward(options: PortForwardOptions): Promise<PortForwardHandle> {
  const forwarder = new options.conn.k8s.PortForward(options.conn.kc, true);
  const sockets = new Set<Socket>();
  const streams = new Set<Closable>();
  let lastError: string | undefined;
  let closed = false;

  const server: Server = createServer((socket) => {
    // Accepted just as close() ran: server.close() waits for every connection, so end it now.
    if (closed) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    let errorText = '';
    const errors = {
      write(chunk: Buffer | string): boolean {
        // The error channel's first frame is the bare port number, which client-node strips to an
        // empty chunk: only real text is an error.
        const text = chunk.toString();
        if (text.trim() === '') return true;
        errorText += text;
        lastError = errorText.trim();
        socket.destroy();
        return true;
      },
    };
    forwarder
      .portForward(options.namespace, options.pod, [options.port], socket, errors as never, socket)
      .then((result) => {
        const ws = (typeof result === 'function' ? result() : result) as Closable | null;
        if (!ws) {
          socket.destroy();
          return;
        }
        // The handshake can finish after close() or after the client went away; such a stream
        // has no socket left to close it and would keep the process alive: cut it now.
        if (closed || socket.destroyed) {
          shut(ws);
          socket.destroy();
          return;
        }
        streams.add(ws);
        ws.on?.('close', () => {
          streams.delete(ws);
          socket.end();
        });
        socket.on('close', () => {
          sockets.delete(socket);
          shut(ws);
        });
      })
      .catch((error: unknown) => {
        lastError = describeForwardError(error, options.pod);
        socket.destroy();
      });
  });

  const localPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as {port: number}).port));
  });

  return {
    localPort,
    url: `http://127.0.0.1:${localPort}`,
    lastError: () => lastError,
    async close() {
      closed = true;
      for (const ws of streams) shut(ws);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
