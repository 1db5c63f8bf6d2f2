import {describe, expect, it} from 'vitest';
import {
  backupRuns,
  backupStaleness,
  keyTimestamp,
  snapshotGap,
  summariseObjects,
  type CronJobInfo,
  type JobInfo,
} from './backups.js';

const at = (iso: string): number => Date.parse(iso);

describe('keyTimestamp', () => {
  it.each([
    ['api-keys/api-keys-20260707T020000Z.db', at('2026-07-07T02:00:00Z')],
    ['a/a-20261231T235959Z.db', at('2026-12-31T23:59:59Z')],
    ['a/a-2026.db', undefined],
    ['a/a-20260707T020000.db', undefined],
  ])('%s', (key, expected) => expect(keyTimestamp(key)).toBe(expected));
});

describe('summariseObjects', () => {
  const object = (key: string, size = 4096) => ({key, size, lastModified: 0});
  it('groups by namespace, finds the newest and compares the count with the retention', () => {
    const summary = summariseObjects(
      [
        object('app/app-20260701T020000Z.db', 100),
        object('app/app-20260703T020000Z.db', 300),
        object('app/app-20260702T020000Z.db', 200),
        object('keys/keys-20260703T020000Z.db', 0),
        object('stray.txt'),
        object('app/other-20260703T020000Z.db'),
        object('app/notes.md'),
      ],
      2,
    );
    expect(summary).toEqual([
      {
        namespace: 'app',
        count: 3,
        newestKey: 'app/app-20260703T020000Z.db',
        newestAt: at('2026-07-03T02:00:00Z'),
        newestSize: 300,
        overRetention: true,
        newestEmpty: false,
      },
      {
        namespace: 'keys',
        count: 1,
        newestKey: 'keys/keys-20260703T020000Z.db',
        newestAt: at('2026-07-03T02:00:00Z'),
        newestSize: 0,
        overRetention: false,
        newestEmpty: true,
      },
    ]);
  });
  it('never flags retention when retentionCount is 0 (keep everything)', () => {
    const list = Array.from({length: 30}, (_, i) => object(`a/a-202607${String(i + 1).padStart(2, '0')}T020000Z.db`));
    expect(summariseObjects(list, 0)[0]?.overRetention).toBe(false);
  });
});

describe('summariseObjects with the backup job result', () => {
  it('marks the namespaces the last run failed for, with the reason, even those with no snapshot yet', () => {
    const summary = summariseObjects(
      [{key: 'api-keys/api-keys-20260101T020000Z.db', size: 4096, lastModified: 0}],
      14,
      {
        ok: false,
        namespaces: [
          {name: 'api-keys', status: 'failed', at: 5, error: 'download failed: turso-server answered HTTP 500'},
          {name: 'runtime', status: 'failed', error: 'the snapshot is empty (0 bytes)'},
          {name: 'fine', status: 'ok'},
        ],
      },
    );
    expect(summary.map((item) => [item.namespace, item.count, item.failure])).toEqual([
      ['api-keys', 1, {at: 5, error: 'download failed: turso-server answered HTTP 500'}],
      ['runtime', 0, {error: 'the snapshot is empty (0 bytes)'}],
    ]);
  });
});

