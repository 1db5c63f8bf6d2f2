import type {BackupRun} from '../backups/run-result.js';
import type {BackupObject, CronJobInfo, JobInfo} from './backups.js';
import type {ClaimInfo, Diagnosis, PodEvent} from './diagnosis.js';
import {toMillis, type EventLike, type PodLike} from './kube-types.js';
import {compareNames, insertSorted, removeSorted} from './order.js';
import {computePodStatus, type PodStatus} from './pod-status.js';

export type PodGroup = 'runtime' | 'turso-server' | 'backup';

export interface PodRow {
  readonly name: string;
  readonly group: PodGroup;
  readonly status: PodStatus;
  readonly node?: string;
  readonly createdAt?: number;
  readonly image?: string;
  readonly claims: readonly string[];
}

/** A turso-server namespace as the admin API reports it (archived = only left in the backups). */
export interface TursoNamespace {
  readonly name: string;
  readonly origin: 'auto' | 'explicit' | 'archived';
  readonly locked: boolean;
  readonly createdAt?: number;
  readonly lastAccessAt?: number;
  readonly ttl?: string;
  readonly sizeBytes?: number;
}

export type SourceName = 'kube' | 'admin' | 's3';

/** The state of one data source: the Kubernetes watches, the turso admin API, the S3 bucket. */
export interface SourceState {
  readonly state: 'connecting' | 'live' | 'reconnecting' | 'error' | 'disabled';
  readonly message?: string;
  readonly hint?: string;
  readonly since: number;
}

export interface BackupSettings {
  readonly bucket: string;
  readonly endpoint: string;
  readonly retentionCount: number;
}

export interface StatusMeta {
  readonly context: string;
  readonly namespace: string;
  readonly release: string;
  readonly fullname: string;
}

export interface Notice {
  readonly level: 'info' | 'ok' | 'warn' | 'error';
  readonly text: string;
  /** An action is running: only its outcome replaces this notice (no key, no timer). */
  readonly busy?: boolean;
}

/** How long an info or ok notice stays; warnings and errors stay until the next key. */
export const NOTICE_MS = 5000;

export interface StatusState {
  /** Increases on every change; cheap change detection for renderers. */
  readonly version: number;
  readonly meta: StatusMeta;
  readonly pods: ReadonlyMap<string, PodRow>;
  /**
   * The names of `pods` in display order (order.ts), kept up to date one insertion or removal at a
   * time: a pod changing state keeps the same array, so nothing is re-sorted.
   */
  readonly podOrder: readonly string[];
  readonly events: ReadonlyMap<string, readonly PodEvent[]>;
  readonly claims: ReadonlyMap<string, ClaimInfo>;
  readonly tursoEnabled: boolean;
  readonly namespaces: readonly TursoNamespace[] | undefined;
  readonly cronJob: CronJobInfo | undefined;
  readonly jobs: ReadonlyMap<string, JobInfo>;
  readonly backupSettings: BackupSettings | undefined;
  readonly objects: readonly BackupObject[] | undefined;
  /** When the bucket was last listed (a Job that finished later is not judged on it). */
  readonly objectsAt: number | undefined;
  /** The backup job's last result (`_results/turso-backup.json`), when the bucket has one. */
  readonly backupRun: BackupRun | undefined;
  readonly sources: Readonly<Record<SourceName, SourceState>>;
  /** Release-level problems not tied to a pod (e.g. a missing TLS certificate). */
  readonly problems: readonly Diagnosis[];
  readonly notice: Notice | undefined;
}

const COMPONENT = 'app.kubernetes.io/component';
const MAX_EVENTS = 10;

/** Which pane a pod belongs to, by its component label (no label = runtime, as upstream charts do). */
export function podGroup(labels: Readonly<Record<string, string>> | undefined): PodGroup {
  const component = labels?.[COMPONENT];
  if (component === 'turso-server') return 'turso-server';
  if (component === 'turso-backup') return 'backup';
  return 'runtime';
}

