import {
  backupRuns,
  backupStaleness,
  snapshotGap,
  summariseObjects,
  type BackupRuns,
  type CronJobInfo,
  type JobInfo,
  type NamespaceBackups,
  type SnapshotGap,
  type Staleness,
} from './backups.js';
import {diagnosePod, type Diagnosis, type PodEvent} from './diagnosis.js';
import {memoLast} from './memo.js';
import {compareNames} from './order.js';
import type {Severity} from './pod-status.js';
import type {PodGroup, PodRow, SourceName, SourceState, StatusMeta, StatusState, TursoNamespace} from './store.js';

export type HealthLevel = 'healthy' | 'progressing' | 'degraded' | 'unhealthy';

export interface Health {
  readonly level: HealthLevel;
  /** Why it is not healthy, one line each. */
  readonly reasons: readonly string[];
}

/**
 * A pod as the screens show it. Its age is not part of it (see ageOf): the view stays the same
 * object from one second to the next, so only the age cells that are on screen are recomputed.
 */
export interface PodView extends PodRow {
  readonly events: readonly PodEvent[];
  readonly diagnosis?: Diagnosis;
}

/** How old the pod is at `now` (ms), undefined when it has no creation time. */
export function ageOf(pod: {readonly createdAt?: number}, now: number): number | undefined {
  return pod.createdAt === undefined ? undefined : Math.max(0, now - pod.createdAt);
}

export interface NamespaceView extends TursoNamespace {
  readonly backups?: NamespaceBackups;
}

export interface BackupsView {
  readonly cronJob?: CronJobInfo;
  readonly staleness?: Staleness;
  /** Scheduled, successful and manual runs, each as what it is. */
  readonly runs?: BackupRuns;
  /** The newest successful Job left no new snapshot (for these namespaces). */
  readonly gap?: SnapshotGap;
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
  readonly namespace: string;
  readonly view: PodView;
}
/** One derived view per pod row object: rows the store did not replace are not recomputed. */
const podCache = new WeakMap<PodRow, PodCacheEntry>();

interface PodInputs {
  readonly events: StatusState['events'];
  readonly claims: StatusState['claims'];
  readonly namespace: string;
  readonly tursoReady: boolean | undefined;
}

function podView(row: PodRow, inputs: PodInputs): PodView {
  const {tursoReady} = inputs;
  const state = {events: inputs.events, claims: inputs.claims, meta: {namespace: inputs.namespace}};
  const eventsOf = state.events.get(row.name);
  const cached = podCache.get(row);
  if (
    cached &&
    cached.events === eventsOf &&
    cached.claims === state.claims &&
    cached.tursoReady === tursoReady &&
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
  const view: PodView = {...row, events, ...(diagnosis ? {diagnosis} : {})};
  podCache.set(row, {events: eventsOf, claims: state.claims, tursoReady, namespace: state.meta.namespace, view});
  return view;
}

export interface PodGroups {
  readonly groups: Readonly<Record<PodGroup, readonly PodView[]>>;
  /** Pods whose health is not plainly 'healthy' (the only ones the clock can change), in order. */
  readonly notOk: readonly PodView[];
}

/**
 * Pods grouped in display order (the store keeps the order; nothing is sorted here) with their
 * views. Independent of the clock: recomputed when pods, events or claims change, not every second.
 */
const groupPods = memoLast(
  (
    pods: StatusState['pods'],
    order: StatusState['podOrder'],
    events: StatusState['events'],
    claims: StatusState['claims'],
    tursoEnabled: boolean,
    namespace: string,
  ): PodGroups => {
    let tursoSeen = false;
    let tursoOk = false;
    for (const pod of pods.values()) {
      if (pod.group !== 'turso-server') continue;
      tursoSeen = true;
      if (pod.status.severity === 'ok') tursoOk = true;
    }
    const tursoReady = tursoEnabled || tursoSeen ? tursoOk : undefined;
    const groups: Record<PodGroup, PodView[]> = {runtime: [], 'turso-server': [], backup: []};
    const notOk: PodView[] = [];
    for (const name of order) {
      const row = pods.get(name);
      if (!row) continue;
      const view = podView(row, {events, claims, namespace, tursoReady});
      groups[row.group].push(view);
      if (row.status.severity !== 'ok' && row.status.severity !== 'done') notOk.push(view);
    }
    // Health lists the groups in this order.
    const rank: Record<PodGroup, number> = {runtime: 0, 'turso-server': 1, backup: 2};
    notOk.sort((a, b) => rank[a.group] - rank[b.group]);
    return {groups, notOk};
  },
);

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
    gap: SnapshotGap | undefined,
  ): BackupsView => ({
    ...(cronJob ? {cronJob, runs: backupRuns(cronJob, jobs)} : {}),
    ...(stale ? {staleness: stale} : {}),
    ...(gap ? {gap} : {}),
    jobs,
    perNamespace,
    ...(settings ? {retentionCount: settings.retentionCount, bucket: settings.bucket} : {}),
  }),
);
const EMPTY: readonly NamespaceBackups[] = [];
const findGap = memoLast(
  (
    jobs: readonly JobInfo[],
    perNamespace: readonly NamespaceBackups[],
    namespaces: StatusState['namespaces'],
    listedAt: number | undefined,
    run: StatusState['backupRun'],
  ): SnapshotGap | undefined =>
    snapshotGap({
      jobs,
      perNamespace,
      ...(namespaces ? {namespaces} : {}),
      ...(listedAt ? {listedAt} : {}),
      ...(run ? {run} : {}),
    }),
);

/**
 * Derives everything a renderer shows from the store's state: pods grouped and diagnosed,
 * namespaces joined with their backups, backup staleness, and one overall health. Parts whose
 * inputs did not change are reused (see memo.ts), so the cost of a frame follows the change.
 */
export function buildModel(state: StatusState, now: number): StatusModel {
  const {groups, notOk} = groupPods(
    state.pods,
    state.podOrder,
    state.events,
    state.claims,
    state.tursoEnabled,
    state.meta.namespace,
  );

  const perNamespace = state.objects
    ? summarise(state.objects, state.backupSettings?.retentionCount ?? 0, state.backupRun)
    : EMPTY;
  const namespaces = joinNamespaces(state.namespaces, perNamespace);
  const stale = state.cronJob ? staleness(state.cronJob, now) : undefined;
  const jobs = sortJobs(state.jobs);
  const gap = state.cronJob
    ? findGap(jobs, perNamespace, state.namespaces, state.objectsAt, state.backupRun)
    : undefined;
  const backups = backupsView(state.cronJob, stale, jobs, perNamespace, state.backupSettings, gap);

  const health = computeHealth(state, groups, notOk, backups, now);
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
  groups: PodGroups['groups'],
  notOk: readonly PodView[],
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
  for (const pod of notOk) {
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
  if (backups.gap) raise('degraded', backups.gap.message);
  for (const item of backups.perNamespace) {
    if (item.failure) raise('degraded', `backup of ${item.namespace} failed: ${item.failure.error}`);
    if (item.newestEmpty) raise('degraded', `backups of ${item.namespace}: newest snapshot is empty (0 bytes)`);
    if (item.overRetention)
      raise('degraded', `backups of ${item.namespace}: ${item.count} kept, retention is ${backups.retentionCount}`);
  }
  for (const problem of state.problems) raise('degraded', problem.problem);
  return {level, reasons};
}
