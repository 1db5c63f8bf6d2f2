import {
  backupStaleness,
  summariseObjects,
  type CronJobInfo,
  type JobInfo,
  type NamespaceBackups,
  type Staleness,
} from './backups.js';
import {diagnosePod, type Diagnosis, type PodEvent} from './diagnosis.js';
import {memoLast} from './memo.js';
import type {Severity} from './pod-status.js';
import type {PodGroup, PodRow, SourceName, SourceState, StatusMeta, StatusState, TursoNamespace} from './store.js';

export type HealthLevel = 'healthy' | 'progressing' | 'degraded' | 'unhealthy';

export interface Health {
  readonly level: HealthLevel;
  /** Why it is not healthy, one line each. */
  readonly reasons: readonly string[];
}

export interface PodView extends PodRow {
  readonly ageMs?: number;
  readonly events: readonly PodEvent[];
  readonly diagnosis?: Diagnosis;
}

export interface NamespaceView extends TursoNamespace {
  readonly backups?: NamespaceBackups;
}

export interface BackupsView {
  readonly cronJob?: CronJobInfo;
  readonly staleness?: Staleness;
  readonly jobs: readonly JobInfo[];
  readonly perNamespace: readonly NamespaceBackups[];
  readonly retentionCount?: number;
  readonly bucket?: string;
}

export interface StatusModel {
  readonly meta: StatusMeta;
  readonly now: number;
  readonly sources: Readonly<Record<SourceName, SourceState>>;
  readonly health: Health;
  readonly pods: Readonly<Record<PodGroup, readonly PodView[]>>;
  readonly tursoEnabled: boolean;
  readonly namespaces: readonly NamespaceView[] | undefined;
  readonly backups: BackupsView;
  readonly problems: readonly Diagnosis[];
}

const RANK: Record<HealthLevel, number> = {healthy: 0, progressing: 1, degraded: 2, unhealthy: 3};
/** A pod that is still "starting" after this long counts as degraded. */
export const STUCK_AFTER_MS = 5 * 60_000;

// Created on first use: building a Collator loads ICU collation data (~15 ms), which would land on
// the start-up of every command that merely imports this module.
let collator: Intl.Collator | undefined;
const compareNames = (a: string, b: string): number =>
  (collator ??= new Intl.Collator('en', {numeric: true})).compare(a, b);
/** StatefulSet ordinals in numeric order: buntime-2 before buntime-10. */
function byName<T extends {name: string}>(a: T, b: T): number {
  return compareNames(a.name, b.name);
}

function podLevel(pod: PodView, now: number): HealthLevel {
  const severity: Severity = pod.status.severity;
  if (severity === 'ok' || severity === 'done') return 'healthy';
  if (severity === 'error') return pod.group === 'backup' ? 'degraded' : 'unhealthy';
  const stuck = pod.createdAt !== undefined && now - pod.createdAt > STUCK_AFTER_MS;
  if (severity === 'warn') return stuck ? 'degraded' : 'progressing';
  return stuck ? 'degraded' : 'progressing';
}

/**
 * Derives everything a renderer shows from the store's state: pods grouped and diagnosed,
 * namespaces joined with their backups, backup staleness, and one overall health.
 */
interface PodCacheEntry {
  readonly events: readonly PodEvent[] | undefined;
  readonly claims: StatusState['claims'];
  readonly tursoReady: boolean | undefined;
  readonly now: number;
  readonly namespace: string;
  readonly view: PodView;
}
/** One derived view per pod row object: rows the store did not replace are not recomputed. */
const podCache = new WeakMap<PodRow, PodCacheEntry>();

function podView(row: PodRow, state: StatusState, tursoReady: boolean | undefined, now: number): PodView {
  const eventsOf = state.events.get(row.name);
  const cached = podCache.get(row);
  if (
    cached &&
    cached.events === eventsOf &&
    cached.claims === state.claims &&
    cached.tursoReady === tursoReady &&
    cached.now === now &&
    cached.namespace === state.meta.namespace
  ) {
    return cached.view;
  }
  const events = eventsOf ?? [];
  const claims = row.claims.flatMap((name) => {
    const claim = state.claims.get(name);
    return claim ? [claim] : [];
  });
  const diagnosis = diagnosePod({
    group: row.group,
    status: row.status,
    events,
    claims,
    namespace: state.meta.namespace,
    ...(row.image ? {image: row.image} : {}),
    ...(tursoReady !== undefined ? {tursoReady} : {}),
  });
  const view: PodView = {
    ...row,
    ...(row.createdAt !== undefined ? {ageMs: Math.max(0, now - row.createdAt)} : {}),
    events,
    ...(diagnosis ? {diagnosis} : {}),
  };
  podCache.set(row, {events: eventsOf, claims: state.claims, tursoReady, now, namespace: state.meta.namespace, view});
  return view;
}

/** Pod names sorted, reused while the set of names is the same (an update changes a pod, not the set). */
let lastOrder: readonly string[] = [];
function sortedNames(pods: StatusState['pods']): readonly string[] {
  if (lastOrder.length === pods.size && lastOrder.every((name) => pods.has(name))) return lastOrder;
  lastOrder = [...pods.keys()].sort(compareNames);
  return lastOrder;
}

