/**
 * The release lock's Kubernetes side: one coordination.k8s.io/v1 Lease per release, in its
 * namespace, named `buntime-deploy.<release>`. The holder renews it while it works; a Lease not
 * renewed for `leaseDurationSeconds` is stale (its holder died) and may be taken over. Create,
 * take-over and release are optimistic (resourceVersion preconditions), so two runs can never both
 * believe they hold it.
 */
import {hostname, userInfo} from 'node:os';
import {apiStatus, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';
import type {KubeLease} from './rest.js';

export const LOCK_DURATION_SECONDS = 60;
const TIMEOUT_MS = 10_000;
const COMMAND = 'buntime-deploy/command';
const STARTED = 'buntime-deploy/started';

export interface LockHolder {
  /** `user@host (pid N)` */
  readonly identity: string;
  /** The command holding it: install, upgrade, rollback… */
  readonly command: string;
  readonly since: Date;
  readonly renewed: Date;
  readonly durationSeconds: number;
}

export interface LockRef {
  readonly connection: KubeConnection;
  readonly namespace: string;
  readonly release: string;
}

export type AcquireResult =
  | {readonly kind: 'held'; readonly resourceVersion: string; readonly tookOver?: LockHolder}
  | {readonly kind: 'busy'; readonly holder: LockHolder}
  | {readonly kind: 'no-namespace'}
  | {readonly kind: 'forbidden'; readonly reason: string};

export function leaseName(release: string): string {
  return `buntime-deploy.${release}`;
}

/** Who we are, as other runs will read it. */
export function lockIdentity(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers).
  }
  return `${user}@${hostname()} (pid ${process.pid})`;
}

/** MicroTime as the API server accepts it (microseconds, UTC). */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function holderOf(lease: KubeLease): LockHolder | undefined {
  const spec = lease.spec ?? {};
  if (!spec.holderIdentity) return undefined;
  const renewed = new Date(spec.renewTime ?? spec.acquireTime ?? 0);
  const started = lease.metadata?.annotations?.[STARTED];
  return {
    identity: spec.holderIdentity,
    command: lease.metadata?.annotations?.[COMMAND] ?? 'an operation',
    since: new Date(started ?? spec.acquireTime ?? renewed.toISOString()),
    renewed,
    durationSeconds: spec.leaseDurationSeconds ?? LOCK_DURATION_SECONDS,
  };
}

/** A holder that stopped renewing (its process died) no longer holds the lock. */
export function isStale(holder: LockHolder, now: Date): boolean {
  return now.getTime() - holder.renewed.getTime() > holder.durationSeconds * 1000;
}

function body(ref: LockRef, identity: string, command: string, now: Date, resourceVersion?: string): KubeLease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: leaseName(ref.release),
      namespace: ref.namespace,
      ...(resourceVersion ? {resourceVersion} : {}),
      labels: {'app.kubernetes.io/managed-by': 'buntime-deploy', 'app.kubernetes.io/instance': ref.release},
      annotations: {[COMMAND]: command, [STARTED]: now.toISOString()},
    },
    spec: {
      holderIdentity: identity,
      leaseDurationSeconds: LOCK_DURATION_SECONDS,
      acquireTime: microTime(now),
      renewTime: microTime(now),
    },
  };
}

/** The current holder (stale ones included, with `stale`), or undefined when the release is not locked. */
export async function readLock(
  ref: LockRef,
  signal?: AbortSignal,
): Promise<{holder: LockHolder; resourceVersion: string} | undefined> {
  try {
    const lease = await ref.connection.coordination.readNamespacedLease(
      {namespace: ref.namespace, name: leaseName(ref.release)},
      callOptions(TIMEOUT_MS, signal),
    );
    const holder = holderOf(lease);
    return holder ? {holder, resourceVersion: lease.metadata?.resourceVersion ?? ''} : undefined;
  } catch (error) {
    if (apiStatus(error) === 404) return undefined;
    throw error;
  }
}

/** Takes the lock: creates the Lease, or takes over a stale one. Never waits for a live holder. */
export async function acquireLock(
  ref: LockRef,
  identity: string,
  command: string,
  now: () => Date = () => new Date(),
): Promise<AcquireResult> {
  const {coordination} = ref.connection;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const created = await coordination.createNamespacedLease(
        {namespace: ref.namespace, body: body(ref, identity, command, now())},
        callOptions(TIMEOUT_MS),
      );
      return {kind: 'held', resourceVersion: created.metadata?.resourceVersion ?? ''};
    } catch (error) {
      const status = apiStatus(error);
      if (status === 404) return {kind: 'no-namespace'};
      if (status === 403) return {kind: 'forbidden', reason: (error as Error).message};
      if (status !== 409) throw error;
    }
    const current = await readLock(ref);
    if (!current) continue; // released in between: try to create again
    if (!isStale(current.holder, now())) return {kind: 'busy', holder: current.holder};
    try {
      const taken = await coordination.replaceNamespacedLease(
        {
          namespace: ref.namespace,
          name: leaseName(ref.release),
          body: body(ref, identity, command, now(), current.resourceVersion),
        },
        callOptions(TIMEOUT_MS),
      );
      return {kind: 'held', resourceVersion: taken.metadata?.resourceVersion ?? '', tookOver: current.holder};
    } catch (error) {
      if (apiStatus(error) !== 409) throw error;
      // Someone else took it over first: look again.
    }
  }
  const current = await readLock(ref);
  if (current) return {kind: 'busy', holder: current.holder};
  throw new Error(`Could not take the lock ${leaseName(ref.release)}: it kept changing.`);
}

/** Renews the lock; returns the new resourceVersion, or undefined when it is no longer ours. */
export async function renewLock(ref: LockRef, resourceVersion: string, identity: string): Promise<string | undefined> {
  const current = await ref.connection.coordination.readNamespacedLease(
    {namespace: ref.namespace, name: leaseName(ref.release)},
    callOptions(TIMEOUT_MS),
  );
  if (current.spec?.holderIdentity !== identity || current.metadata?.resourceVersion !== resourceVersion)
    return undefined;
  const renewed = await ref.connection.coordination.replaceNamespacedLease(
    {
      namespace: ref.namespace,
      name: leaseName(ref.release),
      body: {...current, spec: {...current.spec, renewTime: microTime(new Date())}},
    },
    callOptions(TIMEOUT_MS),
  );
  return renewed.metadata?.resourceVersion;
}

/** Gives the lock back (only if it is still ours: the precondition makes that atomic). */
export async function releaseLock(ref: LockRef, resourceVersion: string): Promise<void> {
  try {
    await ref.connection.coordination.deleteNamespacedLease(
      {namespace: ref.namespace, name: leaseName(ref.release), resourceVersion},
      callOptions(TIMEOUT_MS),
    );
  } catch (error) {
    // 404: already gone; 409: no longer ours. Either way there is nothing to give back.
    const status = apiStatus(error);
    if (status !== 404 && status !== 409) throw error;
  }
}
