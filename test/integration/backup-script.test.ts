import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {type Server, createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {type MinioServer, startMinio} from '../helpers/minio.js';
import {ensureMc} from './mc.js';

// The backup CronJob's script (charts/buntime/files/turso-backup.sh, mounted unchanged from the
// chart's ConfigMap) run for real: sh + curl + jq + mc against a real MinIO. Only turso-server's
// admin API is a double, answering the two routes the script uses as documented.
const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'charts/buntime/files/turso-backup.sh');
const SNAPSHOT = readFileSync(join(import.meta.dirname, 'fixtures/snapshot.db'));
const ADMIN_TOKEN = 'admin-token-for-tests';

/** How the admin double answers GET /v1/namespaces/<ns>/backup. */
type Behaviour = 'ok' | 'fail' | 'empty' | 'html';

interface AdminDouble {
  url: string;
  namespaces: Map<string, Behaviour>;
  close(): Promise<void>;
}

async function startAdminDouble(): Promise<AdminDouble> {
  const namespaces = new Map<string, Behaviour>();
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, {'content-type': 'application/json; charset=utf-8'}).end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${ADMIN_TOKEN}`) {
      res
        .writeHead(401, {'www-authenticate': 'Bearer realm="turso-server"', 'content-type': 'text/plain'})
        .end('unauthorized');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/v1/namespaces') {
      json(res, 200, {
        namespaces: [...namespaces.keys()].map((name) => ({
          name,
          origin: 'auto',
          locked: false,
          sizeBytes: SNAPSHOT.length,
        })),
      });
      return;
    }
    const match = /^\/v1\/namespaces\/([^/]+)\/backup$/.exec(url.pathname);
    const behaviour = match ? namespaces.get(match[1] as string) : undefined;
    if (!match || !behaviour) return json(res, 404, {code: 'unknown route', detail: `${req.method} ${url.pathname}`});
    const name = match[1] as string;
    if (behaviour === 'fail')
      return json(res, 500, {code: 'backup failed', detail: `namespace "${name}" is not running`});
    const body =
      behaviour === 'ok' ? SNAPSHOT : behaviour === 'html' ? Buffer.from('<html>proxy error</html>') : Buffer.alloc(0);
    res
      .writeHead(200, {
        'content-type': 'application/vnd.sqlite3',
        'content-disposition': `attachment; filename="${name}-x.db"`,
        'content-length': body.length,
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('admin double has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    namespaces,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the backup CronJob script against real MinIO and mc', () => {
  let minio: MinioServer;
  let admin: AdminDouble;
  let mcDir: string;
  let work: string;
  let bucket = '';
  let count = 0;

  beforeAll(async () => {
    mcDir = dirname(ensureMc());
    minio = await startMinio({bucket: 'turso-backups'});
    admin = await startAdminDouble();
    work = mkdtempSync(join(tmpdir(), 'turso-backup-test-'));
  });
  afterAll(async () => {
    await admin?.close();
    await minio?.stop();
    if (work) rmSync(work, {recursive: true, force: true});
  });
  beforeEach(async () => {
    admin.namespaces.clear();
    bucket = `backups-${++count}`;
    await minio.client.createBucket(bucket);
  });

  async function runScript(env: Record<string, string> = {}): Promise<{code: number | null; log: string}> {
    const child = spawn('sh', [SCRIPT], {
      env: {
        PATH: `${mcDir}:${process.env['PATH']}`,
        HOME: work,
        TMPDIR: work,
        ADMIN_URL: admin.url,
        ADMIN_TOKEN,
        S3_ENDPOINT: minio.endpoint,
        S3_BUCKET: bucket,
        S3_REGION: minio.region,
        S3_PATH_STYLE: 'true',
        S3_ACCESS_KEY: minio.accessKeyId,
        S3_SECRET_KEY: minio.secretAccessKey,
        RETENTION_COUNT: '14',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return {code, log};
  }

  const keys = async (prefix = ''): Promise<string[]> =>
    (await minio.client.listObjects(bucket, prefix)).map((object) => object.key).sort();

  it('uploads every namespace to <bucket>/<ns>/<ns>-<UTC timestamp>.db, byte for byte', async () => {
    admin.namespaces.set('api-keys', 'ok').set('runtime', 'ok');
    const {code, log} = await runScript();
    expect(log).toMatch(/backup complete: 2 snapshot\(s\) uploaded/);
    expect(code).toBe(0);
    const uploaded = await keys();
    expect(uploaded).toHaveLength(2);
    const [apiKeys, runtime] = uploaded;
    expect(apiKeys).toMatch(/^api-keys\/api-keys-\d{8}T\d{6}Z\.db$/);
    expect(runtime).toMatch(/^runtime\/runtime-\d{8}T\d{6}Z\.db$/);
    // One timestamp per run, shared by every namespace.
    expect(apiKeys?.slice(-20)).toBe(runtime?.slice(-20));
    expect(Buffer.from(await minio.client.getObject(bucket, apiKeys as string)).equals(SNAPSHOT)).toBe(true);
  });

  it.each<[string, Behaviour, RegExp]>([
    ['a failed download', 'fail', /ERROR: download of namespace 'runtime' failed/],
    ['an empty snapshot', 'empty', /ERROR: snapshot of namespace 'runtime' is empty/],
    ['a response that is not SQLite', 'html', /ERROR: snapshot of namespace 'runtime' is not a SQLite database/],
  ])('uploads nothing and fails loudly after %s', async (_name, behaviour, error) => {
    admin.namespaces.set('api-keys', 'ok').set('runtime', behaviour).set('zeta', 'ok');
    const {code, log} = await runScript();
    expect(code).toBe(1);
    expect(log).toMatch(error);
    expect(log).toMatch(/FAILED: could not download a valid snapshot of: runtime/);
    expect(log).toMatch(/FAILED: nothing was uploaded/);
    expect(await keys()).toEqual([]);
  });

  it('keeps the newest RETENTION_COUNT snapshots per namespace and never touches other objects', async () => {
    for (const day of ['20250101', '20250102', '20250103', '20250104']) {
      await minio.client.putObject(bucket, `api-keys/api-keys-${day}T020000Z.db`, SNAPSHOT);
    }
    await minio.client.putObject(bucket, 'api-keys/README.txt', 'not a snapshot');
    await minio.client.putObject(bucket, 'runtime/runtime-20250101T020000Z.db', SNAPSHOT);
    admin.namespaces.set('api-keys', 'ok');
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
    expect(left.filter((key) => key.includes('2025010')).sort()).toEqual([
      'api-keys/api-keys-20250103T020000Z.db',
      'api-keys/api-keys-20250104T020000Z.db',
    ]);
    // A namespace that no longer exists keeps its old snapshots (retention runs per listed namespace).
    expect(await keys('runtime/')).toEqual(['runtime/runtime-20250101T020000Z.db']);
  });

  it('keeps every snapshot with RETENTION_COUNT 0', async () => {
    await minio.client.putObject(bucket, 'api-keys/api-keys-20200101T000000Z.db', SNAPSHOT);
    admin.namespaces.set('api-keys', 'ok');
    const {code} = await runScript({RETENTION_COUNT: '0'});
    expect(code).toBe(0);
    expect(await keys()).toHaveLength(2);
  });

  it('succeeds without uploading when there is no namespace', async () => {
    const {code, log} = await runScript();
    expect(code).toBe(0);
    expect(log).toMatch(/no namespaces to back up/);
    expect(await keys()).toEqual([]);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a wrong admin token', {ADMIN_TOKEN: 'wrong'}, /cannot list namespaces/],
    [
      'missing S3 credentials',
      {S3_ACCESS_KEY: ''},
      /S3_ACCESS_KEY \(key AWS_ACCESS_KEY_ID of the backup Secret\) is not set/,
    ],
    ['a bucket that does not exist', {S3_BUCKET: 'no-such-bucket'}, /bucket 'no-such-bucket' is not reachable/],
    ['a bad retention count', {RETENTION_COUNT: 'two'}, /RETENTION_COUNT must be a whole number/],
  ])('fails with a clear message for %s', async (_name, env, message) => {
    admin.namespaces.set('api-keys', 'ok');
    const {code, log} = await runScript(env);
    expect(code).toBe(1);
    expect(log).toMatch(message);
    expect(await keys()).toEqual([]);
  });
});