const summarise = memoLast(summariseObjects);
const staleness = memoLast(backupStaleness);
const sortJobs = memoLast((jobs: StatusState['jobs']) =>
  [...jobs.values()].sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0)),
);
const joinNamespaces = memoLast(
  (list: StatusState['namespaces'], perNamespace: readonly NamespaceBackups[]): NamespaceView[] | undefined => {
    if (!list) return undefined;
    const backupsByName = new Map(perNamespace.map((item) => [item.namespace, item]));
    const live = new Set(list.map((item) => item.name));
    const namespaces: NamespaceView[] = list.map((item) => {
      const backups = backupsByName.get(item.name);
      return backups ? {...item, backups} : {...item};
    });
    // Namespaces that only exist in the bucket were deleted (archived) on the server.
    for (const item of perNamespace) {
      if (!live.has(item.namespace))
        namespaces.push({name: item.namespace, origin: 'archived', locked: false, backups: item});
    }
    return namespaces.sort(byName);
  },
);
const backupsView = memoLast(
  (
    cronJob: CronJobInfo | undefined,
    stale: Staleness | undefined,
    jobs: readonly JobInfo[],
    perNamespace: readonly NamespaceBackups[],
    settings: StatusState['backupSettings'],
  ): BackupsView => ({
    ...(cronJob ? {cronJob} : {}),
    ...(stale ? {staleness: stale} : {}),
    jobs,
    perNamespace,
    ...(settings ? {retentionCount: settings.retentionCount, bucket: settings.bucket} : {}),
  }),
);
const EMPTY: readonly NamespaceBackups[] = [];

/**
 * Derives everything a renderer shows from the store's state: pods grouped and diagnosed,
 * namespaces joined with their backups, backup staleness, and one overall health. Parts whose
 * inputs did not change are reused (see memo.ts), so the cost of a frame follows the change.
 */
export function buildModel(state: StatusState, now: number): StatusModel {
  const groups: Record<PodGroup, PodView[]> = {runtime: [], 'turso-server': [], backup: []};
  let tursoSeen = false;
  let tursoOk = false;
  for (const pod of state.pods.values()) {
    if (pod.group !== 'turso-server') continue;
    tursoSeen = true;
    if (pod.status.severity === 'ok') tursoOk = true;
  }
  const tursoReady = state.tursoEnabled || tursoSeen ? tursoOk : undefined;
  for (const name of sortedNames(state.pods)) {
    const row = state.pods.get(name) as PodRow;
    groups[row.group].push(podView(row, state, tursoReady, now));
  }

  const perNamespace = state.objects
    ? summarise(state.objects, state.backupSettings?.retentionCount ?? 0, state.backupRun)
    : EMPTY;
  const namespaces = joinNamespaces(state.namespaces, perNamespace);
  const stale = state.cronJob ? staleness(state.cronJob, now) : undefined;
  const backups = backupsView(state.cronJob, stale, sortJobs(state.jobs), perNamespace, state.backupSettings);

  const health = computeHealth(state, groups, backups, now);
  return {
    meta: state.meta,
    now,
    sources: state.sources,
    health,
    pods: groups,
    tursoEnabled: state.tursoEnabled,
    namespaces,
    backups,
    problems: state.problems,
  };
}

function computeHealth(
  state: StatusState,
  groups: Record<PodGroup, PodView[]>,
  backups: BackupsView,
  now: number,
): Health {
  let level: HealthLevel = 'healthy';
  const reasons: string[] = [];
  const raise = (next: HealthLevel, reason: string): void => {
    if (RANK[next] > RANK[level]) level = next;
    reasons.push(reason);
  };
  const kube = state.sources.kube.state;
  if (kube === 'connecting') raise('progressing', 'connecting to the API server');
  if (kube === 'reconnecting') raise('degraded', state.sources.kube.message ?? 'reconnecting to the API server');
  for (const pod of [...groups.runtime, ...groups['turso-server'], ...groups.backup]) {
    const podHealth = podLevel(pod, now);
    if (podHealth !== 'healthy')
      raise(podHealth, `pod ${pod.name}: ${pod.status.status}${pod.status.reason ? ` (${pod.status.reason})` : ''}`);
  }
  if (state.sources.kube.state === 'live' && state.pods.size === 0) {
    raise(
      'unhealthy',
      `no pods of release ${state.meta.release} in namespace ${state.meta.namespace} (check --namespace and --release; helm list -A)`,
    );
  } else if (state.sources.kube.state === 'live' && groups.runtime.length === 0) raise('unhealthy', 'no runtime pods');
  if (state.tursoEnabled && state.sources.kube.state === 'live' && groups['turso-server'].length === 0)
    raise('unhealthy', 'no turso-server pod');
  for (const [name, source] of Object.entries(state.sources) as [SourceName, SourceState][]) {
    if (source.state === 'error')
      raise(name === 'kube' ? 'unhealthy' : 'degraded', `${name}: ${source.message ?? 'error'}`);
  }
  if (backups.staleness && backups.staleness.level !== 'ok') raise('degraded', `backups: ${backups.staleness.message}`);
  const failed = backups.jobs[0];
  if (failed?.state === 'failed') raise('degraded', `backup job ${failed.name} failed`);
  for (const item of backups.perNamespace) {
    if (item.failure) raise('degraded', `backup of ${item.namespace} failed: ${item.failure.error}`);
    if (item.newestEmpty) raise('degraded', `backups of ${item.namespace}: newest snapshot is empty (0 bytes)`);
    if (item.overRetention)
      raise('degraded', `backups of ${item.namespace}: ${item.count} kept, retention is ${backups.retentionCount}`);
  }
  for (const problem of state.problems) raise('degraded', problem.problem);
  return {level, reasons};
}
