import {formatAge, formatBytes} from '../../core/status/format.js';
import {memoLast} from '../../core/status/memo.js';
import type {PodView, StatusModel} from '../../core/status/model.js';
import type {PodGroup} from '../../core/status/store.js';
import {cells, severityColor} from './layout.js';

/** What a selected row points at, for details, logs and actions. */
export type RowRef =
  | {readonly kind: 'pod'; readonly name: string}
  | {readonly kind: 'namespace'; readonly name: string}
  | {readonly kind: 'job'; readonly name: string};

export interface Row {
  readonly key: string;
  readonly text: string;
  readonly color?: string | undefined;
  /** Headings and notes cannot be selected. */
  readonly ref?: RowRef;
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
  const wide = width >= 80;
  const fixed = 6 + 17 + 4 + 6 + (wide ? 13 : 0) + 2;
  // The NAME column is as wide as the longest name (not the terminal): fewer characters per frame.
  const name = Math.min(Math.max(10, width - fixed - 1), Math.max(4, longestName(model.pods)));
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
    const row: Row = {
      key: `p:${pod.name}`,
      text: `${marker}${columns([pod.name, `${pod.status.ready}/${pod.status.total}`, status, String(pod.status.restarts), formatAge(pod.ageMs), pod.node ?? '-'])}`,
      color: severityColor(pod.status.severity),
      ref: {kind: 'pod', name: pod.name},
    };
    podRowCache.set(pod, {width, name, row});
    return row;
  };
  const rows: Row[] = [];
  for (const group of ['runtime', 'turso-server', 'backup'] as const) {
    const pods = model.pods[group];
    if (group !== 'runtime' && pods.length === 0 && !(group === 'turso-server' && model.tursoEnabled)) continue;
    rows.push({key: `h:${group}`, text: `${GROUP_TITLES[group]} (${pods.length})`, color: 'blue'});
    if (pods.length === 0) rows.push({key: `e:${group}`, text: '  none', color: 'gray'});
    for (const pod of pods) rows.push(rowOf(pod));
  }
  return {header: ` ${columns(['NAME', 'READY', 'STATUS', 'RST', 'AGE', 'NODE'])}`, rows};
}

/** The namespaces pane: origin/lock, ages, size, how many snapshots the bucket holds. */
export function namespaceRows(model: StatusModel, width: number): PaneRows {
  return namespaceRowsOf(
    model.namespaces,
    model.sources.admin,
    model.tursoEnabled,
    model.sources.kube.state === 'connecting',
    model.now,
    width,
  );
}

const CONNECTING: PaneRows = {rows: [{key: 'connecting', text: 'connecting…', color: 'cyan'}]};

