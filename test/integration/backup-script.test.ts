import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {type MinioServer, startMinio} from '../helpers/minio.js';
import {writeRows} from '../turso-double/replica.js';
import {startTursoDouble, type TursoDouble} from '../turso-double/server.js';
import {offline, TURSODB} from '../turso-double/tursodb.js';
import {processesOf} from '../helpers/procs.js';
import {backupImagePath} from './image-tools.js';
import {ensureMc} from './mc.js';

// The backup CronJob's script (charts/buntime/files/turso-backup.sh, mounted unchanged from the
// chart's ConfigMap) run for real with only what its image has (BusyBox sh, curl, jq, mc) against a
// real MinIO, and the turso-server double with real tursodb processes holding rows that real sync
// clients wrote.
const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'charts/buntime/files/turso-backup.sh');
const ADMIN_TOKEN = 'admin-token-for-tests';
const RESULT_KEY = '_results/turso-backup.json';

interface NamespaceResult {
  name: string;
  status: 'ok' | 'failed';
  at: string;
  key?: string;
  bytes?: number;
  error?: string;
  lastFailure?: {at: string; error: string};
  lastSuccess?: {at: string; key: string};
}
interface RunResult {
  version: number;
  timestamp: string;
  ok: boolean;
  failed: string[];
  error?: string;
  namespaces: NamespaceResult[];
}

