import type {KubeConnection} from '../../adapters/kube/client.js';
import {startStatusFeed, type StatusFeed} from '../../adapters/status-feed.js';
import type {Context} from '../../context.js';
import {buildModel} from '../../core/status/model.js';
import {toSnapshot} from '../../core/status/snapshot.js';
import {StatusStore} from '../../core/status/store.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {connectOrExplain} from '../cluster.js';
import type {ReleaseTarget} from '../target.js';

/** What the live screen needs to find the release. */
export type StatusTarget = Pick<ReleaseTarget, 'namespace' | 'release' | 'kubeContext'>;

/** How long a snapshot waits for the first answers from the cluster, the admin API and S3. */
const SNAPSHOT_WAIT_MS = 20_000;

function startFeed(
  conn: KubeConnection,
  target: StatusTarget,
  once = false,
): {store: StatusStore; feed: Promise<StatusFeed>} {
  const store = new StatusStore({
    context: conn.context,
    namespace: target.namespace,
    release: target.release,
    // The default; the feed follows a fullnameOverride it finds on the live objects.
    fullname: chartFullname(target.release, {}),
  });
  return {
    store,
    feed: startStatusFeed({conn, namespace: target.namespace, release: target.release, store, once}),
  };
}

/** Waits until the first LIST of every watch landed (or failed) and the polled sources answered. */
async function firstSnapshot(store: StatusStore, feed: StatusFeed, signal: AbortSignal): Promise<void> {
  const kubeSettled = new Promise<void>((resolve) => {
    const check = (): void => {
      const state = store.state.sources.kube.state;
      if (state === 'live' || state === 'error') {
        stop();
        resolve();
      }
    };
    const stop = store.subscribe(check);
    check();
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SNAPSHOT_WAIT_MS);
    signal.addEventListener('abort', () => resolve(), {once: true});
  });
  await Promise.race([Promise.all([kubeSettled, feed.settled]), timeout]);
  clearTimeout(timer);
  if (store.state.sources.kube.state !== 'live') {
    const {message} = store.state.sources.kube;
    store.setSource('kube', {
      state: 'error',
      message: `The API server did not answer in time${message ? `: ${message}` : ''}.`,
    });
  }
}

/**
 * Opens the live screen for a release (used by `status` and by the wizard after install or
 * upgrade). Resolves with the exit code when the user quits.
 */
export async function openLiveScreen(target: StatusTarget, ctx: Context): Promise<number> {
  const conn = await connectOrExplain(ctx, target.kubeContext);
  const {store, feed: feedPromise} = startFeed(conn, target);
  const feed = await feedPromise;
  try {
    const {runStatusScreen} = await import('../../ui/status/index.js');
    return await runStatusScreen({
      store,
      actions: feed,
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      signal: ctx.signal,
    });
  } finally {
    await feed.stop();
  }
}

/** One snapshot of the same model: JSON or text on stdout; exit 1 when degraded or unhealthy. */
export async function printStatusSnapshot(target: StatusTarget, ctx: Context, json: boolean): Promise<number> {
  const conn = await connectOrExplain(ctx, target.kubeContext);
  // A snapshot lists every source once and watches nothing.
  const {store, feed: feedPromise} = startFeed(conn, target, true);
  const feed = await feedPromise;
  try {
    await firstSnapshot(store, feed, ctx.signal);
    const model = buildModel(store.state, Date.now());
    if (json) ctx.stdout.write(`${JSON.stringify(toSnapshot(model), null, 2)}\n`);
    else {
      const {renderStatusText} = await import('../../ui/status/index.js');
      ctx.stdout.write(renderStatusText(model, ctx.style));
    }
    return model.health.level === 'healthy' || model.health.level === 'progressing' ? 0 : 1;
  } finally {
    await feed.stop();
  }
}
