import type {CronJobInfo, JobInfo} from './backups.js';
import type {ClaimInfo} from './diagnosis.js';
import {toMillis, type CronJobLike, type JobLike, type PvcLike} from './kube-types.js';

/** The backup CronJob as the model keeps it. */
export function cronJobInfo(cron: CronJobLike): CronJobInfo {
  const createdAt = toMillis(cron.metadata?.creationTimestamp);
  const lastScheduleTime = toMillis(cron.status?.lastScheduleTime);
  const lastSuccessfulTime = toMillis(cron.status?.lastSuccessfulTime);
  return {
    name: cron.metadata?.name ?? '',
    schedule: cron.spec?.schedule ?? '',
    suspend: cron.spec?.suspend ?? false,
    ...(createdAt !== undefined ? {createdAt} : {}),
    ...(lastScheduleTime !== undefined ? {lastScheduleTime} : {}),
    ...(lastSuccessfulTime !== undefined ? {lastSuccessfulTime} : {}),
    active: (cron.status?.active ?? []).flatMap((ref) => (ref.name ? [ref.name] : [])),
  };
}

/** A backup Job: running until a Complete or Failed condition says otherwise. */
export function jobInfo(job: JobLike): JobInfo {
  const conditions = job.status?.conditions ?? [];
  const failed = conditions.find((condition) => condition.type === 'Failed' && condition.status === 'True');
  const complete = conditions.find((condition) => condition.type === 'Complete' && condition.status === 'True');
  const state = failed ? 'failed' : complete || (job.status?.succeeded ?? 0) > 0 ? 'succeeded' : 'running';
  const startedAt = toMillis(job.status?.startTime) ?? toMillis(job.metadata?.creationTimestamp);
  const finishedAt = toMillis(job.status?.completionTime);
  const message = failed ? [failed.reason, failed.message].filter(Boolean).join(': ') : undefined;
  return {
    name: job.metadata?.name ?? '',
    state,
    manual: job.metadata?.annotations?.['cronjob.kubernetes.io/instantiate'] === 'manual',
    ...(startedAt !== undefined ? {startedAt} : {}),
    ...(finishedAt !== undefined ? {finishedAt} : {}),
    ...(message ? {message} : {}),
  };
}

/** A PVC as the Pending diagnosis needs it (phase, StorageClass). */
export function claimInfo(pvc: PvcLike): ClaimInfo {
  return {
    name: pvc.metadata?.name ?? '',
    phase: pvc.status?.phase ?? 'Pending',
    ...(pvc.spec?.storageClassName ? {storageClassName: pvc.spec.storageClassName} : {}),
  };
}
