import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {processesOf, waitUntil} from '../helpers/procs.js';
import {openReplica, writeRows} from './replica.js';
import {startTursoDouble, type TursoDouble, type TursoDoubleOptions} from './server.js';
import {TURSODB} from './tursodb.js';

// Contract tests: the double must answer exactly as buntime-upstream-facts §6 says turso-server
// does, because the live screen's client is tested against it; underneath it runs the real tursodb.

let double: TursoDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
  // Every tursodb a double spawned is gone when its test ends.
  expect(processesOf(TURSODB)).toEqual([]);
});

async function start(options: TursoDoubleOptions = {}): Promise<TursoDouble> {
  double = await startTursoDouble(options);
  return double;
}

const SELECT_1 = JSON.stringify({requests: [{type: 'execute', stmt: {sql: 'SELECT 1'}}]});

const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

async function json(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const text = await response.text();
  expect(text.endsWith('\n')).toBe(true);
  return JSON.parse(text);
}

describe('authentication (both ports)', () => {
  it('answers 401 with WWW-Authenticate and a text body without the token, 200 with it', async () => {
    const d = await start({adminToken: 'shh', dataToken: 'data-secret'});
    for (const url of [`${d.adminUrl}/v1/namespaces`, `${d.dataUrl}/app/v2/pipeline`]) {
      const response = await fetch(url);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="turso-server"');
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe('unauthorized\n');
    }
    const wrong = await fetch(`${d.adminUrl}/v1/namespaces`, {headers: {authorization: 'Bearer nope'}});
    expect(wrong.status).toBe(401);
    const admin = await fetch(`${d.adminUrl}/v1/namespaces`, {headers: {authorization: 'Bearer shh'}});
    expect(admin.status).toBe(200);
    const lower = await fetch(`${d.adminUrl}/v1/namespaces`, {headers: {authorization: 'bearer shh'}});
    expect(lower.status).toBe(200);
    // Each port has its own token.
    const crossed = await fetch(`${d.dataUrl}/app`, {headers: {authorization: 'Bearer shh'}});
    expect(crossed.status).toBe(401);
    // The right data token reaches the namespace's real tursodb (a Hrana pipeline it answers).
    const data = await fetch(`${d.dataUrl}/app/v2/pipeline`, {
      method: 'POST',
      headers: {authorization: 'Bearer data-secret'},
      body: SELECT_1,
    });
    expect(data.status).toBe(200);
    // Extra whitespace or another scheme is not accepted.
    const spaced = await fetch(`${d.adminUrl}/v1/namespaces`, {headers: {authorization: 'Bearer  shh'}});
    expect(spaced.status).toBe(401);
  });

  it('keeps /healthz and /readyz open on both ports, for any method', async () => {
    const d = await start({adminToken: 'shh', dataToken: 'x'});
    for (const base of [d.adminUrl, d.dataUrl]) {
      for (const path of ['/healthz', '/readyz']) {
        for (const method of ['GET', 'POST']) {
          const response = await fetch(`${base}${path}`, {method});
          expect(response.status).toBe(200);
          expect(await response.text()).toBe('ok');
        }
      }
    }
  });

  it('has no auth when no token is configured', async () => {
    const d = await start();
    expect((await fetch(`${d.adminUrl}/v1/namespaces`)).status).toBe(200);
  });
});

