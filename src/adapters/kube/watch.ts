import type {KubeConnection} from './client.js';

/** A list response as the typed client-node APIs return it. */
export interface ListResult<T> {
  readonly items: readonly T[];
  readonly metadata?: {readonly resourceVersion?: string};
}

export type WatchState = 'live' | 'reconnecting';

/** T: the objects the watch streams; L: what the LIST yields (the same objects, or already reduced). */
export interface WatchOptions<T, L = T> {
  readonly conn: Pick<KubeConnection, 'k8s' | 'kc'>;
  /** Collection path, e.g. /api/v1/namespaces/zomme/pods. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** The matching LIST call (same selectors). */
  readonly list: () => Promise<ListResult<L>>;
  /** Every object, after the first LIST and after each resync. */
  readonly onSync: (items: readonly L[]) => void;
  readonly onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T) => void;
  readonly onState: (state: WatchState, detail?: string) => void;
  /** First and largest wait between reconnection attempts (default 250 ms → 2 s). */
  readonly backoff?: {readonly initialMs: number; readonly maxMs: number};
  /**
   * Server-side watch timeout; the watch is re-opened from the last resourceVersion (default: a
   * random 5-10 minutes, as client-go's reflector does, so watches do not all re-open at once).
   */
  readonly timeoutSeconds?: number;
  /** Longest wait for a LIST or for a watch to start answering (default 20 s). */
  readonly requestTimeoutMs?: number;
  /**
   * A watch that says nothing for this long (no event, no bookmark; the API server sends a bookmark
   * about every minute) is presumed dead and re-opened (default 150 s).
   */
  readonly idleTimeoutMs?: number;
  /** Only the LIST, reported live once it landed, and no watch (a one-off snapshot). */
  readonly listOnly?: boolean;
}

export interface ResourceWatch {
  /** Forces a fresh LIST (the `r` key). */
  resync(): void;
  stop(): void;
}

/** Rejects when `promise` takes longer than `ms`: a hung LIST or watch request must not stall the screen. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  if (!error) return 'the watch connection closed';
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const code = (current as {code?: string}).code;
  const status = (error as {statusCode?: number; code?: number}).statusCode;
  if (status) return `HTTP ${status}`;
  return code ?? (current instanceof Error ? current.message : String(current));
}

/**
 * LIST then WATCH from the list's resourceVersion, like client-go's reflector: bookmarks keep the
 * version fresh; a 410 Gone (version too old) or any failed reconnection triggers a new LIST, so
 * objects changed while the API server was away are not missed. While it cannot reach the server
 * it reports 'reconnecting' and retries with a capped exponential backoff, never giving up.
 */
export function startWatch<T extends {metadata?: {resourceVersion?: string}}, L = T>(
  options: WatchOptions<T, L>,
): ResourceWatch {
  const watcher = new options.conn.k8s.Watch(options.conn.kc);
  const backoff = options.backoff ?? {initialMs: 250, maxMs: 2000};
  let stopped = false;
  let controller: AbortController | undefined;
  let resourceVersion: string | undefined;
  let needList = true;
  let delay = backoff.initialMs;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  let live = false;
  let idle: NodeJS.Timeout | undefined;
  const timeoutSeconds = options.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300);

  const setState = (state: WatchState, detail?: string): void => {
    if (state === 'live' && live) return;
    live = state === 'live';
    options.onState(state, detail);
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
  };

  const retry = (detail: string): void => {
    setState('reconnecting', detail);
    // After a failure we cannot know what we missed: list again.
    needList = true;
    schedule(delay);
    delay = Math.min(delay * 2, backoff.maxMs);
  };

  async function run(): Promise<void> {
    if (stopped) return;
    const current = ++generation;
    controller?.abort();
    controller = undefined;
    if (needList) {
      try {
        const result = await within(options.list(), options.requestTimeoutMs ?? 20_000, 'LIST');
        if (stopped || current !== generation) return;
        resourceVersion = result.metadata?.resourceVersion;
        needList = false;
        options.onSync(result.items);
        if (options.listOnly) {
          setState('live');
          return;
        }
      } catch (error) {
        if (!stopped && current === generation) retry(describeError(error));
        return;
      }
    }
    let ended = false;
    const openedAt = Date.now();
    const idleMs = options.idleTimeoutMs ?? 150_000;
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        if (ended || stopped || current !== generation) return;
        ended = true;
        controller?.abort();
        retry('the watch went silent');
      }, idleMs);
      // Never what keeps the process alive after the screen closed.
      idle.unref();
    };
    const timeoutMs = timeoutSeconds * 1000;
    const done = (error: unknown): void => {
      clearTimeout(idle);
      if (ended || stopped || current !== generation) return;
      ended = true;
      if (error) return retry(describeError(error));
      // The server's own timeout re-opens from the same version. An early clean close usually
      // means the API server went away (a restart closes streams cleanly): list again to be sure.
      if (Date.now() - openedAt < timeoutMs - 5000) needList = true;
      schedule(0);
    };
    let request: Promise<AbortController> | undefined;
    try {
      request = watcher.watch(
        options.path,
        {
          resourceVersion,
          allowWatchBookmarks: true,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
          timeoutSeconds,
        },
        (type: string, object: T & {code?: number; kind?: string}) => {
          if (current !== generation || stopped) return;
          touch();
          if (type === 'ERROR') {
            // 410 Gone: our resourceVersion is too old; anything else: start over too.
            needList = true;
            ended = true;
            controller?.abort();
            schedule(0);
            return;
          }
          const version = object.metadata?.resourceVersion;
          if (version) resourceVersion = version;
          if (type === 'BOOKMARK') return;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') options.onEvent(type, object);
        },
        done,
      );
      const opened = await within(request, options.requestTimeoutMs ?? 20_000, 'watch request');
      if (current !== generation || stopped) {
        // A newer run took over while this request was starting: close it.
        opened.abort();
        return;
      }
      controller = opened;
      if (!ended) {
        touch();
        delay = backoff.initialMs;
        setState('live');
      }
    } catch (error) {
      // A request that answers after its timeout is closed, not left streaming.
      void request?.then(
        (late) => late.abort(),
        () => undefined,
      );
      done(error ?? new Error('watch failed'));
    }
  }

  void run();
  return {
    resync() {
      needList = true;
      schedule(0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(idle);
      controller?.abort();
    },
  };
}
