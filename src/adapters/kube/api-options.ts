import type {ConfigurationOptions} from '@kubernetes/client-node';
import type {K8s} from './client.js';

/**
 * Per-call options for @kubernetes/client-node 1.x: a middleware that attaches an AbortSignal, so a
 * silent API server times out instead of keeping a socket (and the process) alive forever.
 * The object-style API hands options to the observable API, so `pre` must return the library's
 * Observable (built from a promise); `lib` is the lazily imported client-node module.
 */
export function callOptions(lib: K8s, timeoutMs: number, signal?: AbortSignal): ConfigurationOptions {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(combined);
          return new lib.Observable(Promise.resolve(context));
        },
        post: (response) => new lib.Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** HTTP status of a client-node ApiException, or undefined for network errors. */
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
