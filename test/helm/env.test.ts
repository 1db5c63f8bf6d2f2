import {describe, expect, it} from 'vitest';
import {ADMIN_ONLY_ENV, RUNTIME_SECRET_ENV, mandatoryEnv, secretEnvNames} from '../../src/core/chart-rules/index.js';
import {checkSecretRefs, requiredSecretRefs} from '../../src/core/credentials/secret-refs.js';
import type {KubeObject} from '../../src/core/upgrade/manifest.js';
import {CHART_CONFIGS} from './configs.js';
import {HELMS, TURSO, objects, only, render, runtimeContainer} from './render.js';

type Env = {name: string; value?: string; valueFrom?: {secretKeyRef?: {name: string; key: string; optional?: boolean}}};

function secretRefs(container: {
  env: Env[];
}): Record<string, {name: string; key: string; optional?: boolean} | undefined> {
  return Object.fromEntries(container.env.map((e) => [e.name, e.valueFrom?.secretKeyRef]));
}

describe.each(HELMS)('$name', (helm) => {
  it('defines every core env variable with its default when nothing is set', async () => {
    const {docs} = await render(helm);
    const data = only(docs, 'ConfigMap', 'buntime')['data'];
    for (const spec of mandatoryEnv()) expect(data[spec.name], spec.name).toBe(spec.default);
    // Optional wiring exists only with turso-server; booleans only when true.
    expect(data).not.toHaveProperty('TURSO_SERVER_URL');
    expect(data).not.toHaveProperty('GATEWAY_CORS_CREDENTIALS');
  });

  it('still renders every default when values were reset to null (e.g. an old --reuse-values release)', async () => {
    const nulls = Object.fromEntries(
      mandatoryEnv()
        .filter((s) => s.valuePath)
        .map((s) => [s.valuePath as string, null]),
    );
    const values: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(nulls)) {
      const keys = path.split('.');
      let node = values;
      for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      node[keys[keys.length - 1] as string] = value;
    }
    const {docs} = await render(helm, {values});
    const data = only(docs, 'ConfigMap', 'buntime')['data'];
    for (const spec of mandatoryEnv()) expect(data[spec.name], spec.name).toBe(spec.default);
  });

  it('keeps numbers whole and deliberate zeros', async () => {
    const {docs} = await render(helm, {
      values: {
        buntime: {poolSize: 1000, workerConfigCacheTtlMs: 0, workerResolverCacheTtlMs: 60000, ephemeralQueueLimit: 0},
      },
    });
    const data = only(docs, 'ConfigMap', 'buntime')['data'];
    expect(data).toMatchObject({
      RUNTIME_POOL_SIZE: '1000',
      RUNTIME_WORKER_CONFIG_CACHE_TTL_MS: '0',
      RUNTIME_WORKER_RESOLVER_CACHE_TTL_MS: '60000',
      RUNTIME_EPHEMERAL_QUEUE_LIMIT: '0',
    });
  });

  it('never puts a secret in a ConfigMap and passes tokens through secretKeyRefs, optional only where a token may be absent', async () => {
    const {docs} = await render(helm, {
      fixtures: ['multi-pod-sync'],
      values: {buntime: {rootKey: 'root-key-for-tests'}, plugins: {turso: {sync: {authToken: 'sync-token-for-tests'}}}},
    });
    const secrets = secretEnvNames();
    for (const configMap of objects(docs, 'ConfigMap')) {
      for (const key of Object.keys(configMap['data'] ?? {}))
        expect(secrets.has(key), `${configMap['metadata'].name}: ${key}`).toBe(false);
      expect(JSON.stringify(configMap)).not.toMatch(/for-tests/);
    }
    const refs = secretRefs(runtimeContainer(docs) as {env: Env[]});
    expect(refs).toEqual({
      RUNTIME_ROOT_KEY: {name: 'buntime', key: 'RUNTIME_ROOT_KEY'},
      RUNTIME_AUTH_DB_SYNC_TOKEN: {name: 'buntime-turso', key: 'TURSO_AUTH_TOKEN'},
      TURSO_SERVER_TOKEN: {name: 'buntime-turso', key: 'TURSO_AUTH_TOKEN'},
      TURSO_SYNC_AUTH_TOKEN: {name: 'buntime', key: 'TURSO_SYNC_AUTH_TOKEN', optional: true},
    });
    for (const name of RUNTIME_SECRET_ENV) expect(refs[name], name).toBeDefined();
    expect(only(docs, 'Secret', 'buntime')['stringData']).toEqual({
      RUNTIME_ROOT_KEY: 'root-key-for-tests',
      TURSO_SYNC_AUTH_TOKEN: 'sync-token-for-tests',
    });
    expect(only(docs, 'Secret', 'buntime-turso')['stringData']).toEqual({
      TURSO_AUTH_TOKEN: 'data-token-for-tests',
      TURSO_ADMIN_TOKEN: 'admin-token-for-tests',
    });
  });

  it('wires the in-cluster turso-server into the runtime environment', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    expect(only(docs, 'ConfigMap', 'buntime')['data']).toMatchObject({
      RUNTIME_AUTH_DB_MODE: 'sync',
      RUNTIME_AUTH_DB_SYNC_URL: 'http://buntime-turso:8080/api-keys',
      TURSO_SERVER_URL: 'http://buntime-turso:8080',
      TURSO_MODE: 'sync',
      RUNTIME_TURSO_DIR: '/data/turso',
    });
    const custom = await render(helm, {
      values: {
        buntime: {authDb: {mode: 'sync'}},
        tursoServer: {...TURSO, service: {dataPort: 18080, adminPort: 18081}},
      },
    });
    expect(only(custom.docs, 'ConfigMap', 'buntime')['data']).toMatchObject({
      RUNTIME_AUTH_DB_SYNC_URL: 'http://buntime-turso:18080/api-keys',
      TURSO_SERVER_URL: 'http://buntime-turso:18080',
    });
    const backup = only(custom.docs, 'Secret', 'buntime-turso');
    expect(backup['stringData']).toHaveProperty('TURSO_ADMIN_TOKEN');
  });

  it.each(CHART_CONFIGS)('gives runtime pods no admin token or admin URL: $name', async ({options}) => {
    const {docs} = await render(helm, options);
    const container = runtimeContainer(docs) as {env: Env[]; envFrom: Array<Record<string, {name: string}>>};
    for (const entry of container.env) {
      expect(ADMIN_ONLY_ENV, entry.name).not.toContain(entry.name);
      expect(entry.valueFrom?.secretKeyRef?.key, entry.name).not.toBe('TURSO_ADMIN_TOKEN');
    }
    expect(container.envFrom.map((source) => Object.keys(source)[0])).toEqual(['configMapRef']);
    expect(Object.keys(only(docs, 'ConfigMap', 'buntime')['data']).filter((key) => /ADMIN/.test(key))).toEqual([]);
  });

  it('fails closed: turso-server and the backup Job read every token with a required secretKeyRef', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    const turso = only(docs, 'StatefulSet', 'buntime-turso')['spec'].template.spec.containers[0];
    const backup = only(docs, 'CronJob', 'buntime-turso-backup')['spec'].jobTemplate.spec.template.spec.containers[0];
    expect(secretRefs(turso)).toEqual({
      TURSO_AUTH_TOKEN: {name: 'buntime-turso', key: 'TURSO_AUTH_TOKEN'},
      TURSO_ADMIN_TOKEN: {name: 'buntime-turso', key: 'TURSO_ADMIN_TOKEN'},
      ...Object.fromEntries(turso.env.filter((e: Env) => !e.valueFrom).map((e: Env) => [e.name, undefined])),
    });
    const refs = secretRefs(backup);
    expect(refs).toMatchObject({
      ADMIN_TOKEN: {name: 'buntime-turso', key: 'TURSO_ADMIN_TOKEN'},
      S3_ACCESS_KEY: {name: 'buntime-backup', key: 'AWS_ACCESS_KEY_ID'},
      S3_SECRET_KEY: {name: 'buntime-backup', key: 'AWS_SECRET_ACCESS_KEY'},
    });
    for (const [name, ref] of Object.entries(refs)) if (ref) expect(ref, name).not.toHaveProperty('optional');
    // Only the backup Job gets the admin URL.
    expect(backup.env.find((e: Env) => e.name === 'ADMIN_URL').value).toBe('http://buntime-turso-admin:8081');
  });

  it('uses an external sync URL and token when turso-server is off', async () => {
    const {docs} = await render(helm, {
      values: {buntime: {authDb: {mode: 'sync', syncUrl: 'http://external:9999/ns', syncAuthToken: 'ext-token'}}},
    });
    expect(only(docs, 'ConfigMap', 'buntime')['data'].RUNTIME_AUTH_DB_SYNC_URL).toBe('http://external:9999/ns');
    expect(secretRefs(runtimeContainer(docs) as {env: Env[]}).RUNTIME_AUTH_DB_SYNC_TOKEN).toEqual({
      name: 'buntime',
      key: 'RUNTIME_AUTH_DB_SYNC_TOKEN',
      optional: true,
    });
    expect(only(docs, 'Secret', 'buntime')['stringData']).toEqual({RUNTIME_AUTH_DB_SYNC_TOKEN: 'ext-token'});
  });

  it('reads every token from one existing Secret, creating none itself', async () => {
    const {docs} = await render(helm, {fixtures: ['gitlab-registry']});
    expect(objects(docs, 'Secret')).toEqual([]);
    const refs = secretRefs(runtimeContainer(docs) as {env: Env[]});
    for (const name of RUNTIME_SECRET_ENV) expect(refs[name]?.name, name).toBe('buntime-secrets');
    const backup = only(docs, 'CronJob', 'buntime-turso-backup')['spec'].jobTemplate.spec.template.spec.containers[0];
    expect(secretRefs(backup)).toMatchObject({
      ADMIN_TOKEN: {name: 'buntime-secrets', key: 'TURSO_ADMIN_TOKEN'},
      S3_ACCESS_KEY: {name: 'buntime-secrets', key: 'AWS_ACCESS_KEY_ID'},
      S3_SECRET_KEY: {name: 'buntime-secrets', key: 'AWS_SECRET_ACCESS_KEY'},
    });
    const turso = only(docs, 'StatefulSet', 'buntime-turso')['spec'].template.spec.containers[0];
    expect(secretRefs(turso)).toMatchObject({
      TURSO_AUTH_TOKEN: {name: 'buntime-secrets'},
      TURSO_ADMIN_TOKEN: {name: 'buntime-secrets'},
    });
  });

  it('lists every key the release reads from Secrets it does not create (the install preflight)', async () => {
    const {docs} = await render(helm, {fixtures: ['gitlab-registry']});
    const refs = requiredSecretRefs(docs.map((doc) => doc.object as unknown as KubeObject));
    expect([...new Set(refs.map((ref) => `${ref.secret}/${ref.key}`))].sort()).toEqual([
      'buntime-secrets/AWS_ACCESS_KEY_ID',
      'buntime-secrets/AWS_SECRET_ACCESS_KEY',
      'buntime-secrets/RUNTIME_ROOT_KEY',
      'buntime-secrets/TURSO_ADMIN_TOKEN',
      'buntime-secrets/TURSO_AUTH_TOKEN',
    ]);
    const checks = checkSecretRefs(
      refs,
      new Map([['buntime-secrets', {exists: true, keys: ['RUNTIME_ROOT_KEY', 'TURSO_AUTH_TOKEN']}]]),
      {buntime: {existingSecret: 'buntime-secrets'}, tursoServer: {existingSecret: 'buntime-secrets'}},
      'zomme',
    );
    expect(checks.map((check) => check.message)).toEqual([
      'Secret zomme/buntime-secrets (buntime.existingSecret, tursoServer.existingSecret) has no key AWS_ACCESS_KEY_ID, which CronJob/buntime-turso-backup env S3_ACCESS_KEY reads: those pods would not start.',
      'Secret zomme/buntime-secrets (buntime.existingSecret, tursoServer.existingSecret) has no key AWS_SECRET_ACCESS_KEY, which CronJob/buntime-turso-backup env S3_SECRET_KEY reads: those pods would not start.',
      'Secret zomme/buntime-secrets (buntime.existingSecret, tursoServer.existingSecret) has no key TURSO_ADMIN_TOKEN, which StatefulSet/buntime-turso env TURSO_ADMIN_TOKEN, CronJob/buntime-turso-backup env ADMIN_TOKEN read: those pods would not start.',
    ]);
    // The chart's own Secrets are not external: with inline tokens nothing needs checking.
    const inline = await render(helm, {fixtures: ['multi-pod-sync']});
    expect(requiredSecretRefs(inline.docs.map((doc) => doc.object as unknown as KubeObject))).toEqual([]);
  });

  it('probes <apiPrefix>/api/health/*', async () => {
    for (const [apiPrefix, live, env] of [
      ['/_', '/_/api/health/live', '/_'],
      ['', '/api/health/live', ''],
      ['/admin', '/admin/api/health/live', '/admin'],
    ] as const) {
      const {docs} = await render(helm, {values: {buntime: {apiPrefix}}});
      const container = runtimeContainer(docs);
      expect(container['livenessProbe'].httpGet.path, apiPrefix).toBe(live);
      expect(container['readinessProbe'].httpGet.path, apiPrefix).toBe(live.replace('live', 'ready'));
      expect(only(docs, 'ConfigMap', 'buntime')['data'].RUNTIME_API_PREFIX, apiPrefix).toBe(env);
    }
  });

  it('restarts pods when the configuration changes, not on every upgrade', async () => {
    const a = await render(helm);
    const b = await render(helm);
    const c = await render(helm, {values: {buntime: {logLevel: 'debug'}}});
    const annotations = (docs: typeof a.docs) =>
      only(docs, 'StatefulSet', 'buntime')['spec'].template.metadata.annotations;
    expect(annotations(a.docs)).toEqual(annotations(b.docs));
    expect(Object.keys(annotations(a.docs)).sort()).toEqual(['checksum/config', 'checksum/secret']);
    expect(annotations(c.docs)['checksum/config']).not.toBe(annotations(a.docs)['checksum/config']);
  });
});