describe('the backup CronJob script against real MinIO, mc and tursodb', () => {
  let minio: MinioServer;
  let double: TursoDouble;
  let bin: string;
  let work: string;
  let bucket = '';
  let count = 0;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'turso-backup-test-'));
    bin = backupImagePath(work, ensureMc());
    [minio, double] = await Promise.all([
      startMinio({bucket: 'turso-backups'}),
      startTursoDouble({adminToken: ADMIN_TOKEN, namespaces: [{name: 'api-keys'}]}),
    ]);
    // Two runtime pods write through the data port; `runtime` and `zeta` are auto-provisioned.
    const url = (ns: string): string => `${double.dataUrl}/${ns}`;
    await writeRows({url: url('api-keys'), clientName: 'pod-0'}, [['key-1', 'alpha']]);
    await writeRows({url: url('api-keys'), clientName: 'pod-1'}, [['key-2', 'beta']]);
    await writeRows({url: url('runtime')}, [['r', '1']]);
    await writeRows({url: url('zeta')}, [['z', '26']]);
  });
  afterAll(async () => {
    await double?.close();
    await minio?.stop();
    if (work) rmSync(work, {recursive: true, force: true});
    expect(processesOf(TURSODB)).toEqual([]);
  });
  beforeEach(async () => {
    bucket = `backups-${++count}`;
    await minio.client.createBucket(bucket);
  });

  async function runScript(
    env: Record<string, string> = {},
    adminUrl = double.adminUrl,
  ): Promise<{code: number | null; log: string; result: RunResult}> {
    const child = spawn(join(bin, 'sh'), [SCRIPT], {
      env: {
        PATH: bin,
        HOME: work,
        TMPDIR: work,
        ADMIN_URL: adminUrl,
        ADMIN_TOKEN,
        S3_ENDPOINT: minio.endpoint,
        S3_BUCKET: bucket,
        S3_REGION: minio.region,
        S3_PATH_STYLE: 'true',
        S3_ACCESS_KEY: minio.accessKeyId,
        S3_SECRET_KEY: minio.secretAccessKey,
        RETENTION_COUNT: '14',
        // A second try waits a second here, not the chart's two.
        RETRY_DELAY: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    // The last line of the log is the machine-readable result, whatever happened.
    const last = log.trimEnd().split('\n').at(-1) ?? '';
    expect(last, log).toMatch(/^turso-backup-result: \{/);
    return {code, log, result: JSON.parse(last.slice('turso-backup-result: '.length)) as RunResult};
  }

  const keys = async (prefix = ''): Promise<string[]> =>
    (await minio.client.listObjects(bucket, prefix))
      .map((object) => object.key)
      .filter((key) => key !== RESULT_KEY)
      .sort();
  const stored = async (): Promise<RunResult> =>
    JSON.parse(Buffer.from(await minio.client.getObject(bucket, RESULT_KEY)).toString()) as RunResult;
  const byName = (result: RunResult): Record<string, NamespaceResult> =>
    Object.fromEntries(result.namespaces.map((ns) => [ns.name, ns]));

  it('uploads every namespace to <bucket>/<ns>/<ns>-<UTC timestamp>.db: real snapshots holding the rows', async () => {
    const {code, log, result} = await runScript();
    expect(log).toMatch(/backup complete: 3 snapshot\(s\) uploaded/);
    expect(code).toBe(0);
    const uploaded = await keys();
    expect(uploaded).toHaveLength(3);
    const [apiKeys, runtime] = uploaded;
    expect(apiKeys).toMatch(/^api-keys\/api-keys-\d{8}T\d{6}Z\.db$/);
    expect(runtime).toMatch(/^runtime\/runtime-\d{8}T\d{6}Z\.db$/);
    // One timestamp per run, shared by every namespace.
    expect(apiKeys?.slice(-20)).toBe(runtime?.slice(-20));
    const file = join(work, 'api-keys.db');
    writeFileSync(file, await minio.client.getObject(bucket, apiKeys as string));
    expect(await offline(file, 'SELECT k, v FROM kv ORDER BY k')).toBe('key-1|alpha\nkey-2|beta\n');
    // The result, in the log and in the bucket.
    expect(result).toMatchObject({version: 1, ok: true, failed: []});
    expect(result.timestamp).toBe(apiKeys?.slice(-19, -3));
    expect(byName(result)['api-keys']).toMatchObject({status: 'ok', key: apiKeys, lastSuccess: {key: apiKeys}});
    expect(byName(result)['api-keys']?.bytes).toBe((await minio.client.listObjects(bucket, 'api-keys/'))[0]?.size);
    expect(await stored()).toEqual(result);
  });

  it('backs up the others when one namespace is dead, names it and fails; the next good run keeps its last failure', async () => {
    await double.crashNamespace('runtime');
    const failed = await runScript({RETRY_DELAY: '1'});
    expect(failed.code).toBe(1);
    // Tried twice, then reported: the second answer is the one in the result.
    expect(failed.log.match(/retrying runtime in 1s/g)).toHaveLength(1);
    expect(failed.log).toMatch(
      /ERROR runtime: download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running/,
    );
    expect(failed.log).toMatch(/FAILED: 1 of 3 namespace\(s\) not backed up: runtime \(download failed: .*\)/);
    expect((await keys()).map((key) => key.split('/')[0])).toEqual(['api-keys', 'zeta']);
    expect(failed.result).toMatchObject({ok: false, failed: ['runtime']});
    const runtime = byName(failed.result)['runtime'];
    expect(runtime).toMatchObject({
      status: 'failed',
      error: 'download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
    });
    expect(runtime?.lastFailure).toEqual({at: runtime?.at, error: runtime?.error});
    expect(await stored()).toEqual(failed.result);

    // The next data access respawns it (auto-provisioning); the next run succeeds and remembers.
    await writeRows({url: `${double.dataUrl}/runtime`}, [['r2', '2']]);
    // A new second, so the run's keys differ from the failed run's.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const good = await runScript();
    expect(good.code).toBe(0);
    expect(byName(good.result)['runtime']).toMatchObject({status: 'ok', lastFailure: runtime?.lastFailure});
    expect(await keys('runtime/')).toHaveLength(1);
  });

  it('tries a failed download once more and keeps the snapshot it gets then', async () => {
    double.failBackup('zeta', 'tursodb pipeline returned 503: busy', 1);
    const {code, log, result} = await runScript({RETRY_DELAY: '1'});
    expect(code, log).toBe(0);
    expect(log).toMatch(
      /retrying zeta in 1s: download failed: turso-server answered HTTP 500: backup failed: tursodb pipeline returned 503: busy/,
    );
    expect(await keys('zeta/')).toHaveLength(1);
    expect(byName(result)['zeta']).toMatchObject({status: 'ok'});
  });

  it.each<[string, (snapshot: Buffer) => Buffer, RegExp]>([
    ['an empty snapshot', () => Buffer.alloc(0), /the snapshot is empty \(0 bytes\)/],
    [
      'a response that is not SQLite',
      () => Buffer.from('<html>proxy error</html>'),
      /the snapshot is not a SQLite database \(24 bytes\)/,
    ],
    [
      'a snapshot cut short',
      (snapshot) => snapshot.subarray(0, 8192),
      /the snapshot is incomplete: \d+ page\(s\) of 4096 bytes in its header, but 8192 bytes/,
    ],
  ])('never uploads %s; the other namespaces are uploaded', async (_name, mangle, error) => {
    double.mangleBackup('zeta', mangle);
    try {
      const {code, log, result} = await runScript();
      expect(code).toBe(1);
      expect(log).toMatch(new RegExp(`ERROR zeta: ${error.source}`));
      expect(await keys('zeta/')).toEqual([]);
      expect((await keys()).map((key) => key.split('/')[0])).toEqual(['api-keys', 'runtime']);
      expect(byName(result)['zeta']?.error).toMatch(error);
    } finally {
      double.mangleBackup('zeta', undefined);
    }
  });

  it('keeps the newest RETENTION_COUNT snapshots per namespace and never touches other objects', async () => {
    const snapshot = Buffer.from('old snapshot');
    for (const day of ['20250101', '20250102', '20250103', '20250104']) {
      await minio.client.putObject(bucket, `api-keys/api-keys-${day}T020000Z.db`, snapshot);
    }
    await minio.client.putObject(bucket, 'api-keys/README.txt', 'not a snapshot');
    await minio.client.putObject(bucket, 'gone/gone-20250101T020000Z.db', snapshot);
    const {code, log} = await runScript({RETENTION_COUNT: '3'});
    expect(code).toBe(0);
    expect(log).toMatch(/pruned .*api-keys-20250101T020000Z\.db/);
    const left = await keys('api-keys/');
    expect(left).toHaveLength(4);
    expect(left).toEqual(
      expect.arrayContaining([
        'api-keys/README.txt',
        'api-keys/api-keys-20250103T020000Z.db',
        'api-keys/api-keys-20250104T020000Z.db',
      ]),
    );
    // A namespace that no longer exists keeps its old snapshots (retention runs per listed namespace).
    expect(await keys('gone/')).toEqual(['gone/gone-20250101T020000Z.db']);
  });

  it('keeps every snapshot with RETENTION_COUNT 0', async () => {
    await minio.client.putObject(bucket, 'api-keys/api-keys-20200101T000000Z.db', 'old');
    const {code} = await runScript({RETENTION_COUNT: '0'});
    expect(code).toBe(0);
    expect(await keys('api-keys/')).toHaveLength(2);
  });

  it('succeeds without uploading when there is no namespace', async () => {
    const empty = await startTursoDouble({adminToken: ADMIN_TOKEN});
    try {
      const {code, log, result} = await runScript({}, empty.adminUrl);
      expect(code).toBe(0);
      expect(log).toMatch(/no namespaces to back up/);
      expect(result).toMatchObject({ok: true, namespaces: []});
      expect(await keys()).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a wrong admin token',
      {ADMIN_TOKEN: 'wrong'},
      /cannot list namespaces at .*: turso-server answered HTTP 401: unauthorized/,
    ],
    [
      'missing S3 credentials',
      {S3_ACCESS_KEY: ''},
      /S3_ACCESS_KEY \(key AWS_ACCESS_KEY_ID of the backup Secret\) is not set/,
    ],
    ['a bucket that does not exist', {S3_BUCKET: 'no-such-bucket'}, /bucket 'no-such-bucket' is not reachable/],
    ['a bad retention count', {RETENTION_COUNT: 'two'}, /RETENTION_COUNT must be a whole number/],
  ])('fails with a clear message for %s', async (_name, env, message) => {
    const {code, log, result} = await runScript(env);
    expect(code).toBe(1);
    expect(log).toMatch(message);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(message);
    expect(await keys()).toEqual([]);
  });
});
