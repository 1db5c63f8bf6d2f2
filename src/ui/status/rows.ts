import {formatAge, formatBytes} from '../../core/status/format.js';
import {memoLast} from '../../core/status/memo.js';
import {ageOf, type PodView, type StatusModel} from '../../core/status/model.js';
import type {PodGroup} from '../../core/status/store.js';
import {cells, severityColor} from './layout.js';

/** What a selected row points at, for details, logs and actions. */
export type RowRef =
  | {readonly kind: 'pod'; readonly name: string}
  | {readonly kind: 'namespace'; readonly name: string}
  | {readonly kind: 'job'; readonly name: string}
  /** The backup schedule, runs and warnings, in full. */
  | {readonly kind: 'backups'}
  /** The header in full: release, context, every health reason and data-source error. */
  | {readonly kind: 'info'}
  /** A message row (an error, a note): its full text. */
  | {readonly kind: 'note'; readonly title: string; readonly text: string};

export interface Row {
  readonly key: string;
  /**
   * The line, or how to draw it at a given time when it shows ages: only rows on screen are drawn,
   * so the rows of thousands of pods are built when pods change, not on every tick of the clock.
   */
  readonly text: string | ((now: number) => string);
  readonly color?: string | undefined;
  /**
   * What enter opens. Only group headings go without one: every row that may be cut at the pane's
   * width can be opened in full (the layout rule the tests hold every pane to).
   */
  readonly ref?: RowRef;
  /** Times (ms) whose age the line shows: the screen redraws when one of them would read differently. */
  readonly ages?: readonly number[];
}

/** The row's line at `now`. */
export function rowText(row: Row, now: number): string {
  return typeof row.text === 'function' ? row.text(now) : row.text;
}

/** A message row that opens in full with enter (errors and notes are never only cut off). */
function note(key: string, title: string, text: string, color?: string): Row {
  return {key, text, ...(color ? {color} : {}), ref: {kind: 'note', title, text: text.replace(/^[✖⚠] /, '')}};
}

export interface PaneRows {
  readonly header?: string;
  readonly rows: readonly Row[];
}

const GROUP_TITLES: Record<PodGroup, string> = {
  runtime: 'runtime',
  'turso-server': 'turso-server',
  backup: 'backup jobs',
};
/** Rows are rebuilt only for pods whose view changed (the model reuses unchanged views). */
const podRowCache = new WeakMap<PodView, {width: number; name: number; row: Row}>();

/** Longest pod name, remembered while the pod groups are the same. */
const longestName = memoLast((pods: StatusModel['pods']): number => {
  let longest = 0;
  for (const list of Object.values(pods)) for (const pod of list) longest = Math.max(longest, pod.name.length);
  return longest;
});

/** The pods pane: one heading per group, then kubectl-like columns (NODE only when wide). */
export function podRows(model: StatusModel, width: number): PaneRows {
  return podRowsOf(model.pods, model.tursoEnabled, width);
}

/** Rebuilt when the pods change (the model keeps the same groups object otherwise), never per tick. */
const podRowsOf = memoLast((pods: StatusModel['pods'], tursoEnabled: boolean, width: number): PaneRows => {
  const wide = width >= 80;
  const fixed = 6 + 17 + 4 + 6 + (wide ? 13 : 0) + 2;
  // The NAME column is as wide as the longest name (not the terminal): fewer characters per frame.
  const name = Math.min(Math.max(10, width - fixed - 1), Math.max(4, longestName(pods)));
  const columns = (values: string[]): string =>
    cells([
      [values[0] ?? '', name],
      [values[1] ?? '', 5],
      [values[2] ?? '', 16],
      [values[3] ?? '', 3],
      [values[4] ?? '', 5],
      ...(wide ? ([[values[5] ?? '', 12]] as [string, number][]) : []),
    ]);
  const rowOf = (pod: PodView): Row => {
    const cached = podRowCache.get(pod);
    if (cached && cached.width === width && cached.name === name) return cached.row;
    const status =
      pod.status.reason && pod.status.status === 'Pending' ? `Pending:${pod.status.reason}` : pod.status.status;
    const marker = pod.diagnosis ? '!' : ' ';
    const cellsAt = (now: number): string[] => [
      pod.name,
      `${pod.status.ready}/${pod.status.total}`,
      status,
      String(pod.status.restarts),
      formatAge(ageOf(pod, now)),
      pod.node ?? '-',
    ];
    const row: Row = {
      key: `p:${pod.name}`,
      text: (now) => `${marker}${columns(cellsAt(now))}`,
      color: severityColor(pod.status.severity),
      ref: {kind: 'pod', name: pod.name},
      ...(pod.createdAt !== undefined ? {ages: [pod.createdAt]} : {}),
    };
    podRowCache.set(pod, {width, name, row});
    return row;
  };
  const rows: Row[] = [];
  for (const group of ['runtime', 'turso-server', 'backup'] as const) {
    const list = pods[group];
    if (group !== 'runtime' && list.length === 0 && !(group === 'turso-server' && tursoEnabled)) continue;
    rows.push({key: `h:${group}`, text: `${GROUP_TITLES[group]} (${list.length})`, color: 'blue'});
    if (list.length === 0) rows.push({key: `e:${group}`, text: '  none', color: 'gray'});
    for (const pod of list) rows.push(rowOf(pod));
  }
  return {header: ` ${columns(['NAME', 'READY', 'STATUS', 'RST', 'AGE', 'NODE'])}`, rows};
});