describe('backupStaleness (daily at 02:00 UTC)', () => {
  const cron = (patch: Partial<CronJobInfo> = {}): CronJobInfo => ({
    name: 'b',
    schedule: '0 2 * * *',
    suspend: false,
    active: [],
    createdAt: at('2026-01-01T00:00:00Z'),
    ...patch,
  });
  it.each([
    [
      'fresh: succeeded after the last run',
      cron({lastSuccessfulTime: at('2026-07-07T02:01:10Z')}),
      '2026-07-07T12:00:00Z',
      'ok',
    ],
    [
      "within the grace period of today's run",
      cron({lastSuccessfulTime: at('2026-07-06T02:01:00Z')}),
      '2026-07-07T02:10:00Z',
      'ok',
    ],
    [
      "stale: yesterday's success, today's run missed",
      cron({lastSuccessfulTime: at('2026-07-06T02:01:00Z')}),
      '2026-07-07T03:00:00Z',
      'error',
    ],
    ['stale: never succeeded', cron(), '2026-07-07T03:00:00Z', 'error'],
    [
      'not due: created after the last run',
      cron({createdAt: at('2026-07-07T05:00:00Z')}),
      '2026-07-07T06:00:00Z',
      'ok',
    ],
    [
      'suspended',
      cron({suspend: true, lastSuccessfulTime: at('2026-07-07T02:01:00Z')}),
      '2026-07-07T06:00:00Z',
      'warn',
    ],
    ['invalid schedule', cron({schedule: 'every day'}), '2026-07-07T06:00:00Z', 'error'],
  ])('%s', (_name, input, now, level) => {
    expect(backupStaleness(input, at(now)).level).toBe(level);
  });
  it('names the run that was expected', () => {
    const result = backupStaleness(cron(), at('2026-07-07T03:00:00Z'));
    expect(result.expectedRun).toBe(at('2026-07-07T02:00:00Z'));
  });
});

describe('backup runs and snapshot gaps', () => {
  const cron: CronJobInfo = {
    name: 'buntime-turso-backup',
    schedule: '0 2 * * *',
    suspend: false,
    active: [],
    lastSuccessfulTime: at('2026-07-07T11:59:56Z'),
  };
  const manual: JobInfo = {
    name: 'buntime-turso-backup-manual-c4fa0',
    state: 'succeeded',
    manual: true,
    startedAt: at('2026-07-07T11:59:50Z'),
    finishedAt: at('2026-07-07T11:59:56Z'),
  };
  const snapshot = (namespace: string, stamp: string) => ({
    namespace,
    count: 1,
    newestAt: at(stamp),
    overRetention: false,
    newestEmpty: false,
  });

  it('tells a manual run apart from the schedule: never scheduled, last success manual', () => {
    expect(backupRuns(cron, [manual])).toEqual({
      lastSuccessAt: at('2026-07-07T11:59:56Z'),
      lastSuccessManual: true,
      manualRuns: 1,
      lastManualAt: at('2026-07-07T11:59:50Z'),
    });
  });

  it('warns when a successful Job wrote nothing to the bucket', () => {
    const gap = snapshotGap({jobs: [manual], perNamespace: [], listedAt: at('2026-07-07T12:00:00Z')});
    expect(gap?.message).toBe(
      'Backup job buntime-turso-backup-manual-c4fa0 succeeded but no new snapshot is in the bucket.',
    );
  });

  it('waits for a bucket listing taken after the Job finished', () => {
    expect(snapshotGap({jobs: [manual], perNamespace: [], listedAt: at('2026-07-07T11:59:00Z')})).toBeUndefined();
  });

  it('names the namespaces the run skipped, ignoring ones created after it started', () => {
    const gap = snapshotGap({
      jobs: [manual],
      perNamespace: [snapshot('api-keys', '2026-07-07T11:59:52Z'), snapshot('runtime', '2026-07-06T02:00:10Z')],
      namespaces: [
        {name: 'api-keys', createdAt: at('2026-07-01T00:00:00Z')},
        {name: 'runtime', createdAt: at('2026-07-01T00:00:00Z')},
        {name: 'brand-new', createdAt: at('2026-07-07T11:59:58Z')},
      ],
      listedAt: at('2026-07-07T12:00:00Z'),
    });
    expect(gap?.namespaces).toEqual(['runtime']);
    expect(
      snapshotGap({
        jobs: [manual],
        perNamespace: [snapshot('api-keys', '2026-07-07T11:59:52Z')],
        namespaces: [{name: 'api-keys', createdAt: at('2026-07-01T00:00:00Z')}],
        listedAt: at('2026-07-07T12:00:00Z'),
      }),
    ).toBeUndefined();
  });
});
