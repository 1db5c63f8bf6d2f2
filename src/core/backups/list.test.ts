import {describe, expect, it} from 'vitest';
import {buildListing} from './list.js';

const NOW = Date.UTC(2026, 6, 3, 12, 0, 0);
const objects = [
  {key: 'api-keys/api-keys-20260701T020000Z.db', size: 20480, lastModified: 0},
  {key: 'api-keys/api-keys-20260702T020000Z.db', size: 20480, lastModified: 0},
  {key: 'api-keys/api-keys-20260703T020000Z.db', size: 24576, lastModified: 0},
  {key: 'gone/gone-20260101T020000Z.db', size: 4096, lastModified: 0},
  {key: '_results/turso-backup.json', size: 300, lastModified: 0},
];

describe('backups list', () => {
  it('lists each namespace newest first with ages, retention, live state and the last run', () => {
    const listing = buildListing({
      bucket: 'turso-backups',
      retentionCount: 2,
      objects,
      liveNamespaces: ['api-keys', 'runtime'],
      lastRun: {ok: false, namespaces: [{name: 'runtime', status: 'failed', error: 'not running'}]},
      now: NOW,
    });
    expect(
      listing.namespaces.map((item) => [item.namespace, item.snapshots.length, item.live, item.overRetention]),
    ).toEqual([
      ['api-keys', 3, true, true],
      ['gone', 1, false, false],
      ['runtime', 0, true, false],
    ]);
    const apiKeys = listing.namespaces[0];
    expect(apiKeys?.newest).toEqual({
      key: 'api-keys/api-keys-20260703T020000Z.db',
      at: Date.UTC(2026, 6, 3, 2, 0, 0),
      size: 24576,
      ageMs: 10 * 3_600_000,
    });
    expect(listing.withoutBackup).toEqual(['runtime']);
    expect(listing.namespaces[2]?.lastRun).toEqual({name: 'runtime', status: 'failed', error: 'not running'});
  });

  it('shows one namespace, and leaves live state out when the admin API was not asked', () => {
    const listing = buildListing({bucket: 'b', retentionCount: 0, objects, only: 'gone', now: NOW});
    expect(listing.namespaces.map((item) => item.namespace)).toEqual(['gone']);
    expect(listing.namespaces[0]?.live).toBeUndefined();
    expect(listing.withoutBackup).toEqual([]);
  });
});
