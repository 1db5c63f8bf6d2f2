import {createServer} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {startTursoDouble, type TursoDouble} from '../../test/turso-double/server.js';
import {TursoAdminError, createTursoAdminClient} from './turso-admin.js';

// The admin client against the turso-server double over real HTTP on 127.0.0.1.
let double: TursoDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as {port: number}).port;
      server.close(() => resolve(port));
    });
  });
}

describe('turso admin client', () => {
  it('lists namespaces with the bearer token and converts timestamps', async () => {
    double = await startTursoDouble({
      adminToken: 'admin-secret',
      namespaces: [
        {name: 'api-keys', createdAt: new Date('2026-07-01T00:00:00Z')},
        {name: 'runtime', origin: 'auto'},
      ],
    });
    const client = createTursoAdminClient({baseUrl: double.adminUrl, token: 'admin-secret'});
    const list = (await client.list()).sort((a, b) => a.name.localeCompare(b.name));
    expect(list).toMatchObject([
      {name: 'api-keys', origin: 'explicit', locked: true, createdAt: Date.parse('2026-07-01T00:00:00Z')},
      {name: 'runtime', origin: 'auto', locked: false},
    ]);
    expect(list[1]?.createdAt).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('creates a locked namespace and locks/unlocks it', async () => {
    double = await startTursoDouble({adminToken: 't'});
    const client = createTursoAdminClient({baseUrl: double.adminUrl, token: 't'});
    expect(await client.create('tenant-1')).toMatchObject({name: 'tenant-1', origin: 'explicit', locked: true});
    expect(await client.setLocked('tenant-1', false)).toMatchObject({locked: false});
    expect(await client.setLocked('tenant-1', true)).toMatchObject({locked: true});
    expect(await client.get('tenant-1')).toMatchObject({locked: true});
  });

  it('explains a rejected token without printing it', async () => {
    double = await startTursoDouble({adminToken: 'right'});
    const client = createTursoAdminClient({
      baseUrl: double.adminUrl,
      token: 'wrong-token-value',
      tokenSource: 'Secret zomme/buntime-turso, key TURSO_ADMIN_TOKEN',
    });
    const error = (await client.list().catch((caught: unknown) => caught)) as TursoAdminError;
    expect(error).toBeInstanceOf(TursoAdminError);
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe('turso-server admin API rejected the admin token (401 Unauthorized).');
    expect(error.hint).toContain('Secret zomme/buntime-turso, key TURSO_ADMIN_TOKEN');
    expect(`${error.message} ${error.hint} ${error.command}`).not.toContain('wrong-token-value');
  });

  it('times out with a clear message when the server does not answer', async () => {
    double = await startTursoDouble({delayMs: 3000});
    const client = createTursoAdminClient({baseUrl: double.adminUrl, timeoutMs: 300});
    const error = (await client.list().catch((caught: unknown) => caught)) as TursoAdminError;
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('turso-server admin API did not answer within 0.3 s.');
  });

  it('says connection refused when nothing listens', async () => {
    const client = createTursoAdminClient({baseUrl: `http://127.0.0.1:${await closedPort()}`});
    const error = (await client.list().catch((caught: unknown) => caught)) as TursoAdminError;
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/^Cannot reach the turso-server admin API \(connection refused\): ECONNREFUSED\.$/);
    expect(error.hint).toContain('turso unreachable');
  });

  it('passes the server error code and detail through', async () => {
    double = await startTursoDouble({maxNamespaces: 0});
    const client = createTursoAdminClient({baseUrl: double.adminUrl});
    const error = (await client.get('ghost').catch((caught: unknown) => caught)) as TursoAdminError;
    expect(error).toMatchObject({kind: 'http', status: 404, code: 'namespace not found'});
    expect(error.message).toBe('turso-server admin API answered 404: namespace not found: ghost.');
    const invalid = (await client.create('Bad').catch((caught: unknown) => caught)) as TursoAdminError;
    expect(invalid.message).toBe(
      "turso-server admin API answered 400: invalid namespace: namespace name contains invalid character 'B' at position 0.",
    );
  });

  it('waits for a slow namespace start: the server error after its own 5 s, never a client timeout', async () => {
    // tursodb takes 6 s to listen; turso-server gives up after TURSO_STARTUP_TIMEOUT (5 s) and
    // answers 500. The client's 5 s poll timeout must not apply to create.
    double = await startTursoDouble({adminToken: 't', startDelayMs: {slow: 6000, quick: 1500}});
    const client = createTursoAdminClient({baseUrl: double.adminUrl, token: 't', timeoutMs: 1000});
    expect(await client.create('quick')).toMatchObject({name: 'quick', origin: 'explicit', locked: true});
    const error = (await client.create('slow').catch((caught: unknown) => caught)) as TursoAdminError;
    expect(error).toBeInstanceOf(TursoAdminError);
    expect(error).toMatchObject({kind: 'http', status: 500, code: 'create failed'});
    expect(error.detail).toMatch(/^tursodb "slow" failed to listen on \d+: port \d+ not ready within 5s: /);
    expect(error.message).toBe(`turso-server admin API answered 500: create failed: ${error.detail}.`);
    expect(error.hint).toContain('did not listen in time');
  }, 30_000);
});
