import {describe, expect, it} from 'vitest';
import {backupRunFromLog, parseBackupRun} from './run-result.js';

// The shape charts/buntime/files/turso-backup.sh writes (checked for real by the integration test).
const RUN = {
  version: 1,
  timestamp: '20260701T020000Z',
  startedAt: '2026-07-01T02:00:00Z',
  finishedAt: '2026-07-01T02:00:09Z',
  ok: false,
  failed: ['runtime'],
  namespaces: [
    {
      name: 'api-keys',
      status: 'ok',
      at: '2026-07-01T02:00:03Z',
      key: 'api-keys/api-keys-20260701T020000Z.db',
      bytes: 20480,
      lastSuccess: {at: '2026-07-01T02:00:03Z', key: 'api-keys/api-keys-20260701T020000Z.db'},
      lastFailure: {at: '2026-06-30T02:00:05Z', error: 'old trouble'},
    },
    {
      name: 'runtime',
      status: 'failed',
      at: '2026-07-01T02:00:05Z',
      error: 'download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
      lastFailure: {at: '2026-07-01T02:00:05Z', error: 'download failed: …'},
    },
  ],
};

describe('the backup run result', () => {
  it('reads what the script writes', () => {
    const run = parseBackupRun(JSON.stringify(RUN));
    expect(run).toMatchObject({
      ok: false,
      timestamp: '20260701T020000Z',
      finishedAt: Date.parse('2026-07-01T02:00:09Z'),
    });
    expect(run?.namespaces[0]).toEqual({
      name: 'api-keys',
      status: 'ok',
      at: Date.parse('2026-07-01T02:00:03Z'),
      key: 'api-keys/api-keys-20260701T020000Z.db',
      bytes: 20480,
      lastFailure: {at: Date.parse('2026-06-30T02:00:05Z'), error: 'old trouble'},
      lastSuccess: {at: Date.parse('2026-07-01T02:00:03Z'), key: 'api-keys/api-keys-20260701T020000Z.db'},
    });
    expect(run?.namespaces[1]).toMatchObject({name: 'runtime', status: 'failed', error: RUN.namespaces[1]?.error});
  });

  it('takes the last result line of a Job log', () => {
    const log = [
      '2026-07-01T02:00:00Z turso-backup: listing namespaces',
      `turso-backup-result: ${JSON.stringify({...RUN, ok: true, namespaces: []})}`,
      `turso-backup-result: ${JSON.stringify(RUN)}`,
      '',
    ].join('\n');
    expect(backupRunFromLog(log)?.ok).toBe(false);
    expect(backupRunFromLog('no result here')).toBeUndefined();
  });

  it('drops what it cannot trust instead of failing', () => {
    expect(parseBackupRun('not json')).toBeUndefined();
    expect(parseBackupRun('[]')).toBeUndefined();
    expect(parseBackupRun('{"namespaces": []}')).toBeUndefined();
    const run = parseBackupRun(
      JSON.stringify({ok: true, namespaces: [{name: 'BAD NAME', status: 'ok'}, {name: 'x', status: 'maybe'}, 7, null]}),
    );
    expect(run).toEqual({ok: true, namespaces: []});
  });
});