/** Reduces a Pod object to a row; the status is computed once here, not on every frame. */
export function podRow(pod: PodLike): PodRow {
  const claims = (pod.spec?.volumes ?? []).flatMap((volume) =>
    volume.persistentVolumeClaim?.claimName ? [volume.persistentVolumeClaim.claimName] : [],
  );
  const createdAt = toMillis(pod.metadata?.creationTimestamp);
  const image = pod.spec?.containers?.[0]?.image;
  return {
    name: pod.metadata?.name ?? '',
    group: podGroup(pod.metadata?.labels),
    status: computePodStatus(pod),
    ...(pod.spec?.nodeName ? {node: pod.spec.nodeName} : {}),
    ...(createdAt !== undefined ? {createdAt} : {}),
    ...(image ? {image} : {}),
    claims,
  };
}

const sameStatus = (a: PodStatus, b: PodStatus): boolean =>
  a.status === b.status &&
  a.reason === b.reason &&
  a.message === b.message &&
  a.ready === b.ready &&
  a.total === b.total &&
  a.restarts === b.restarts &&
  a.severity === b.severity;

/**
 * True when two rows show the same thing. Most MODIFIED events (probe times, resourceVersion,
 * annotations) change nothing on screen: the old row object is kept, so the model and the
 * renderer, which cache by row identity, do no work for them.
 */
export function samePodRow(a: PodRow, b: PodRow): boolean {
  return (
    a.name === b.name &&
    a.group === b.group &&
    a.node === b.node &&
    a.createdAt === b.createdAt &&
    a.image === b.image &&
    a.claims.length === b.claims.length &&
    a.claims.every((claim, index) => claim === b.claims[index]) &&
    sameStatus(a.status, b.status)
  );
}

/** An Event object reduced to what the screen shows (the last occurrence's time). */
export function eventOf(event: EventLike): PodEvent {
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: (event.message ?? '').trim(),
    count: event.count ?? 1,
    at: toMillis(event.lastTimestamp) ?? toMillis(event.eventTime) ?? toMillis(event.firstTimestamp) ?? 0,
  };
}

type Listener = (state: StatusState) => void;

/**
 * The live screen's model: a plain store that adapters (watches, the admin API poller, the S3
 * lister) write into and renderers subscribe to. No Ink, no I/O; listeners run synchronously
 * after each change, or once at the end of a batch().
 */
export class StatusStore {
  private current: StatusState;
  private readonly listeners = new Set<Listener>();
  private batching = 0;
  private dirty = false;
  private readonly clock: () => number;

  constructor(meta: StatusMeta, options: {tursoEnabled?: boolean; clock?: () => number} = {}) {
    this.clock = options.clock ?? Date.now;
    const since = this.clock();
    this.current = {
      version: 0,
      meta,
      pods: new Map(),
      podOrder: [],
      events: new Map(),
      claims: new Map(),
      tursoEnabled: options.tursoEnabled ?? false,
      namespaces: undefined,
      cronJob: undefined,
      jobs: new Map(),
      backupSettings: undefined,
      objects: undefined,
      objectsAt: undefined,
      backupRun: undefined,
      sources: {kube: {state: 'connecting', since}, admin: {state: 'disabled', since}, s3: {state: 'disabled', since}},
      problems: [],
      notice: undefined,
    };
  }

  get state(): StatusState {
    return this.current;
  }