/** The namespaces pane: origin/lock, ages, size, how many snapshots the bucket holds. */
export function namespaceRows(model: StatusModel, width: number): PaneRows {
  return namespaceRowsOf(
    model.namespaces,
    model.sources.admin,
    model.tursoEnabled,
    model.sources.kube.state === 'connecting',
    width,
  );
}

const defined = (values: readonly (number | undefined)[]): number[] =>
  values.filter((value): value is number => value !== undefined);

const CONNECTING: PaneRows = {rows: [{key: 'connecting', text: 'connecting…', color: 'cyan'}]};

const namespaceRowsOf = memoLast(
  (
    namespaces: StatusModel['namespaces'],
    admin: StatusModel['sources']['admin'],
    tursoEnabled: boolean,
    connecting: boolean,
    width: number,
  ): PaneRows => {
    if (!tursoEnabled && connecting) return CONNECTING;
    const model = {namespaces, tursoEnabled};
    if (!model.tursoEnabled)
      return {rows: [note('off', 'Turso namespaces', 'turso-server is not enabled in this release.', 'gray')]};
    const error =
      admin.state === 'error'
        ? [
            note(
              'err',
              'turso-server admin API',
              `✖ ${admin.message ?? 'admin API error'}${admin.hint ? `\n${admin.hint}` : ''}`,
              'red',
            ),
          ]
        : [];
    if (!model.namespaces)
      return {
        rows: [...error, ...(error.length ? [] : [{key: 'load', text: 'connecting to the admin API…', color: 'cyan'}])],
      };
    const longest = Math.max(4, ...(namespaces ?? []).map((item) => item.name.length));
    const name = Math.min(Math.max(10, width - 8 - 6 - 6 - 6 - 7 - 4 - 8), longest);
    const columns = (values: string[]): string =>
      cells([
        [values[0] ?? '', name],
        [values[1] ?? '', 8],
        [values[2] ?? '', 6],
        [values[3] ?? '', 6],
        [values[4] ?? '', 6],
        [values[5] ?? '', 7],
        [values[6] ?? '', 4],
      ]);
    const rows: Row[] = [...error];
    if (model.namespaces.length === 0) rows.push({key: 'none', text: ' no namespaces yet', color: 'gray'});
    for (const item of model.namespaces) {
      const archived = item.origin === 'archived';
      const lock = archived ? '-' : item.locked ? 'locked' : 'open';
      const age = (at: number | undefined, now: number): string => (at === undefined ? '-' : formatAge(now - at));
      rows.push({
        key: `n:${item.name}`,
        text: (now) =>
          ` ${columns([item.name, item.origin, lock, age(item.createdAt, now), age(item.lastAccessAt, now), formatBytes(item.sizeBytes), String(item.backups?.count ?? 0)])}`,
        color: archived ? 'gray' : item.backups?.newestEmpty ? 'red' : undefined,
        ref: {kind: 'namespace', name: item.name},
        ages: defined([item.createdAt, item.lastAccessAt]),
      });
    }
    return {header: ` ${columns(['NAME', 'ORIGIN', 'LOCK', 'AGE', 'ACCESS', 'SIZE', 'BKP'])}`, rows};
  },
);

/** The backups pane: schedule and staleness, recent jobs, then snapshots per namespace. */
export function backupRows(model: StatusModel, width: number): PaneRows {
  return backupRowsOf(model.backups, model.sources.s3, model.sources.kube.state === 'connecting', width);
}