describe('admin API', () => {
  it('lists an empty store as {"namespaces":[]} and rejects other methods with 405', async () => {
    const d = await start();
    const response = await fetch(`${d.adminUrl}/v1/namespaces`);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({namespaces: []});
    const post = await fetch(`${d.adminUrl}/v1/namespaces`, {method: 'POST'});
    expect(post.status).toBe(405);
    expect(await json(post)).toEqual({code: 'method not allowed', detail: 'use GET'});
  });

  it('creates an explicit, locked namespace with the documented view shape', async () => {
    const d = await start();
    const response = await fetch(`${d.adminUrl}/v1/namespaces/tenant-a/create`, {method: 'POST'});
    expect(response.status).toBe(201);
    const view = (await json(response)) as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual([
      'createdAt',
      'lastAccessAt',
      'locked',
      'name',
      'origin',
      'port',
      'sizeBytes',
    ]);
    expect(view).toMatchObject({name: 'tenant-a', origin: 'explicit', locked: true});
    // The port is the one the namespace's real tursodb listens on (upstream: round-robin from
    // TURSO_BACKEND_PORT_START; the double's range is random so parallel doubles rarely meet).
    expect(d.backendUrl('tenant-a')).toBe(`http://127.0.0.1:${view['port']}`);
    expect(view['createdAt']).toMatch(RFC3339_NANO);
    expect(view['lastAccessAt']).toBe(view['createdAt']);
    expect(typeof view['sizeBytes']).toBe('number');
    const get = await fetch(`${d.adminUrl}/v1/namespaces/tenant-a`);
    expect(await json(get)).toEqual(view);
    // Creating again returns the record unchanged (201 again).
    const again = await fetch(`${d.adminUrl}/v1/namespaces/tenant-a/create`, {method: 'POST'});
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual(view);
  });

  it('auto-provisions on first data-port access as origin auto, unlocked; create keeps that', async () => {
    const d = await start();
    const data = await fetch(`${d.dataUrl}/gateway/v2/pipeline`, {method: 'POST', body: SELECT_1});
    expect(data.status).toBe(200);
    // tursodb's own answer, proxied (it sends application/json without a charset).
    const body = (await data.json()) as {results: {type: string; response: {result: {rows: unknown[][]}}}[]};
    expect(body.results[0]?.type).toBe('ok');
    expect(body.results[0]?.response.result.rows).toEqual([[{type: 'integer', value: '1'}]]);
    // The query string is forwarded too; tursodb 0.6.0 routes on path and query together, so it
    // answers its own 404 (what the real stack does with this request).
    const query = await fetch(`${d.dataUrl}/gateway/v2/pipeline?x=1`, {method: 'POST', body: SELECT_1});
    expect([query.status, await query.text()]).toEqual([404, 'Not Found']);
    const view = (await json(await fetch(`${d.adminUrl}/v1/namespaces/gateway`))) as Record<string, unknown>;
    expect(view).toMatchObject({origin: 'auto', locked: false});
    const created = (await json(await fetch(`${d.adminUrl}/v1/namespaces/gateway/create`, {method: 'POST'}))) as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({origin: 'auto', locked: false});
  });

  it('refuses data-port access to unknown namespaces when auto-provisioning is off', async () => {
    const d = await start({autoProvision: false});
    const response = await fetch(`${d.dataUrl}/nope/v2/pipeline`);
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({
      code: 'namespace not found',
      detail: 'auto-provisioning disabled; create via POST /v1/namespaces/nope/create on the admin API first',
    });
    const root = await fetch(`${d.dataUrl}/`);
    expect(root.status).toBe(400);
    expect(await json(root)).toEqual({code: 'missing namespace', detail: 'request path must start with /<namespace>/'});
  });

  it.each([
    ['Upper', "namespace name contains invalid character 'U' at position 0"],
    ['ab.c', "namespace name contains invalid character '.' at position 2"],
    ['-lead', 'namespace name must start with [a-z0-9]'],
    ['_internal', 'namespace name must start with [a-z0-9]'],
    ['a'.repeat(64), 'namespace name longer than 63 characters'],
    ['caf%C3%A9', "namespace name contains invalid character 'é' at position 3"],
  ])('rejects the name %s with 400 invalid namespace', async (name, detail) => {
    const d = await start();
    for (const [method, suffix] of [
      ['GET', ''],
      ['POST', '/create'],
      ['POST', '/lock'],
      ['GET', '/backup'],
    ] as const) {
      const response = await fetch(`${d.adminUrl}/v1/namespaces/${name}${suffix}`, {method});
      expect(response.status).toBe(400);
      expect(await json(response)).toEqual({code: 'invalid namespace', detail});
    }
    const data = await fetch(`${d.dataUrl}/${name}/v2/pipeline`);
    expect(data.status).toBe(400);
  });

  it('accepts a 63-character name and names with _ and - after the first character', async () => {
    const d = await start();
    for (const name of ['a'.repeat(63), 'a_b-c', '0db']) {
      expect((await fetch(`${d.adminUrl}/v1/namespaces/${name}/create`, {method: 'POST'})).status).toBe(201);
    }
  });

  it('answers missing namespace, namespace not found and unknown route with the documented bodies', async () => {
    const d = await start();
    const missing = await fetch(`${d.adminUrl}/v1/namespaces/`);
    expect(missing.status).toBe(400);
    expect(await json(missing)).toEqual({code: 'missing namespace', detail: 'path is /v1/namespaces/:name[/action]'});
    const get = await fetch(`${d.adminUrl}/v1/namespaces/ghost`);
    expect(get.status).toBe(404);
    expect(await json(get)).toEqual({code: 'namespace not found', detail: 'ghost'});
    for (const action of ['lock', 'unlock']) {
      const response = await fetch(`${d.adminUrl}/v1/namespaces/ghost/${action}`, {method: 'POST'});
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({code: 'namespace not found', detail: 'namespace not found: ghost'});
    }
    const unknown = await fetch(`${d.adminUrl}/v1/namespaces/ghost/stats`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({code: 'unknown route', detail: 'GET /v1/namespaces/ghost/stats'});
    const wrongMethod = await fetch(`${d.adminUrl}/v1/namespaces/ghost/create`);
    expect(await json(wrongMethod)).toEqual({code: 'unknown route', detail: 'GET /v1/namespaces/ghost/create'});
  });

  it('locks, unlocks and sets or clears a TTL', async () => {
    const d = await start({namespaces: [{name: 'app', origin: 'explicit'}]});
    const url = `${d.adminUrl}/v1/namespaces/app`;
    expect(await json(await fetch(`${url}/unlock`, {method: 'POST'}))).toMatchObject({locked: false});
    expect(await json(await fetch(`${url}/lock`, {method: 'POST'}))).toMatchObject({locked: true});
    const ttl = (await json(await fetch(`${url}/ttl`, {method: 'POST', body: '{"ttl":"30d"}'}))) as Record<
      string,
      unknown
    >;
    expect(ttl['ttl']).toBe('30d');
    for (const value of ['12h', '5m', '1h30m']) {
      expect((await fetch(`${url}/ttl`, {method: 'POST', body: JSON.stringify({ttl: value})})).status).toBe(200);
    }
    const cleared = (await json(await fetch(`${url}/ttl`, {method: 'POST'}))) as Record<string, unknown>;
    expect('ttl' in cleared).toBe(false);
    const garbage = await fetch(`${url}/ttl`, {method: 'POST', body: '{"ttl":"garbage"}'});
    expect(garbage.status).toBe(400);
    expect(await json(garbage)).toEqual({
      code: 'invalid ttl',
      detail: 'invalid TTL "garbage": time: invalid duration "garbage"',
    });
    const unit = await fetch(`${url}/ttl`, {method: 'POST', body: '{"ttl":"5x"}'});
    expect(await json(unit)).toEqual({
      code: 'invalid ttl',
      detail: 'invalid TTL "5x": time: unknown unit "x" in duration "5x"',
    });
    const days = await fetch(`${url}/ttl`, {method: 'POST', body: '{"ttl":"abcd"}'});
    expect(await json(days)).toEqual({code: 'invalid ttl', detail: 'invalid TTL "abcd": non-digit \'a\''});
    const badBody = await fetch(`${url}/ttl`, {method: 'POST', body: '{not json'});
    expect(badBody.status).toBe(400);
    expect(await json(badBody)).toMatchObject({code: 'invalid body'});
    const unknown = await fetch(`${d.adminUrl}/v1/namespaces/ghost/ttl`, {method: 'POST', body: '{"ttl":"1h"}'});
    expect(unknown.status).toBe(404);
  });

  it('touches lastAccessAt on access, and drops the connection for an unknown name', async () => {
    const old = new Date('2026-01-01T00:00:00Z');
    const d = await start({namespaces: [{name: 'app', createdAt: old, lastAccessAt: old}]});
    const before = (await json(await fetch(`${d.adminUrl}/v1/namespaces/app`))) as Record<string, unknown>;
    expect(before['lastAccessAt']).toBe('2026-01-01T00:00:00Z');
    const after = (await json(await fetch(`${d.adminUrl}/v1/namespaces/app/access`, {method: 'POST'}))) as Record<
      string,
      unknown
    >;
    expect(Date.parse(after['lastAccessAt'] as string)).toBeGreaterThan(old.getTime());
    await expect(fetch(`${d.adminUrl}/v1/namespaces/ghost/access`, {method: 'POST'})).rejects.toThrow();
  });

  it('deletes (archives) a namespace, and answers 200 for an unknown one too', async () => {
    const d = await start({namespaces: [{name: 'app'}]});
    for (const name of ['app', 'ghost']) {
      const response = await fetch(`${d.adminUrl}/v1/namespaces/${name}`, {method: 'DELETE'});
      expect(response.status).toBe(200);
      const body = (await json(response)) as Record<string, unknown>;
      expect(body['name']).toBe(name);
      expect(body['archivedTo']).toMatch(new RegExp(`^${d.dataDir}/archive/${name}\\.\\d{8}T\\d{6}Z$`));
      expect(body['destroyedAt']).toMatch(RFC3339_NANO);
    }
    expect(await json(await fetch(`${d.adminUrl}/v1/namespaces`))).toEqual({namespaces: []});
    expect(d.running('app')).toBe(false);
  });

  it('moves the namespace files into the archive directory on delete', async () => {
    const d = await start();
    await writeRows({url: `${d.dataUrl}/app`}, [['k', 'v']]);
    const body = (await json(await fetch(`${d.adminUrl}/v1/namespaces/app`, {method: 'DELETE'}))) as {
      archivedTo: string;
    };
    expect(readdirSync(body.archivedTo).sort()).toEqual(['app.db', 'app.db-wal']);
    expect(readdirSync(d.dataDir).filter((file) => file.startsWith('app.'))).toEqual([]);
  });

  it('enforces TURSO_MAX_NAMESPACES on create and on auto-provision', async () => {
    const d = await start({maxNamespaces: 1, namespaces: [{name: 'one'}]});
    const create = await fetch(`${d.adminUrl}/v1/namespaces/two/create`, {method: 'POST'});
    expect(create.status).toBe(500);
    expect(await json(create)).toEqual({code: 'create failed', detail: 'max namespaces reached (1)'});
    const data = await fetch(`${d.dataUrl}/three`);
    expect(data.status).toBe(500);
    expect(await json(data)).toEqual({code: 'auto-provision failed', detail: 'max namespaces reached (1)'});
  });

  it('includes stopped namespaces in the list, keeping their last port', async () => {
    const d = await start({namespaces: [{name: 'a'}, {name: 'b', running: false, origin: 'auto'}]});
    await d.crashNamespace('a');
    const list = (await json(await fetch(`${d.adminUrl}/v1/namespaces`))) as {namespaces: Record<string, unknown>[]};
    const byName = Object.fromEntries(list.namespaces.map((view) => [view['name'], view]));
    expect(byName['a']?.['port']).toEqual(expect.any(Number));
    expect(d.running('a')).toBe(false);
    expect(byName['b']).not.toHaveProperty('port');
    expect(byName['b']).toMatchObject({origin: 'auto', locked: false});
  });

  it('delays requests when asked, so client timeouts can be tested (health stays immediate)', async () => {
    const d = await start({namespaces: [{name: 'a'}]});
    d.setDelay(2000);
    await expect(fetch(`${d.adminUrl}/v1/namespaces`, {signal: AbortSignal.timeout(200)})).rejects.toThrow();
    expect((await fetch(`${d.adminUrl}/healthz`, {signal: AbortSignal.timeout(200)})).status).toBe(200);
    d.setDelay(0);
    expect((await fetch(`${d.adminUrl}/v1/namespaces`)).status).toBe(200);
  });

  it('records requests without their credentials', async () => {
    const d = await start({adminToken: 'shh'});
    await fetch(`${d.adminUrl}/v1/namespaces`, {headers: {authorization: 'Bearer shh'}});
    expect(d.requests).toEqual([{port: 'admin', method: 'GET', path: '/v1/namespaces', authorized: true}]);
    expect(JSON.stringify(d.requests)).not.toContain('shh');
  });
});

describe('the real tursodb underneath', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
  });
  const scratch = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'turso-double-state-'));
    dirs.push(dir);
    return dir;
  };

  it('proxies sync clients by path: rows one client pushes, a second one pulls', async () => {
    const d = await start({dataToken: 'data-secret'});
    const url = `${d.dataUrl}/tenant`;
    const first = await openReplica({url, authToken: 'data-secret'});
    const second = await openReplica({url, authToken: 'data-secret'});
    try {
      await first.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)');
      await first.exec("INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
      await first.push();
      await second.pull();
      expect(await second.all('SELECT k, v FROM kv ORDER BY k')).toEqual([
        {k: 'a', v: '1'},
        {k: 'b', v: '2'},
      ]);
    } finally {
      await first.close();
      await second.close();
    }
    // The first request auto-provisioned the namespace; the pipeline and pull-updates reached tursodb.
    expect(d.view('tenant')).toMatchObject({origin: 'auto', locked: false});
    expect(d.requests.filter((r) => r.port === 'data').every((r) => r.path.startsWith('/tenant/'))).toBe(true);
  });

  it('respawns every namespace from _state/namespaces.json in its data directory after a restart', async () => {
    const dataDir = scratch();
    const first = await start({dataDir, namespaces: [{name: 'api-keys'}]});
    await writeRows({url: `${first.dataUrl}/api-keys`}, [['key', 'value']]);
    await writeRows({url: `${first.dataUrl}/runtime`}, [['r', '1']]);
    await first.close();
    double = undefined;
    const state = JSON.parse(readFileSync(join(dataDir, '_state/namespaces.json'), 'utf8')) as {
      version: number;
      namespaces: {name: string; origin: string; port?: number}[];
    };
    expect(state.version).toBe(1);
    expect(state.namespaces.map((n) => [n.name, n.origin]).sort()).toEqual([
      ['api-keys', 'explicit'],
      ['runtime', 'auto'],
    ]);
    expect(state.namespaces.some((n) => 'port' in n)).toBe(false);

    const second = await start({dataDir});
    expect(second.running('api-keys') && second.running('runtime')).toBe(true);
    const replica = await openReplica({url: `${second.dataUrl}/api-keys`});
    try {
      expect(await replica.all('SELECT k, v FROM kv')).toEqual([{k: 'key', v: 'value'}]);
    } finally {
      await replica.close();
    }
    expect(existsSync(dataDir)).toBe(true);
  });

  it('lists namespaces in an order that changes between calls, like a Go map', async () => {
    const d = await start({namespaces: ['a', 'b', 'c', 'd'].map((name) => ({name}))});
    const orders = new Set<string>();
    for (let i = 0; i < 20 && orders.size < 2; i++) {
      const list = (await json(await fetch(`${d.adminUrl}/v1/namespaces`))) as {namespaces: {name: string}[]};
      orders.add(list.namespaces.map((n) => n.name).join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('streams backups with Content-Length, made by VACUUM INTO on the running tursodb, then deletes them', async () => {
    const d = await start();
    await writeRows({url: `${d.dataUrl}/app`}, [['k', 'v']]);
    const response = await fetch(`${d.adminUrl}/v1/namespaces/app/backup`);
    expect(response.status).toBe(200);
    const length = Number(response.headers.get('content-length'));
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(length);
    expect(d.requests.filter((r) => r.port === 'admin').map((r) => r.path)).toEqual(['/v1/namespaces/app/backup']);
    // Then the snapshot is removed (once the stream has ended, so the client may be first); the
    // empty -wal tursodb leaves beside it stays, as upstream.
    const left = (): string[] => readdirSync(join(d.dataDir, '_backups'));
    await waitUntil(() => (left().some((file) => file.endsWith('.db')) ? undefined : true), 5000, 'snapshot removal');
    expect(left()).toEqual([expect.stringMatching(/^app-\d{8}T\d{6}Z\.db-wal$/)]);
  });

  it('a killed tursodb stays listed, fails backups as not running, and the next data access respawns it', async () => {
    const d = await start();
    await writeRows({url: `${d.dataUrl}/app`}, [['k', 'v']]);
    await d.crashNamespace('app');
    expect(d.running('app')).toBe(false);
    const failed = await fetch(`${d.adminUrl}/v1/namespaces/app/backup`);
    expect(failed.status).toBe(500);
    expect(await json(failed)).toEqual({code: 'backup failed', detail: 'namespace "app" is not running'});
    const replica = await openReplica({url: `${d.dataUrl}/app`});
    try {
      expect(await replica.all('SELECT k FROM kv')).toEqual([{k: 'k'}]);
    } finally {
      await replica.close();
    }
    expect(d.running('app')).toBe(true);
  });

  it('waits up to the startup timeout for a slow tursodb, then fails create with the server error', async () => {
    const d = await start({startupTimeoutMs: 1000, startDelayMs: {slow: 300, stuck: 3000}});
    const slow = await fetch(`${d.adminUrl}/v1/namespaces/slow/create`, {method: 'POST'});
    expect(slow.status).toBe(201);
    const stuck = await fetch(`${d.adminUrl}/v1/namespaces/stuck/create`, {method: 'POST'});
    expect(stuck.status).toBe(500);
    const body = (await json(stuck)) as {code: string; detail: string};
    expect(body.code).toBe('create failed');
    expect(body.detail).toMatch(
      /^tursodb "stuck" failed to listen on (\d+): port \1 not ready within 1s: dial tcp 127\.0\.0\.1:\1: connect: connection refused$/,
    );
    // A failed spawn records nothing and leaves no process behind.
    expect(d.view('stuck')).toBeUndefined();
    expect(d.running('stuck')).toBe(false);
  });
});
