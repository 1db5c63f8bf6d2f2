/**
 * One lock per release for everything that changes it: install, upgrade, the wizard's apply, the
 * recovery of a stuck release (and rollback, uninstall, restart, plugins, restore as they come).
 * While one run holds it, a second one stops at once with "another operation is in progress since
 * …" instead of reading the first one's in-flight revision as "stuck" and advising to roll it back.
 *
 *   await withReleaseLock(ctx, {connection, namespace, release, command: 'rollback'}, async () => {
 *     … change the release …
 *   });
 *
 * The lock is a Lease in the release's namespace (holder, command, start time), renewed every 15 s
 * while the work runs and stale 60 s after its holder stopped renewing it (a killed run never blocks
 * the release for long). Nested calls for the same release in one process share it. Without the
 * RBAC to use Leases the work still runs, with a note (the lock is a safety net, not a permission).
 */
import {
  acquireLock,
  isStale,
  type LockHolder,
  lockIdentity,
  LOCK_DURATION_SECONDS,
  readLock,
  releaseLock,
  renewLock,
} from '../../adapters/kube/release-lock.js';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {ensureNamespace} from '../../adapters/kube/credentials-secret.js';
import type {Context} from '../../context.js';
import {UserError} from '../../core/errors.js';

export interface ReleaseLockRequest {
  readonly connection: KubeConnection;
  readonly namespace: string;
  readonly release: string;
  /** What this run does, as others will read it: install, upgrade, recover, rollback… */
  readonly command: string;
  /** Create the namespace when it does not exist yet (install: the lock lives in it). */
  readonly createNamespace?: boolean;
}

export type {LockHolder};

const RENEW_MS = 15_000;

function clock(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** "another operation is in progress since …": exit 2, and never advice to roll it back. */
export class ReleaseBusyError extends UserError {
  readonly holder: LockHolder;
  constructor(release: string, namespace: string, holder: LockHolder) {
    const expires = new Date(holder.renewed.getTime() + holder.durationSeconds * 1000);
    super(
      `Another operation on release ${release} (namespace ${namespace}) is in progress since ${clock(holder.since)}: ${holder.command} by ${holder.identity}. Nothing was changed.`,
      {
        hint: `Wait for it to finish ('buntime-deploy status --namespace ${namespace}' shows its progress), then run again. If that run was killed, its lock expires by itself at ${clock(expires)}.`,
        exitCode: 2,
      },
    );
    this.holder = holder;
  }
}

/** Locks this process holds, so nested calls (apply inside a recovery) do not lock themselves out. */
const held = new Set<string>();

function key(request: Pick<ReleaseLockRequest, 'connection' | 'namespace' | 'release'>): string {
  return `${request.connection.server}|${request.namespace}|${request.release}`;
}

/** The live holder of another run, or undefined when the release is free (or only a stale lock is left). */
export async function releaseLockHolder(
  request: Pick<ReleaseLockRequest, 'connection' | 'namespace' | 'release'>,
  signal?: AbortSignal,
): Promise<LockHolder | undefined> {
  if (held.has(key(request))) return undefined;
  try {
    const current = await readLock(request, signal);
    return current && !isStale(current.holder, new Date()) ? current.holder : undefined;
  } catch {
    // No permission for Leases, or the API hiccuped: we cannot know; callers fall back to helm's view.
    return undefined;
  }
}

/** Throws ReleaseBusyError when another live run holds the release's lock. */
export async function assertReleaseFree(
  request: Pick<ReleaseLockRequest, 'connection' | 'namespace' | 'release'>,
  signal?: AbortSignal,
): Promise<void> {
  const holder = await releaseLockHolder(request, signal);
  if (holder) throw new ReleaseBusyError(request.release, request.namespace, holder);
}

/** Runs `work` holding the release's lock (see the module comment). */
export async function withReleaseLock<T>(
  ctx: Context,
  request: ReleaseLockRequest,
  work: () => Promise<T>,
): Promise<T> {
  const id = key(request);
  if (held.has(id)) return work();
  const identity = lockIdentity();
  let result = await acquireLock(request, identity, request.command);
  if (result.kind === 'no-namespace' && request.createNamespace) {
    await ensureNamespace(request.connection, request.namespace);
    result = await acquireLock(request, identity, request.command);
  }
  if (result.kind === 'busy') throw new ReleaseBusyError(request.release, request.namespace, result.holder);
  if (result.kind === 'no-namespace') return work(); // nothing there to change concurrently
  if (result.kind === 'forbidden') {
    ctx.stderr.write(
      `${ctx.style.warn('Note:')} could not take the release lock (no permission for Leases in ${request.namespace}); make sure nobody else changes ${request.release} right now.\n`,
    );
    return work();
  }
  if (result.tookOver)
    ctx.stderr.write(
      `${ctx.style.dim(`Note: took over a stale lock left by ${result.tookOver.command} of ${result.tookOver.identity} (not renewed for over ${LOCK_DURATION_SECONDS} s).`)}\n`,
    );
  let resourceVersion = result.resourceVersion;
  let lost = false;
  let renewing = Promise.resolve();
  held.add(id);
  const timer = setInterval(() => {
    renewing = renewLock(request, resourceVersion, identity).then(
      (next) => {
        if (next) resourceVersion = next;
        else lost = true;
      },
      () => {
        // A missed renewal is retried in 15 s; the Lease lasts 60.
      },
    );
  }, RENEW_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    held.delete(id);
    await renewing;
    if (!lost) await releaseLock(request, resourceVersion).catch(() => undefined);
  }
}