const backupRowsOf = memoLast(
  (backups: StatusModel['backups'], s3: StatusModel['sources']['s3'], connecting: boolean, width: number): PaneRows => {
    if (!backups.cronJob && connecting) return CONNECTING;
    const sources = {s3};
    if (!backups.cronJob)
      return {
        rows: [note('off', 'Backups', 'No backup CronJob (tursoServer.backup.enabled is false).', 'gray')],
      };
    const cron = backups.cronJob;
    const ago = (at: number | undefined, now: number): string =>
      at === undefined ? 'never' : `${formatAge(now - at)} ago`;
    const runs = backups.runs;
    const summary: RowRef = {kind: 'backups'};
    type When = (at: number | undefined) => string;
    const scheduled = (when: When): string =>
      `schedule ${cron.schedule}${cron.suspend ? ' (suspended)' : ''} · last scheduled run ${when(runs?.lastScheduledAt)}`;
    const succeeded = (when: When): string =>
      `last successful run ${when(runs?.lastSuccessAt)}${runs?.lastSuccessManual ? ' (manual)' : ''}${runs?.manualRuns ? ` · manual runs ${runs.manualRuns}` : ''}`;
    const at =
      (now: number): When =>
      (time) =>
        ago(time, now);
    // One row when both fit even with the longest ages, else two: rows are scarce in a pane.
    const longest: When = (time) => (time === undefined ? 'never' : '23h59m ago');
    const together = `${scheduled(longest)} · ${succeeded(longest)}`;
    const rows: Row[] =
      together.length <= width
        ? [
            {
              key: 'schedule',
              text: (now) => `${scheduled(at(now))} · ${succeeded(at(now))}`,
              ref: summary,
              ages: defined([runs?.lastScheduledAt, runs?.lastSuccessAt]),
            },
          ]
        : [
            {key: 'schedule', text: (now) => scheduled(at(now)), ref: summary, ages: defined([runs?.lastScheduledAt])},
            {key: 'success', text: (now) => succeeded(at(now)), ref: summary, ages: defined([runs?.lastSuccessAt])},
          ];
    if (backups.staleness && backups.staleness.level !== 'ok') {
      rows.push({
        key: 'stale',
        text: `⚠ ${backups.staleness.message}`,
        color: severityColor(backups.staleness.level),
        ref: summary,
      });
    }
    if (backups.gap) rows.push({key: 'gap', text: `⚠ ${backups.gap.message}`, color: 'yellow', ref: summary});
    for (const job of backups.jobs.slice(0, 3)) {
      const color = job.state === 'failed' ? 'red' : job.state === 'running' ? 'cyan' : 'green';
      rows.push({
        key: `j:${job.name}`,
        text: (now) => ` job ${job.name} ${job.state}${job.manual ? ' (manual)' : ''} ${ago(job.startedAt, now)}`,
        color,
        ref: {kind: 'job', name: job.name},
        ages: defined([job.startedAt]),
      });
    }
    if (sources.s3.state === 'error')
      rows.push(
        note(
          's3err',
          'Backup bucket',
          `✖ ${sources.s3.message ?? 'S3 error'}${sources.s3.hint ? `\n${sources.s3.hint}` : ''}`,
          'red',
        ),
      );
    const name = Math.min(
      Math.max(10, width - 9 - 8 - 8 - 4),
      Math.max(9, ...backups.perNamespace.map((item) => item.namespace.length)),
    );
    const retention = backups.retentionCount ?? 0;
    for (const item of backups.perNamespace) {
      const count = `${item.count}/${retention || '∞'}`;
      rows.push({
        key: `b:${item.namespace}`,
        text: (now) =>
          ` ${cells([
            [item.namespace, name],
            [count, 8],
            [ago(item.newestAt, now), 8],
            [formatBytes(item.newestSize), 7],
          ])}`,
        color: item.failure || item.newestEmpty ? 'red' : item.overRetention ? 'yellow' : undefined,
        ref: {kind: 'namespace', name: item.namespace},
        ages: defined([item.newestAt]),
      });
      // The job's own reason, instead of only a "Stale" for the whole CronJob.
      const failure = item.failure;
      if (failure)
        rows.push({
          key: `f:${item.namespace}`,
          text: (now) => `   ✖ failed ${ago(failure.at, now)}: ${failure.error}`,
          color: 'red',
          // The whole error is in the namespace's details.
          ref: {kind: 'namespace', name: item.namespace},
          ...(failure.at !== undefined ? {ages: [failure.at]} : {}),
        });
    }
    if (backups.perNamespace.length === 0 && sources.s3.state === 'live')
      rows.push({
        key: 'empty',
        text: ` bucket ${backups.bucket ?? ''} holds no snapshots yet`,
        color: 'gray',
        ref: summary,
      });
    return {rows};
  },
);

/** Index of the row with `key`, else the first selectable row, else -1. */
export function selectedIndex(rows: PaneRows['rows'], key: string | undefined): number {
  const index = key === undefined ? -1 : rows.findIndex((row) => row.key === key && row.ref);
  return index >= 0 ? index : rows.findIndex((row) => row.ref);
}
