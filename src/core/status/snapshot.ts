import {ageOf, type StatusModel} from './model.js';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * The model as plain JSON for `status --json`: timestamps as ISO strings, ages in seconds, no
 * secrets (the model never holds any). Field names are stable for scripts.
 */
export function toSnapshot(model: StatusModel): Record<string, unknown> {
  const pods = (list: StatusModel['pods']['runtime']) =>
    list.map((pod) => ({
      name: pod.name,
      ready: `${pod.status.ready}/${pod.status.total}`,
      status: pod.status.status,
      reason: pod.status.reason,
      message: pod.status.message,
      severity: pod.status.severity,
      restarts: pod.status.restarts,
      ageSeconds: pod.createdAt === undefined ? undefined : Math.floor((ageOf(pod, model.now) as number) / 1000),
      node: pod.node,
      diagnosis: pod.diagnosis,
      events: pod.diagnosis ? pod.events.slice(0, 5).map((event) => ({...event, at: iso(event.at)})) : undefined,
    }));
  const {backups} = model;
  return {
    context: model.meta.context,
    namespace: model.meta.namespace,
    release: model.meta.release,
    at: iso(model.now),
    health: model.health,
    sources: Object.fromEntries(
      Object.entries(model.sources).map(([name, source]) => [name, {...source, since: iso(source.since)}]),
    ),
    pods: {
      runtime: pods(model.pods.runtime),
      tursoServer: pods(model.pods['turso-server']),
      backupJobs: pods(model.pods.backup),
    },
    namespaces: model.namespaces?.map((item) => ({
      name: item.name,
      origin: item.origin,
      locked: item.locked,
      ttl: item.ttl,
      createdAt: iso(item.createdAt),
      lastAccessAt: iso(item.lastAccessAt),
      sizeBytes: item.sizeBytes,
      backups: item.backups?.count ?? 0,
    })),
    backups: {
      schedule: backups.cronJob?.schedule,
      suspended: backups.cronJob?.suspend,
      lastScheduleTime: iso(backups.cronJob?.lastScheduleTime),
      lastSuccessfulTime: iso(backups.cronJob?.lastSuccessfulTime),
      staleness: backups.staleness && {...backups.staleness, expectedRun: iso(backups.staleness.expectedRun)},
      bucket: backups.bucket,
      retentionCount: backups.retentionCount,
      jobs: backups.jobs.map((job) => ({...job, startedAt: iso(job.startedAt), finishedAt: iso(job.finishedAt)})),
      perNamespace: backups.perNamespace.map((item) => ({
        namespace: item.namespace,
        count: item.count,
        newestKey: item.newestKey,
        newestAt: iso(item.newestAt),
        newestSize: item.newestSize,
        overRetention: item.overRetention,
        newestEmpty: item.newestEmpty,
        ...(item.failure ? {lastFailure: {at: iso(item.failure.at), error: item.failure.error}} : {}),
      })),
    },
    problems: model.problems,
  };
}