  now(): number {
    return this.clock();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies several changes and notifies once. */
  batch(fn: () => void): void {
    this.batching++;
    try {
      fn();
    } finally {
      this.batching--;
      if (this.batching === 0 && this.dirty) this.emit();
    }
  }

  private update(patch: Partial<Omit<StatusState, 'version'>>): void {
    this.current = {...this.current, ...patch, version: this.current.version + 1};
    if (this.batching > 0) this.dirty = true;
    else this.emit();
  }

  private emit(): void {
    this.dirty = false;
    for (const listener of [...this.listeners]) listener(this.current);
  }

  upsertPod(pod: PodLike): void {
    this.upsertPodRows([podRow(pod)]);
  }

  /** Adds or updates several pods at once (a page of the first LIST); one notification. */
  upsertPodRows(rows: readonly PodRow[]): void {
    let pods: Map<string, PodRow> | undefined;
    let order = this.current.podOrder;
    for (const row of rows) {
      if (!row.name) continue;
      const previous = (pods ?? this.current.pods).get(row.name);
      if (previous && samePodRow(previous, row)) continue;
      pods ??= new Map(this.current.pods);
      pods.set(row.name, row);
      if (!previous) order = insertSorted(order, row.name);
    }
    if (pods) this.update({pods, podOrder: order});
  }

  deletePod(name: string): void {
    if (!this.current.pods.has(name)) return;
    const pods = new Map(this.current.pods);
    pods.delete(name);
    let events = this.current.events;
    if (events.has(name)) {
      const copy = new Map(events);
      copy.delete(name);
      events = copy;
    }
    this.update({pods, podOrder: removeSorted(this.current.podOrder, name), events});
  }

  /** Replaces every pod (a fresh LIST after a resync). */
  replacePods(list: readonly PodLike[]): void {
    this.replacePodRows(list.map(podRow));
  }

  /**
   * Replaces every pod with these rows. Rows equal to the current ones keep the current objects and
   * the order is re-sorted only when the set of names changed, so a resync that finds nothing new
   * costs the screen nothing.
   */
  replacePodRows(rows: readonly PodRow[]): void {
    const previous = this.current.pods;
    const pods = new Map<string, PodRow>();
    let changed = false;
    for (const row of rows) {
      if (!row.name) continue;
      const old = previous.get(row.name);
      if (old && samePodRow(old, row)) pods.set(row.name, old);
      else {
        pods.set(row.name, row);
        changed = true;
      }
    }
    const sameNames = pods.size === previous.size && [...pods.keys()].every((name) => previous.has(name));
    if (!changed && sameNames) return;
    const podOrder = sameNames ? this.current.podOrder : [...pods.keys()].sort(compareNames);
    this.update({pods, podOrder});
  }

  /** Adds or replaces one event of a pod; keeps the newest few. */
  recordEvent(podName: string, event: PodEvent): void {
    const previous = this.current.events.get(podName) ?? [];
    const others = previous.filter((item) => !(item.reason === event.reason && item.message === event.message));
    const next = [event, ...others].sort((a, b) => b.at - a.at).slice(0, MAX_EVENTS);
    const events = new Map(this.current.events);
    events.set(podName, next);
    this.update({events});
  }

  setClaims(list: readonly ClaimInfo[]): void {
    this.update({claims: new Map(list.map((claim) => [claim.name, claim]))});
  }

  setSource(name: SourceName, state: Omit<SourceState, 'since'>): void {
    const previous = this.current.sources[name];
    const same = previous.state === state.state && previous.message === state.message;
    if (same) return;
    this.update({sources: {...this.current.sources, [name]: {...state, since: this.clock()}}});
  }

  setMeta(patch: Partial<StatusMeta>): void {
    this.update({meta: {...this.current.meta, ...patch}});
  }

  setTursoEnabled(enabled: boolean): void {
    if (enabled !== this.current.tursoEnabled) this.update({tursoEnabled: enabled});
  }

  setNamespaces(namespaces: readonly TursoNamespace[]): void {
    this.update({namespaces: [...namespaces].sort((a, b) => (a.name < b.name ? -1 : 1))});
  }

  setCronJob(cronJob: CronJobInfo | undefined): void {
    this.update({cronJob});
  }

  upsertJob(job: JobInfo): void {
    const jobs = new Map(this.current.jobs);
    jobs.set(job.name, job);
    this.update({jobs});
  }

  deleteJob(name: string): void {
    if (!this.current.jobs.has(name)) return;
    const jobs = new Map(this.current.jobs);
    jobs.delete(name);
    this.update({jobs});
  }

  replaceJobs(list: readonly JobInfo[]): void {
    this.update({jobs: new Map(list.map((job) => [job.name, job]))});
  }

  setBackupSettings(settings: BackupSettings | undefined): void {
    this.update({backupSettings: settings});
  }

  setObjects(objects: readonly BackupObject[]): void {
    this.update({objects, objectsAt: this.clock()});
  }

  setBackupRun(run: BackupRun | undefined): void {
    this.update({backupRun: run});
  }

  setProblems(problems: readonly Diagnosis[]): void {
    this.update({problems});
  }

  setNotice(notice: Notice | undefined): void {
    this.update({notice});
  }

  /** Clears the notice, or only `notice` when given (a timer must not clear a newer one). */
  clearNotice(notice?: Notice): void {
    if (this.current.notice === undefined || (notice && this.current.notice !== notice)) return;
    this.update({notice: undefined});
  }
}
