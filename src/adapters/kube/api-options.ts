import type {CallOptions} from './rest.js';

/**
 * Per-call options: a timeout (a silent API server must not keep a socket, and the process, alive
 * forever) combined with the caller's abort signal.
 */
export function callOptions(timeoutMs: number, signal?: AbortSignal): CallOptions {
  return signal ? {timeoutMs, signal} : {timeoutMs};
}

/** HTTP status of a failed API call (KubeApiError.code), or undefined for network errors. */
export function apiStatus(error: unknown): number | undefined {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A short reason for a failed call: the API's message, or the network error code. */
export function apiReason(error: unknown): string {
  const body = (error as {body?: unknown} | null)?.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as {message?: string};
      if (parsed.message) return parsed.message;
    } catch {
      // Not JSON.
    }
  } else if (body && typeof body === 'object' && typeof (body as {message?: unknown}).message === 'string') {
    return (body as {message: string}).message;
  }
  const name = (error as {name?: unknown} | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'no answer in time';
  const code = (error as {code?: unknown} | null)?.code ?? (error as {cause?: {code?: unknown}} | null)?.cause?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
