import type * as k8s from '@kubernetes/client-node';
import {type Clients, LOAD_NODE} from './cluster.js';

/** The release's labels: the live screen lists these pods as the release's runtime pods. */
export const RELEASE_LABELS = {'app.kubernetes.io/instance': 'buntime', 'app.kubernetes.io/name': 'buntime'};
export const LOAD_PREFIX = 'buntime-load-';

export const loadName = (index: number): string => `${LOAD_PREFIX}${String(index).padStart(5, '0')}`;

function loadPod(name: string): k8s.V1Pod {
  return {
    metadata: {name, labels: {...RELEASE_LABELS, 'bench/load': 'true'}},
    spec: {
      // Bound directly: no scheduler round trip (and no Scheduled event per pod); kwok runs it.
      nodeName: LOAD_NODE,
      tolerations: [{key: 'bench/load', operator: 'Exists'}],
      containers: [{name: 'app', image: 'registry.invalid/bench:1', ports: [{containerPort: 8000}]}],
    },
  };
}

const ready = (pod: k8s.V1Pod): boolean =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/**
 * Watches the namespace's pods and resolves `until(predicate)` promises as the set changes: the
 * bench's own view of what is Running, without polling LISTs.
 */
export class PodTracker {
  private readonly pods = new Map<string, k8s.V1Pod>();
  private readonly waiters: Array<{test: () => boolean; resolve: () => void}> = [];
  private abort: AbortController | undefined;

  private constructor(readonly namespace: string) {}

  static async start(clients: Clients, namespace: string): Promise<PodTracker> {
    const tracker = new PodTracker(namespace);
    const list = await clients.core.listNamespacedPod({namespace});
    for (const pod of list.items) tracker.pods.set(pod.metadata?.name ?? '', pod);
    const watch = new clients.lib.Watch(clients.kc);
    tracker.abort = await watch.watch(
      `/api/v1/namespaces/${namespace}/pods`,
      {resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true},
      (type: string, pod: k8s.V1Pod) => {
        const name = pod.metadata?.name ?? '';
        if (type === 'DELETED') tracker.pods.delete(name);
        else if (type === 'ADDED' || type === 'MODIFIED') tracker.pods.set(name, pod);
        tracker.check();
      },
      () => undefined,
    );
    return tracker;
  }

  private check(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  until(what: string, test: (pods: ReadonlyMap<string, k8s.V1Pod>) => boolean, timeoutMs = 300_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = {
        test: () => test(this.pods),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(entry), 1);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(entry);
      this.check();
    });
  }

  readyLoad(): number {
    let count = 0;
    for (const [name, pod] of this.pods) if (name.startsWith(LOAD_PREFIX) && ready(pod)) count++;
    return count;
  }

  isReady(name: string): boolean {
    const pod = this.pods.get(name);
    return pod !== undefined && ready(pod) && !pod.metadata?.deletionTimestamp;
  }

  has(name: string): boolean {
    return this.pods.has(name);
  }

  stop(): void {
    this.abort?.abort();
  }
}

/** Creates load pods `from`..`to-1` (a few requests in flight) and waits until they are all Ready. */
export async function scaleLoad(clients: Clients, tracker: PodTracker, from: number, to: number): Promise<void> {
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const index = next++;
      await clients.core.createNamespacedPod({namespace: tracker.namespace, body: loadPod(loadName(index))});
    }
  };
  await Promise.all(Array.from({length: 8}, worker));
  await tracker.until(`${to} load pods Ready`, () => tracker.readyLoad() >= to, 600_000);
}

/** Deletes a load pod (what the tools must show) and returns when the API accepted it. */
export async function deleteLoadPod(clients: Clients, namespace: string, name: string): Promise<void> {
  await clients.core.deleteNamespacedPod({namespace, name});
}

/** Puts a deleted load pod back and waits until it is Ready (the next measurement starts from N pods). */
export async function restoreLoadPod(clients: Clients, tracker: PodTracker, name: string): Promise<void> {
  await tracker.until(`${name} gone`, () => !tracker.has(name), 60_000);
  await clients.core.createNamespacedPod({namespace: tracker.namespace, body: loadPod(name)});
  await tracker.until(`${name} Ready`, () => tracker.isReady(name), 60_000);
}
