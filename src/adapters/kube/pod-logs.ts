import {ExternalError} from '../../core/errors.js';
import {apiReason} from './api-options.js';
import type {KubeConnection} from './client.js';
import {kubeStream} from './rest.js';

export interface LogRequest {
  readonly container?: string;
  readonly previous?: boolean;
  readonly sinceSeconds?: number;
  /** Lines from the end; undefined = the whole log (as kubectl, except -l which defaults to 10). */
  readonly tailLines?: number;
  readonly follow: boolean;
  readonly timestamps?: boolean;
}

/** `kubectl logs` for one pod, as an argv a person can paste (the command the product mirrors). */
export function kubectlLogs(namespace: string, pod: string, request: LogRequest): string {
  return [
    'kubectl',
    '-n',
    namespace,
    'logs',
    pod,
    ...(request.container ? ['-c', request.container] : []),
    ...(request.follow ? ['-f'] : []),
    ...(request.previous ? ['--previous'] : []),
    ...(request.sinceSeconds !== undefined ? [`--since=${request.sinceSeconds}s`] : []),
    ...(request.tailLines !== undefined ? [`--tail=${request.tailLines}`] : []),
  ].join(' ');
}

/**
 * Reads (or follows) one pod's log through the API server and hands it over line by line. With
 * `follow` it keeps reading until the pod's log ends (the container stopped) or `signal` aborts.
 */
export async function streamPodLog(
  conn: Pick<KubeConnection, 'kc'>,
  namespace: string,
  pod: string,
  request: LogRequest,
  onLine: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  let pending = '';
  const push = (chunk: Buffer): void => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  };
  try {
    await kubeStream(
      conn.kc,
      {
        path: `/api/v1/namespaces/${namespace}/pods/${pod}/log`,
        query: {
          container: request.container,
          follow: request.follow ? true : undefined,
          previous: request.previous ? true : undefined,
          sinceSeconds: request.sinceSeconds,
          tailLines: request.tailLines,
          timestamps: request.timestamps ? true : undefined,
        },
      },
      push,
      signal ? {signal} : {},
    );
  } catch (error) {
    if (signal?.aborted) return;
    throw new ExternalError(`Cannot read the logs of ${pod}: ${apiReason(error)}.`, {
      command: kubectlLogs(namespace, pod, request),
    });
  }
  if (pending) onLine(pending);
}
