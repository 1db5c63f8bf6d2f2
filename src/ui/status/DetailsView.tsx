import {formatAge, formatBytes} from '../../core/status/format.js';
import {ageOf, type StatusModel} from '../../core/status/model.js';
import {severityColor} from './layout.js';
import type {RowRef} from './rows.js';
import {ScrollView, type ViewLine} from './ScrollView.js';

type Line = ViewLine;

/** Lines describing the selected pod, namespace or job (events and the hint for a failing pod). */
export function detailLines(model: StatusModel, ref: RowRef): Line[] {
  const ago = (at: number | undefined): string => (at === undefined ? '-' : `${formatAge(model.now - at)} ago`);
  if (ref.kind === 'pod') {
    const pod = [...model.pods.runtime, ...model.pods['turso-server'], ...model.pods.backup].find(
      (item) => item.name === ref.name,
    );
    if (!pod) return [{text: `Pod ${ref.name} is gone.`, color: 'gray'}];
    const lines: Line[] = [
      {text: `Pod ${pod.name} (${pod.group})`, bold: true},
      {
        text: `status ${pod.status.status}${pod.status.reason ? ` (${pod.status.reason})` : ''} · ready ${pod.status.ready}/${pod.status.total} · restarts ${pod.status.restarts} · age ${formatAge(ageOf(pod, model.now))}`,
        color: severityColor(pod.status.severity),
      },
      {text: `node ${pod.node ?? '-'} · image ${pod.image ?? '-'}`},
    ];
    if (pod.status.message) lines.push({text: pod.status.message});
    if (pod.diagnosis) {
      lines.push(
        {text: `Problem: ${pod.diagnosis.problem}`, color: 'red'},
        {text: `Hint: ${pod.diagnosis.hint}`, color: 'cyan'},
      );
      if (pod.diagnosis.command)
        lines.push({
          text: `Try: ${pod.diagnosis.command} ${pod.diagnosis.command.endsWith('describe pod') ? pod.name : ''}`.trimEnd(),
          color: 'gray',
        });
    }
    lines.push({text: 'Recent events', bold: true});
    if (pod.events.length === 0) lines.push({text: '  none', color: 'gray'});
    for (const event of pod.events) {
      lines.push({
        text: `  ${ago(event.at)} ${event.reason}${event.count > 1 ? ` ×${event.count}` : ''}: ${event.message}`,
        color: event.type === 'Warning' ? 'yellow' : undefined,
      });
    }
    return lines;
  }
  if (ref.kind === 'job') {
    const job = model.backups.jobs.find((item) => item.name === ref.name);
    if (!job) return [{text: `Job ${ref.name} is gone.`, color: 'gray'}];
    return [
      {text: `Backup job ${job.name}${job.manual ? ' (manual)' : ''}`, bold: true},
      {
        text: `state ${job.state} · started ${ago(job.startedAt)} · finished ${ago(job.finishedAt)}`,
        color: job.state === 'failed' ? 'red' : undefined,
      },
      ...(job.message ? [{text: job.message, color: 'red'}] : []),
      ...(model.backups.gap?.job === job.name ? [{text: model.backups.gap.message, color: 'yellow'}] : []),
      {text: `Try: kubectl -n ${model.meta.namespace} logs job/${job.name}`, color: 'gray'},
    ];
  }
  if (ref.kind === 'backups') return backupLines(model);
  if (ref.kind === 'info') return infoLines(model);
  if (ref.kind === 'note') return [{text: ref.title, bold: true}, ...ref.text.split('\n').map((text) => ({text}))];
  const item = model.namespaces?.find((candidate) => candidate.name === ref.name);
  const backups = item?.backups ?? model.backups.perNamespace.find((candidate) => candidate.namespace === ref.name);
  const lines: Line[] = [{text: `Namespace ${ref.name}`, bold: true}];
  if (item && item.origin !== 'archived') {
    lines.push(
      {
        text: `origin ${item.origin} · ${item.locked ? 'locked (never collected)' : 'unlocked (GC may archive it)'}${item.ttl ? ` · ttl ${item.ttl}` : ''}`,
      },
      {
        text: `created ${ago(item.createdAt)} · last access ${ago(item.lastAccessAt)} · size ${formatBytes(item.sizeBytes)}`,
      },
    );
  } else {
    lines.push({text: 'archived: no longer on the server, only in the backups', color: 'gray'});
  }
  if (backups) {
    lines.push({
      text: `backups ${backups.count}${model.backups.retentionCount ? ` (retention ${model.backups.retentionCount})` : ''} · newest ${ago(backups.newestAt)} · ${formatBytes(backups.newestSize)}`,
    });
    if (backups.newestKey)
      lines.push({text: `newest s3://${model.backups.bucket ?? ''}/${backups.newestKey}`, color: 'gray'});
    if (backups.newestEmpty)
      lines.push({text: 'The newest snapshot is empty: the backup job could not read this namespace.', color: 'red'});
    if (backups.overRetention)
      lines.push({
        text: 'More snapshots than the retention keeps: the retention step is not running.',
        color: 'yellow',
      });
  } else lines.push({text: 'no backups in the bucket', color: model.backups.cronJob ? 'yellow' : 'gray'});
  return lines;
}

