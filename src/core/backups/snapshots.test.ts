import {describe, expect, it} from 'vitest';
import {formatStamp, parseAt, pickSnapshot, snapshotsByNamespace} from './snapshots.js';

const object = (key: string, size = 4096) => ({key, size, lastModified: 0});

describe('snapshots in the bucket', () => {
  it('groups the backup job layout per namespace, newest first, and ignores everything else', () => {
    const grouped = snapshotsByNamespace([
      object('api-keys/api-keys-20260101T020000Z.db'),
      object('api-keys/api-keys-20260103T020000Z.db', 0),
      object('api-keys/api-keys-20260102T020000Z.db'),
      object('api-keys/README.txt'),
      object('api-keys/other-20260101T020000Z.db'),
      object('api-keys/api-keys-extra-20260101T020000Z.db'),
      object('api-keys/nested/api-keys-20260101T020000Z.db'),
      object('_results/turso-backup.json'),
      object('runtime/runtime-20251231T235959Z.db'),
      object('loose-20260101T020000Z.db'),
    ]);
    expect([...grouped.keys()].sort()).toEqual(['api-keys', 'runtime']);
    expect(grouped.get('api-keys')?.map((snapshot) => [snapshot.key, snapshot.size])).toEqual([
      ['api-keys/api-keys-20260103T020000Z.db', 0],
      ['api-keys/api-keys-20260102T020000Z.db', 4096],
      ['api-keys/api-keys-20260101T020000Z.db', 4096],
    ]);
    expect(grouped.get('runtime')?.[0]?.at).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
  });

  it.each([
    ['20260102T030405Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T03:04:05.250Z', Date.UTC(2026, 0, 2, 3, 4, 5, 250)],
    ['2026-01-02T05:04:05+02:00', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02', Date.UTC(2026, 0, 2, 23, 59, 59)],
  ])('reads --at %s', (text, ms) => {
    expect(parseAt(text)).toBe(ms);
  });

  it.each(['20261301T000000Z', '2026-01-02T03:04:05', 'yesterday', '', '2026-1-2'])('refuses --at %j', (text) => {
    expect(parseAt(text)).toBeUndefined();
  });

  it('picks the newest at or before a time, and formats stamps as keys do', () => {
    const list = snapshotsByNamespace([object('a/a-20260101T020000Z.db'), object('a/a-20260102T020000Z.db')]).get(
      'a',
    ) as never;
    expect(pickSnapshot(list)?.key).toBe('a/a-20260102T020000Z.db');
    expect(pickSnapshot(list, Date.UTC(2026, 0, 2, 2, 0, 0))?.key).toBe('a/a-20260102T020000Z.db');
    expect(pickSnapshot(list, Date.UTC(2026, 0, 2, 1, 59, 59))?.key).toBe('a/a-20260101T020000Z.db');
    expect(pickSnapshot(list, Date.UTC(2025, 0, 1))).toBeUndefined();
    expect(formatStamp(Date.UTC(2026, 6, 1, 2, 3, 4, 999))).toBe('20260701T020304Z');
  });
});
