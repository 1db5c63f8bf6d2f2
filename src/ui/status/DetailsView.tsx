import {Box, Text} from 'ink';
import {formatAge, formatBytes} from '../../core/status/format.js';
import {ageOf, type StatusModel} from '../../core/status/model.js';
import {severityColor} from './layout.js';
import type {RowRef} from './rows.js';

interface Line {
  readonly text: string;
  readonly color?: string | undefined;
  readonly bold?: boolean;
}

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
    ];
  }
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

/** Full-screen details; esc or enter returns to the panes. */
export function DetailsView({
  model,
  target,
  width,
  height,
}: {
  readonly model: StatusModel;
  readonly target: RowRef;
  readonly width: number;
  readonly height: number;
}) {
  const lines = detailLines(model, target).slice(0, Math.max(3, height));
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, index) => (
        <Text key={index} color={line.color} bold={line.bold ?? false} wrap="wrap">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