/** The backup schedule and every run, worded as the CronJob reports them, with the bucket's state. */
function backupLines(model: StatusModel): Line[] {
  const ago = (at: number | undefined): string => (at === undefined ? 'never' : `${formatAge(model.now - at)} ago`);
  const {backups} = model;
  const cron = backups.cronJob;
  if (!cron)
    return [
      {text: 'Backups', bold: true},
      {text: 'No backup CronJob in this release (tursoServer.backup.enabled is false).', color: 'gray'},
    ];
  const runs = backups.runs;
  const lines: Line[] = [
    {text: `Backups: CronJob ${cron.name}`, bold: true},
    {text: `schedule ${cron.schedule} (UTC)${cron.suspend ? ' · suspended: no scheduled runs' : ''}`},
    {text: `last scheduled run ${ago(runs?.lastScheduledAt)} (the schedule only; manual Jobs do not count)`},
    {
      text: `last successful run ${ago(runs?.lastSuccessAt)}${runs?.lastSuccessManual ? ' (a manual Job)' : ''}`,
    },
    {
      text: `manual runs ${runs?.manualRuns ?? 0}${runs?.lastManualAt ? ` · newest started ${ago(runs.lastManualAt)}` : ''}`,
    },
  ];
  if (backups.staleness && backups.staleness.level !== 'ok')
    lines.push({text: backups.staleness.message, color: severityColor(backups.staleness.level)});
  if (backups.gap) {
    lines.push({text: backups.gap.message, color: 'yellow'});
    lines.push({
      text: `A Job that succeeds without snapshots usually could not reach the admin API or the bucket: kubectl -n ${model.meta.namespace} logs job/${backups.gap.job}`,
      color: 'gray',
    });
  }
  lines.push({
    text: `bucket ${backups.bucket ?? '-'} · retention ${backups.retentionCount ?? '-'} snapshots per namespace`,
  });
  if (model.sources.s3.state === 'error')
    lines.push({text: `✖ ${model.sources.s3.message ?? 'S3 error'}`, color: 'red'});
  if (model.sources.s3.hint) lines.push({text: model.sources.s3.hint, color: 'cyan'});
  lines.push({text: 'Jobs (newest first)', bold: true});
  if (backups.jobs.length === 0) lines.push({text: '  none', color: 'gray'});
  for (const job of backups.jobs)
    lines.push({
      text: `  ${job.name} ${job.state}${job.manual ? ' (manual)' : ''} · started ${ago(job.startedAt)}${job.message ? ` · ${job.message}` : ''}`,
      color: job.state === 'failed' ? 'red' : undefined,
    });
  lines.push({text: 'Snapshots per namespace', bold: true});
  if (backups.perNamespace.length === 0) lines.push({text: '  none yet', color: 'gray'});
  for (const item of backups.perNamespace)
    lines.push({
      text: `  ${item.namespace}: ${item.count} · newest ${ago(item.newestAt)} · ${formatBytes(item.newestSize)}${item.newestEmpty ? ' · EMPTY' : ''}`,
      color: item.newestEmpty ? 'red' : undefined,
    });
  return lines;
}

/** The header without cuts: where this is, and every reason behind the health level. */
function infoLines(model: StatusModel): Line[] {
  const {meta, health} = model;
  const lines: Line[] = [
    {text: `Release ${meta.release} in namespace ${meta.namespace}`, bold: true},
    {text: `context ${meta.context}`},
    {text: `health ${health.level}`, bold: true},
  ];
  if (health.reasons.length === 0) lines.push({text: '  nothing to report', color: 'gray'});
  for (const reason of health.reasons) lines.push({text: `  • ${reason}`});
  lines.push({text: 'Data sources', bold: true});
  for (const [name, source] of Object.entries(model.sources)) {
    lines.push({
      text: `  ${name}: ${source.state}${source.message ? ` — ${source.message}` : ''}`,
      color: source.state === 'error' ? 'red' : source.state === 'reconnecting' ? 'yellow' : undefined,
    });
    if (source.hint) lines.push({text: `    ${source.hint}`, color: 'cyan'});
  }
  for (const problem of model.problems) {
    lines.push({text: `Problem: ${problem.problem}`, color: 'red'}, {text: `Hint: ${problem.hint}`, color: 'cyan'});
  }
  return lines;
}

/** Full-screen details of a row, wrapped and scrolled; esc or enter returns to the panes. */
export function DetailsView(props: {
  readonly rows: readonly ViewLine[];
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
}) {
  return <ScrollView {...props} />;
}
