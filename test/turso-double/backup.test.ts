import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startTursoDouble, type TursoDouble} from './server.js';
import {buildSqliteDatabase, readSqliteDatabase} from './sqlite.js';

// The backup route must stream a file the real sqlite3 opens. sqlite3 comes from Debian; the
// helper installs it when missing (and fails loudly if it cannot), so this never skips.
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

describe('SQLite writer', () => {
  it('writes files that sqlite3 accepts as intact, with the rows written', () => {
    const file = join(dir, 'writer.db');
    writeFileSync(
      file,
      buildSqliteDatabase([
        {
          name: 'kv',
          columns: ['k TEXT', 'v INTEGER'],
          rows: [
            ['a', 1],
            ['é', -300],
            ['big', 2 ** 40],
            ['none', null],
            ['zero', 0],
          ],
        },
        {name: 'empty', columns: ['x'], rows: []},
      ]),
    );
    expect(sqlite(file, 'PRAGMA integrity_check')).toBe('ok');
    expect(sqlite(file, 'SELECT k, v FROM kv ORDER BY rowid')).toBe('a|1\né|-300\nbig|1099511627776\nnone|\nzero|0');
    expect(sqlite(file, 'SELECT count(*) FROM empty')).toBe('0');
  });

  it('reads back what it wrote', () => {
    const tables = [
      {
        name: 't',
        columns: ['a', 'b'],
        rows: [
          ['x', 5],
          [null, 'y'],
        ],
      },
    ];
    expect(readSqliteDatabase(buildSqliteDatabase(tables)).tables).toEqual(tables);
  });
});

describe('GET /v1/namespaces/:name/backup', () => {
  it('streams a real SQLite snapshot with the documented headers', async () => {
    double = await startTursoDouble({adminToken: 't', namespaces: [{name: 'api-keys', rows: [['key1', 'value1']]}]});
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
    expect(sqlite(file, 'SELECT k || "=" || v FROM kv')).toBe('key1=value1');
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

  it('reports sizeBytes as the size of the namespace database', async () => {
    double = await startTursoDouble({namespaces: [{name: 'app'}]});
    const view = (await (await fetch(`${double.adminUrl}/v1/namespaces/app`)).json()) as {sizeBytes: number};
    const bytes = await (await fetch(`${double.adminUrl}/v1/namespaces/app/backup`)).arrayBuffer();
    expect(view.sizeBytes).toBe(bytes.byteLength);
  });
});