const namespaceRowsOf = memoLast(
  (
    namespaces: StatusModel['namespaces'],
    admin: StatusModel['sources']['admin'],
    tursoEnabled: boolean,
    connecting: boolean,
    now: number,
    width: number,
  ): PaneRows => {
    if (!tursoEnabled && connecting) return CONNECTING;
    const model = {namespaces, tursoEnabled, now};
    if (!model.tursoEnabled)
      return {rows: [{key: 'off', text: 'turso-server is not enabled in this release.', color: 'gray'}]};
    const note =
      admin.state === 'error' ? [{key: 'err', text: `✖ ${admin.message ?? 'admin API error'}`, color: 'red'}] : [];
    if (!model.namespaces)
      return {
        rows: [...note, ...(note.length ? [] : [{key: 'load', text: 'connecting to the admin API…', color: 'cyan'}])],
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
    const rows: Row[] = [...note];
    if (model.namespaces.length === 0) rows.push({key: 'none', text: ' no namespaces yet', color: 'gray'});
    for (const item of model.namespaces) {
      const archived = item.origin === 'archived';
      const lock = archived ? '-' : item.locked ? 'locked' : 'open';
      const age = (at: number | undefined): string => (at === undefined ? '-' : formatAge(model.now - at));
      rows.push({
        key: `n:${item.name}`,
        text: ` ${columns([item.name, item.origin, lock, age(item.createdAt), age(item.lastAccessAt), formatBytes(item.sizeBytes), String(item.backups?.count ?? 0)])}`,
        color: archived ? 'gray' : item.backups?.newestEmpty ? 'red' : undefined,
        ref: {kind: 'namespace', name: item.name},
      });
    }
    return {header: ` ${columns(['NAME', 'ORIGIN', 'LOCK', 'AGE', 'ACCESS', 'SIZE', 'BKP'])}`, rows};
  },
);

/** The backups pane: schedule and staleness, recent jobs, then snapshots per namespace. */
export function backupRows(model: StatusModel, width: number): PaneRows {
  return backupRowsOf(model.backups, model.sources.s3, model.sources.kube.state === 'connecting', model.now, width);
}

const backupRowsOf = memoLast(
  (
    backups: StatusModel['backups'],
    s3: StatusModel['sources']['s3'],
    connecting: boolean,
    now: number,
    width: number,
  ): PaneRows => {
    if (!backups.cronJob && connecting) return CONNECTING;
    const model = {now};
    const sources = {s3};
    if (!backups.cronJob)
      return {rows: [{key: 'off', text: 'No backup CronJob (tursoServer.backup.enabled is false).', color: 'gray'}]};
    const cron = backups.cronJob;
    const ago = (at: number | undefined): string => (at === undefined ? 'never' : `${formatAge(model.now - at)} ago`);
    const rows: Row[] = [
      {
        key: 'schedule',
        text: `schedule ${cron.schedule}${cron.suspend ? ' (suspended)' : ''} · last run ${ago(cron.lastScheduleTime)} · last ok ${ago(cron.lastSuccessfulTime)}`,
      },
    ];
    if (backups.staleness && backups.staleness.level !== 'ok') {
      rows.push({key: 'stale', text: `⚠ ${backups.staleness.message}`, color: severityColor(backups.staleness.level)});
    }
    for (const job of backups.jobs.slice(0, 3)) {
      const color = job.state === 'failed' ? 'red' : job.state === 'running' ? 'cyan' : 'green';
      rows.push({
        key: `j:${job.name}`,
        text: ` job ${job.name} ${job.state}${job.manual ? ' (manual)' : ''} ${ago(job.startedAt)}`,
        color,
        ref: {kind: 'job', name: job.name},
      });
    }
    if (sources.s3.state === 'error')
      rows.push({key: 's3err', text: `✖ ${sources.s3.message ?? 'S3 error'}`, color: 'red'});
    const name = Math.min(
      Math.max(10, width - 9 - 8 - 8 - 4),
      Math.max(9, ...backups.perNamespace.map((item) => item.namespace.length)),
    );
    const retention = backups.retentionCount ?? 0;
    for (const item of backups.perNamespace) {
      const count = `${item.count}/${retention || '∞'}`;
      rows.push({
        key: `b:${item.namespace}`,
        text: ` ${cells([
          [item.namespace, name],
          [count, 8],
          [ago(item.newestAt), 8],
          [formatBytes(item.newestSize), 7],
        ])}`,
        color: item.failure || item.newestEmpty ? 'red' : item.overRetention ? 'yellow' : undefined,
        ref: {kind: 'namespace', name: item.namespace},
      });
      // The job's own reason, instead of only a "Stale" for the whole CronJob.
      if (item.failure)
        rows.push({
          key: `f:${item.namespace}`,
          text: `   ✖ failed ${ago(item.failure.at)}: ${item.failure.error}`,
          color: 'red',
        });
    }
    if (backups.perNamespace.length === 0 && sources.s3.state === 'live')
      rows.push({key: 'empty', text: ` bucket ${backups.bucket ?? ''} holds no snapshots yet`, color: 'gray'});
    return {rows};
  },
);

/** Index of the row with `key`, else the first selectable row, else -1. */
export function selectedIndex(rows: PaneRows['rows'], key: string | undefined): number {
  const index = key === undefined ? -1 : rows.findIndex((row) => row.key === key && row.ref);
  return index >= 0 ? index : rows.findIndex((row) => row.ref);
}
