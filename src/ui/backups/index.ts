import type {BackupListing} from '../../core/backups/list.js';
import type {OfflineStep} from '../../core/backups/offline.js';
import type {RestorePlan} from '../../core/backups/restore-plan.js';
import {formatAge, formatBytes} from '../../core/status/format.js';
import type {Style} from '../style.js';

/**
 * Plain-text output of `backups` and `restore` (no React): the listing, a download's report, the
 * restore plan, progress lines and the by-hand steps. Services write what these return.
 */
const iso = (ms: number | undefined): string =>
  ms === undefined ? '' : new Date(ms).toISOString().replace('.000', '');

export function renderListing(
  listing: BackupListing,
  access: {readonly endpoint: string; readonly via?: string},
  style: Style,
): string {
  const lines = [
    `${style.bold('Bucket')} ${listing.bucket} at ${access.endpoint}${access.via ? style.dim(` (${access.via})`) : ''}`,
    `${style.bold('Retention')} ${listing.retentionCount > 0 ? `the newest ${listing.retentionCount} per namespace` : 'keep every snapshot'}`,
  ];
  const run = listing.lastRun;
  if (run) {
    const when = run.finishedAt ?? run.startedAt;
    const failed = run.namespaces.filter((item) => item.status === 'failed').map((item) => item.name);
    lines.push(
      `${style.bold('Last run')} ${run.timestamp ?? iso(when)}: ${
        run.ok ? style.ok('every namespace backed up') : style.error(run.error ?? `failed for ${failed.join(', ')}`)
      }`,
    );
  }
  for (const item of listing.namespaces) {
    const state = item.live === false ? style.dim(' (not on turso-server now)') : '';
    lines.push('', `${style.bold(item.namespace)}${state}`);
    const failure = item.lastRun?.status === 'failed' ? item.lastRun : undefined;
    if (failure) lines.push(style.error(`  ✖ last backup failed: ${failure.error ?? 'unknown error'}`));
    else if (item.lastRun?.lastFailure)
      lines.push(style.dim(`  last failure ${iso(item.lastRun.lastFailure.at)}: ${item.lastRun.lastFailure.error}`));
    if (item.snapshots.length === 0) {
      lines.push(style.warn('  no snapshot in the bucket'));
      continue;
    }
    if (item.overRetention)
      lines.push(
        style.warn(`  ${item.snapshots.length} kept, retention is ${listing.retentionCount}: old ones are not pruned`),
      );
    for (const [index, snapshot] of item.snapshots.entries()) {
      const text = `  ${iso(snapshot.at)}  ${formatBytes(snapshot.size).padStart(8)}  ${`${formatAge(snapshot.ageMs)} ago`.padEnd(9)} ${snapshot.key}`;
      lines.push(
        snapshot.size === 0 ? style.error(`${text}  (empty)`) : index === 0 ? `${text}  ${style.ok('newest')}` : text,
      );
    }
  }
  if (listing.namespaces.length === 0) lines.push('', style.dim('No snapshots and no namespaces.'));
  if (listing.withoutBackup.length > 0)
    lines.push('', style.warn(`Live namespaces with no backup: ${listing.withoutBackup.join(', ')}`));
  return `${lines.join('\n')}\n`;
}

export function renderDownload(
  result: {
    readonly key: string;
    readonly file: string;
    readonly size: number;
    readonly pageSize: number;
    readonly pages: number;
    readonly image?: string;
  },
  style: Style,
): string {
  const sql = '"SELECT name FROM sqlite_schema WHERE type = \'table\'"';
  return `${[
    style.ok(`✔ ${result.key} → ${result.file}`),
    `  ${formatBytes(result.size)}, a complete SQLite file (${result.pages} pages of ${result.pageSize} bytes), mode 0600`,
    '',
    'Open it offline (a copy: never point tursodb at the live volume, it would checkpoint it):',
    `  tursodb ${result.file} ${sql}`,
    ...(result.image
      ? [
          `  docker run --rm -v "$PWD":/work --entrypoint /usr/local/bin/tursodb ${result.image} /work/${result.file.split('/').at(-1)} ${sql}`,
        ]
      : []),
  ].join('\n')}\n`;
}

export function renderRestorePlan(plan: RestorePlan, style: Style): string {
  const lines = [
    style.bold(`Restore plan for release ${plan.targets.release} in namespace ${plan.targets.namespace}`),
    '',
  ];
  lines.push(style.bold('Snapshots'));
  for (const change of plan.changes) {
    const what = change.replaces
      ? `replaces the current ${change.namespace}${change.liveSizeBytes !== undefined ? ` (${formatBytes(change.liveSizeBytes)} .db file)` : ''}`
      : `creates ${change.namespace} (not on turso-server now)`;
    lines.push(
      `  ${change.namespace}: ${change.snapshot.key} (${iso(change.snapshot.at)}, ${formatBytes(change.snapshot.size)}) — ${what}`,
    );
  }
  lines.push('', style.bold('Steps'));
  for (const [index, step] of plan.steps.entries()) {
    lines.push(`  ${index + 1}. ${step.title}`);
    for (const detail of step.details) lines.push(style.dim(`     ${detail}`));
  }
  if (plan.warnings.length > 0) {
    lines.push('');
    for (const warning of plan.warnings) lines.push(style.warn(`! ${warning}`));
  }
  lines.push(
    '',
    style.warn(
      'The runtime pods stop during the restore and restart after it; rows written after the chosen snapshots are lost.',
    ),
  );
  return `${lines.join('\n')}\n`;
}

export function renderOfflineSteps(steps: readonly OfflineStep[], style: Style, intro: readonly string[]): string {
  const lines = [...intro, ''];
  for (const [index, step] of steps.entries()) {
    lines.push(style.bold(`# ${index + 1}. ${step.title}`));
    lines.push(...step.commands, '');
  }
  return `${lines.join('\n')}`;
}

/** One restore step's progress: its start, what it waits for, and how it ended. */
export function stepLine(
  event: 'start' | 'wait' | 'done' | 'failed' | 'skipped',
  text: string,
  style: Style,
  elapsedMs?: number,
): string {
  const took = elapsedMs === undefined ? '' : style.dim(` (${Math.max(0, Math.round(elapsedMs / 100) / 10)} s)`);
  switch (event) {
    case 'start':
      return `${style.info('▸')} ${text}\n`;
    case 'wait':
      return style.dim(`    … ${text}\n`);
    case 'done':
      return `${style.ok('  ✔')} ${text}${took}\n`;
    case 'failed':
      return `${style.error('  ✖')} ${text}${took}\n`;
    case 'skipped':
      return style.dim(`  – ${text}\n`);
  }
}
