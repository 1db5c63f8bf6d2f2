import {formatAge, formatBytes} from '../../core/status/format.js';
import {ageOf, type StatusModel} from '../../core/status/model.js';
import type {Style} from '../style.js';

/**
 * The same model as the live screen, as plain lines for pipes, CI and logs: health first, then
 * pods with their diagnosis, namespaces and backups. No cursor movement, no secrets.
 */
export function renderStatusText(model: StatusModel, style: Style): string {
  const lines: string[] = [];
  const {meta, health} = model;
  const color =
    health.level === 'healthy'
      ? style.ok
      : health.level === 'progressing'
        ? style.info
        : health.level === 'degraded'
          ? style.warn
          : style.error;
  lines.push(
    `${style.bold('Release')} ${meta.release} in ${meta.namespace} (context ${meta.context}): ${color(health.level)}`,
  );
  for (const reason of health.reasons) lines.push(`  - ${reason}`);
  for (const [name, source] of Object.entries(model.sources)) {
    if (source.state === 'error') {
      lines.push(`${style.error('✖')} ${name}: ${source.message ?? 'error'}`);
      if (source.hint) lines.push(`  ${style.info('Hint:')} ${source.hint}`);
    }
  }
  lines.push('', style.bold('Pods'));
  const groups = [
    ['runtime', model.pods.runtime],
    ['turso-server', model.pods['turso-server']],
    ['backup jobs', model.pods.backup],
  ] as const;
  for (const [title, pods] of groups) {
    if (pods.length === 0 && title !== 'runtime') continue;
    lines.push(`  ${title}:${pods.length === 0 ? ' none' : ''}`);
    for (const pod of pods) {
      const status = `${pod.status.status}${pod.status.reason ? ` (${pod.status.reason})` : ''}`;
      const paint =
        pod.status.severity === 'ok'
          ? style.ok
          : pod.status.severity === 'error'
            ? style.error
            : pod.status.severity === 'warn'
              ? style.warn
              : (text: string) => text;
      lines.push(
        `    ${pod.name}  ${pod.status.ready}/${pod.status.total}  ${paint(status)}  restarts ${pod.status.restarts}  age ${formatAge(ageOf(pod, model.now))}  node ${pod.node ?? '-'}`,
      );
      if (pod.diagnosis) {
        lines.push(
          `      ${style.error('problem:')} ${pod.diagnosis.problem}`,
          `      ${style.info('hint:')} ${pod.diagnosis.hint}`,
        );
        for (const event of pod.events.slice(0, 3))
          lines.push(
            `      ${style.dim(`event ${event.reason}${event.count > 1 ? ` ×${event.count}` : ''}: ${event.message}`)}`,
          );
      }
    }
  }
  if (model.tursoEnabled) {
    lines.push('', style.bold('Turso namespaces'));
    if (!model.namespaces) lines.push('  (not available)');
    else if (model.namespaces.length === 0) lines.push('  none');
    for (const item of model.namespaces ?? []) {
      const lock = item.origin === 'archived' ? 'archived' : `${item.origin}, ${item.locked ? 'locked' : 'unlocked'}`;
      const age = (at: number | undefined): string => (at === undefined ? '-' : formatAge(model.now - at));
      lines.push(
        `  ${item.name}  ${lock}  created ${age(item.createdAt)} ago  accessed ${age(item.lastAccessAt)} ago  ${formatBytes(item.sizeBytes)}  backups ${item.backups?.count ?? 0}`,
      );
    }
  }
  const {backups} = model;
  if (backups.cronJob) {
    const ago = (at: number | undefined): string => (at === undefined ? 'never' : `${formatAge(model.now - at)} ago`);
    lines.push('', style.bold('Backups'));
    const runs = backups.runs;
    lines.push(
      `  schedule ${backups.cronJob.schedule}  last scheduled run ${ago(runs?.lastScheduledAt)}  last successful run ${ago(runs?.lastSuccessAt)}${runs?.lastSuccessManual ? ' (manual)' : ''}  manual runs ${runs?.manualRuns ?? 0}`,
    );
    if (backups.staleness && backups.staleness.level !== 'ok') lines.push(`  ${style.warn(backups.staleness.message)}`);
    if (backups.gap) lines.push(`  ${style.warn(backups.gap.message)}`);
    for (const job of backups.jobs.slice(0, 3))
      lines.push(`  job ${job.name}: ${job.state}${job.manual ? ' (manual)' : ''}`);
    if (backups.perNamespace.length === 0 && model.sources.s3.state === 'live')
      lines.push(`  bucket ${backups.bucket ?? ''}: no snapshots yet`);
    for (const item of backups.perNamespace) {
      lines.push(
        `  ${item.namespace}: ${item.count}${backups.retentionCount ? `/${backups.retentionCount}` : ''} snapshots, newest ${ago(item.newestAt)}, ${formatBytes(item.newestSize)}`,
      );
      if (item.failure)
        lines.push(`    ${style.error('✖')} last backup failed ${ago(item.failure.at)}: ${item.failure.error}`);
    }
  }
  for (const problem of model.problems)
    lines.push('', `${style.error('✖')} ${problem.problem}`, `  ${style.info('Hint:')} ${problem.hint}`);
  return `${lines.join('\n')}\n`;
}
