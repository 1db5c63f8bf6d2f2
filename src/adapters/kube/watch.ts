import type {KubeConnection} from './client.js';

/** A list response as the typed client-node APIs return it. */
export interface ListResult<T> {
  readonly items: readonly T[];
  readonly metadata?: {readonly resourceVersion?: string};
}

export type WatchState = 'live' | 'reconnecting';

export interface WatchOptions<T> {
  readonly conn: Pick<KubeConnection, 'k8s' | 'kc'>;
  /** Collection path, e.g. /api/v1/namespaces/zomme/pods. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** The matching LIST call (same selectors). */
  readonly list: () => Promise<ListResult<T>>;
  /** Every object, after the first LIST and after each resync. */
  readonly onSync: (items: readonly T[]) => void;
  readonly onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T) => void;
  readonly onState: (state: WatchState, detail?: string) => void;
  /** First and largest wait between reconnection attempts (default 250 ms → 2 s). */
  readonly backoff?: {readonly initialMs: number; readonly maxMs: number};
  /** Server-side watch timeout; the watch is re-opened from the last resourceVersion (default 240 s). */
  readonly timeoutSeconds?: number;
}

export interface ResourceWatch {
  /** Forces a fresh LIST (the `r` key). */
  resync(): void;
  stop(): void;
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
export function startWatch<T extends {metadata?: {resourceVersion?: string}}>(options: WatchOptions<T>): ResourceWatch {
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
        const result = await options.list();
        if (stopped || current !== generation) return;
        resourceVersion = result.metadata?.resourceVersion;
        needList = false;
        options.onSync(result.items);
      } catch (error) {
        if (!stopped && current === generation) retry(describeError(error));
        return;
      }
    }
    let ended = false;
    const openedAt = Date.now();
    const timeoutMs = (options.timeoutSeconds ?? 240) * 1000;
    const done = (error: unknown): void => {
      if (ended || stopped || current !== generation) return;
      ended = true;
      if (error) return retry(describeError(error));
      // The server's own timeout re-opens from the same version. An early clean close usually
      // means the API server went away (a restart closes streams cleanly): list again to be sure.
      if (Date.now() - openedAt < timeoutMs - 5000) needList = true;
      schedule(0);
    };
    try {
      controller = await watcher.watch(
        options.path,
        {
          resourceVersion,
          allowWatchBookmarks: true,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
          timeoutSeconds: options.timeoutSeconds ?? 240,
        },
        (type: string, object: T & {code?: number; kind?: string}) => {
          if (current !== generation || stopped) return;
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
      if (!ended && !stopped && current === generation) {
        delay = backoff.initialMs;
        setState('live');
      }
    } catch (error) {
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
      controller?.abort();
    },
  };
}
