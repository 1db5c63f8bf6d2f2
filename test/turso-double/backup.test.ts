import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {writeRows} from './replica.js';
import {startTursoDouble, type TursoDouble} from './server.js';

// The backup route streams what the namespace's real tursodb wrote with VACUUM INTO, holding the
// rows real sync clients pushed; the real sqlite3 must open it as a plain SQLite file. sqlite3
// comes from Debian; the helper installs it when missing (and fails loudly if it cannot).
let dir = '';
beforeAll(() => {
  execFileSync('bash', [resolve('scripts/ensure-debian-tools.sh'), 'sqlite3'], {stdio: 'inherit'});
  dir = mkdtempSync(join(tmpdir(), 'turso-double-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

let double: TursoDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

function sqlite(file: string, sql: string): string {
  return execFileSync('sqlite3', [file, sql], {encoding: 'utf8'}).trim();
}

describe('GET /v1/namespaces/:name/backup', () => {
  it('streams a real SQLite snapshot with the documented headers', async () => {
    double = await startTursoDouble({adminToken: 't', namespaces: [{name: 'api-keys'}]});
    await writeRows({url: `${double.dataUrl}/api-keys`}, [['key1', 'value1']]);
    await writeRows({url: `${double.dataUrl}/api-keys`, clientName: 'second-pod'}, [['key2', 'value2']]);
    const response = await fetch(`${double.adminUrl}/v1/namespaces/api-keys/backup`, {
      headers: {authorization: 'Bearer t'},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="api-keys-\d{8}T\d{6}Z\.db"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(Buffer.from(bytes.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
    const file = join(dir, 'snapshot.db');
    writeFileSync(file, bytes);
    expect(sqlite(file, 'PRAGMA integrity_check')).toBe('ok');
    expect(sqlite(file, "SELECT k || '=' || v FROM kv ORDER BY k")).toBe('key1=value1\nkey2=value2');
    // What a snapshot of a synced database holds besides the user tables (real-turso.md).
    expect(sqlite(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toBe(
      'kv\nturso_sync_last_change_id',
    );
  });

  it('fails with 500 backup failed for a namespace that is not running or unknown', async () => {
    double = await startTursoDouble({namespaces: [{name: 'stopped', running: false}]});
    for (const name of ['stopped', 'ghost']) {
      const response = await fetch(`${double.adminUrl}/v1/namespaces/${name}/backup`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({code: 'backup failed', detail: `namespace "${name}" is not running`});
    }
  });

  it('fails a backup on request and recovers when cleared', async () => {
    double = await startTursoDouble({namespaces: [{name: 'app'}]});
    double.failBackup('app');
    const failed = await fetch(`${double.adminUrl}/v1/namespaces/app/backup`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      code: 'backup failed',
      detail: 'VACUUM INTO failed: disk I/O error (SQLITE_IOERR)',
    });
    double.clearBackupFailure('app');
    expect((await fetch(`${double.adminUrl}/v1/namespaces/app/backup`)).status).toBe(200);
  });

  it('reports sizeBytes as the size of <dataDir>/<name>.db alone, which tursodb 0.6.0 keeps at one page', async () => {
    double = await startTursoDouble({namespaces: [{name: 'app'}]});
    await writeRows({url: `${double.dataUrl}/app`}, [['k', 'v'.repeat(10_000)]]);
    const view = (await (await fetch(`${double.adminUrl}/v1/namespaces/app`)).json()) as {sizeBytes: number};
    expect(view.sizeBytes).toBe(statSync(`${double.dataDir}/app.db`).size);
    // The sync server never checkpoints: the rows live in the -wal, the snapshot is larger.
    const bytes = await (await fetch(`${double.adminUrl}/v1/namespaces/app/backup`)).arrayBuffer();
    expect(view.sizeBytes).toBe(4096);
    expect(bytes.byteLength).toBeGreaterThan(10_000);
  });
});
