import {readFileSync} from 'node:fs';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {type Values, mergeValues, setPath} from '../values/paths.js';
import {EXTERNAL_CHECKS, RULES, runRules} from './registry.js';
import {derivedNames, fullname} from './naming.js';
import type {ClusterContext} from './types.js';

const DEFAULTS = parse(
  readFileSync(new URL('../../../test/fixtures/chart/values.yaml', import.meta.url), 'utf8'),
) as Values;

function values(dotted: Record<string, unknown>): Values {
  let out: Values = {};
  for (const [path, value] of Object.entries(dotted)) out = setPath(out, path, value);
  return mergeValues(DEFAULTS, out);
}

/** A complete multi-pod sync setup that every rule accepts. */
const MULTI_POD = {
  replicaCount: 3,
  'persistence.plugins.accessMode': 'ReadWriteMany',
  'persistence.apps.accessMode': 'ReadWriteMany',
  'buntime.authDb.mode': 'sync',
  'plugins.turso.mode': 'sync',
  'buntime.rootKey': 'r',
  'tursoServer.enabled': true,
  'tursoServer.authToken': 'a',
  'tursoServer.adminToken': 'b',
  'tursoServer.backup.enabled': true,
  'tursoServer.backup.s3.endpoint': 'http://minio.minio.svc:9000',
  'tursoServer.backup.s3.accessKeyId': 'k',
  'tursoServer.backup.s3.secretAccessKey': 's',
  'ingress.host': 'buntime.example.com',
  'ingress.tls.enabled': true,
  'ingress.tls.clusterIssuer': 'letsencrypt',
  'service.type': 'ClusterIP',
};

const ids = (found: ReturnType<typeof runRules>) =>
  found.map((item) => `${item.severity}:${item.id}:${item.path ?? ''}`);

describe('rules', () => {
  it('chart defaults only warn about the missing root key', () => {
    expect(ids(runRules({values: DEFAULTS, release: 'buntime'}))).toEqual([
      'warning:security.root-key:buntime.rootKey',
    ]);
  });

  it('a complete multi-pod sync + backup + ingress setup passes', () => {
    expect(ids(runRules({values: values(MULTI_POD), release: 'buntime'}))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[], ClusterContext?]>([
    [
      'replicas need RWX',
      {replicaCount: 2},
      ['error:replicas.rwx:persistence.plugins.accessMode', 'error:replicas.rwx:persistence.apps.accessMode'],
    ],
    [
      'RWO is a warning on one node',
      {...MULTI_POD, 'persistence.plugins.accessMode': 'ReadWriteOnce'},
      ['warning:replicas.rwx:persistence.plugins.accessMode'],
      {nodeCount: 1},
    ],
    [
      'RWO is an error on two nodes',
      {...MULTI_POD, 'persistence.apps.accessMode': 'ReadWriteOnce'},
      ['error:replicas.rwx:persistence.apps.accessMode'],
      {nodeCount: 2},
    ],
    [
      'replicas need a sync server',
      {...MULTI_POD, 'tursoServer.enabled': false, 'tursoServer.backup.enabled': false},
      ['error:replicas.sync:tursoServer.enabled'],
    ],
    [
      'external sync URLs count as a server',
      {
        ...MULTI_POD,
        'tursoServer.enabled': false,
        'tursoServer.backup.enabled': false,
        'buntime.authDb.syncUrl': 'libsql://db.example.com',
        'plugins.turso.sync.url': 'https://db.example.com',
      },
      [],
    ],
    [
      'several pods never share one Turso file on a shared volume',
      {...MULTI_POD, 'plugins.turso.localPath': '/data/apps/runtime.db'},
      ['error:turso-plugin.shared-file:plugins.turso.localPath'],
    ],
    [
      'a Turso file on /data/plugins (spelled loosely) is still shared',
      {...MULTI_POD, 'plugins.turso.localPath': '/data//plugins/./db/x.db'},
      ['error:turso-plugin.shared-file:plugins.turso.localPath'],
    ],
    [
      'one pod with its Turso file on a shared volume is warned',
      {'plugins.turso.localPath': '/data/apps/runtime.db', 'buntime.rootKey': 'r'},
      ['warning:turso-plugin.shared-file:plugins.turso.localPath'],
    ],
    [
      'a Turso file beside a shared volume is not on it',
      {...MULTI_POD, 'plugins.turso.localPath': '/data/apps-cache/runtime.db'},
      [],
    ],
    [
      'replicas need authDb sync',
      {...MULTI_POD, 'buntime.authDb.mode': 'local'},
      ['error:replicas.sync:buntime.authDb.mode'],
    ],
    [
      'replicas need plugin sync',
      {...MULTI_POD, 'plugins.turso.mode': 'local'},
      ['error:replicas.sync:plugins.turso.mode'],
    ],
    [
      'autoscaling counts as multi-pod',
      {'autoscaling.enabled': true},
      ['error:replicas.rwx:persistence.plugins.accessMode', 'error:replicas.sync:tursoServer.enabled'],
    ],
    [
      'autoscaling bounds',
      {...MULTI_POD, 'autoscaling.enabled': true, 'autoscaling.minReplicas': 4, 'autoscaling.maxReplicas': 2},
      ['error:autoscaling.range:autoscaling.maxReplicas'],
    ],
    [
      'autoscaling target range',
      {...MULTI_POD, 'autoscaling.enabled': true, 'autoscaling.targetCPUUtilizationPercentage': 150},
      ['error:autoscaling.range:autoscaling.targetCPUUtilizationPercentage'],
    ],
    [
      'pdb blocks drains',
      {'podDisruptionBudget.enabled': true, 'podDisruptionBudget.minAvailable': 1},
      ['warning:pdb.min-available:podDisruptionBudget.minAvailable'],
    ],
    ['authDb sync without URL', {'buntime.authDb.mode': 'sync'}, ['error:authdb.sync-url:buntime.authDb.syncUrl']],
    [
      'authDb bad URL',
      {'buntime.authDb.mode': 'sync', 'buntime.authDb.syncUrl': 'db.example.com'},
      ['error:authdb.sync-url:buntime.authDb.syncUrl'],
    ],
    [
      'authDb URL ignored with server',
      {...MULTI_POD, 'buntime.authDb.syncUrl': 'libsql://x.example.com'},
      ['warning:authdb.sync-url:buntime.authDb.syncUrl'],
    ],
    ['plugin sync without URL', {'plugins.turso.mode': 'sync'}, ['error:turso-plugin.sync-url:plugins.turso.sync.url']],
    ['plugin bad URL', {'plugins.turso.sync.url': 'ftp://x'}, ['error:turso-plugin.sync-url:plugins.turso.sync.url']],
    ['bad ingress host', {'ingress.host': 'bad_host'}, ['error:ingress.host:ingress.host']],
    ['wildcard ingress host is fine', {...MULTI_POD, 'ingress.host': '*.example.com'}, []],
    ['ingress path', {...MULTI_POD, 'ingress.path': 'api'}, ['error:ingress.host:ingress.path']],
    [
      'TLS without issuer or secret',
      {...MULTI_POD, 'ingress.tls.clusterIssuer': ''},
      ['error:ingress.tls:ingress.tls.clusterIssuer'],
    ],
    ['TLS with a secret', {...MULTI_POD, 'ingress.tls.clusterIssuer': '', 'ingress.tls.secretName': 'my-tls'}, []],
    [
      'TLS with an issuer annotation',
      {...MULTI_POD, 'ingress.tls.clusterIssuer': '', 'ingress.annotations': {'cert-manager.io/cluster-issuer': 'x'}},
      [],
    ],
    ['TLS without host', {'ingress.tls.enabled': true, 'buntime.rootKey': 'r'}, ['warning:ingress.tls:ingress.host']],
    [
      'NodePort behind an Ingress',
      {...MULTI_POD, 'service.type': 'NodePort'},
      ['warning:service.cluster-ip:service.type'],
    ],
    ['route and ingress', {...MULTI_POD, 'route.enabled': true}, ['warning:route.host:ingress.host']],
    [
      'bad route host',
      {'route.enabled': true, 'route.host': 'Bad.Host', 'service.type': 'ClusterIP', 'buntime.rootKey': 'r'},
      ['error:route.host:route.host'],
    ],
    [
      'turso tokens',
      {'tursoServer.enabled': true},
      ['error:turso.tokens:tursoServer.authToken', 'error:turso.tokens:tursoServer.adminToken'],
    ],
    [
      'turso existing secret',
      {'tursoServer.enabled': true, 'tursoServer.existingSecret': 's', 'tursoServer.authToken': 'x'},
      ['warning:turso.tokens:tursoServer.authToken'],
    ],
    [
      'backup without turso',
      {
        'tursoServer.backup.enabled': true,
        'tursoServer.backup.s3.endpoint': 'http://m:9000',
        'tursoServer.backup.s3.existingSecret': 's',
      },
      ['error:backup.config:tursoServer.enabled'],
    ],
    [
      'backup endpoint',
      {...MULTI_POD, 'tursoServer.backup.s3.endpoint': ''},
      ['error:backup.config:tursoServer.backup.s3.endpoint'],
    ],
    [
      'backup endpoint URL',
      {...MULTI_POD, 'tursoServer.backup.s3.endpoint': 'minio:9000'},
      ['error:backup.config:tursoServer.backup.s3.endpoint'],
    ],
    [
      'backup bucket',
      {...MULTI_POD, 'tursoServer.backup.s3.bucket': ''},
      ['error:backup.config:tursoServer.backup.s3.bucket'],
    ],
    [
      'backup bucket name',
      {...MULTI_POD, 'tursoServer.backup.s3.bucket': 'Turso_Backups'},
      ['error:backup.config:tursoServer.backup.s3.bucket'],
    ],
    [
      'backup credentials',
      {...MULTI_POD, 'tursoServer.backup.s3.secretAccessKey': ''},
      ['error:backup.config:tursoServer.backup.s3.secretAccessKey'],
    ],
    [
      'backup existing credentials',
      {
        ...MULTI_POD,
        'tursoServer.backup.s3.accessKeyId': '',
        'tursoServer.backup.s3.secretAccessKey': '',
        'tursoServer.backup.s3.existingSecret': 's3',
      },
      [],
    ],
    [
      'backup cron',
      {...MULTI_POD, 'tursoServer.backup.schedule': '0 2 * *'},
      ['error:backup.config:tursoServer.backup.schedule'],
    ],
    [
      'backup cron range',
      {...MULTI_POD, 'tursoServer.backup.schedule': '61 2 * * *'},
      ['error:backup.config:tursoServer.backup.schedule'],
    ],
    [
      'backup retention 0',
      {...MULTI_POD, 'tursoServer.backup.retentionCount': 0},
      ['warning:backup.config:tursoServer.backup.retentionCount'],
    ],
    [
      'backup admin token',
      {...MULTI_POD, 'tursoServer.adminToken': ''},
      ['error:backup.admin-token:tursoServer.adminToken'],
    ],
    [
      'legacy libsql',
      {'plugins.database.libsqlUrl': 'http://libsql:8080', 'buntime.rootKey': 'r'},
      ['error:legacy.libsql:plugins.database.libsqlUrl'],
    ],
    [
      'legacy libsql env',
      {extraEnv: [{name: 'DATABASE_LIBSQL_URL', value: 'x'}], 'buntime.rootKey': 'r'},
      ['error:legacy.libsql:extraEnv[0]'],
    ],
    [
      'legacy master key',
      {'buntime.masterKey': 'x', 'buntime.rootKey': 'r'},
      ['error:legacy.master-key:buntime.masterKey'],
    ],
    [
      'legacy litestream',
      {'tursoServer.litestream.enabled': false, 'buntime.rootKey': 'r'},
      ['error:legacy.litestream:tursoServer.litestream'],
    ],
    [
      'sizes',
      {'persistence.apps.size': '10Gb', 'resources.limits.memory': '1GB', 'buntime.rootKey': 'r'},
      ['error:values.quantity:persistence.apps.size', 'error:values.quantity:resources.limits.memory'],
    ],
    [
      'CPU in a memory unit, memory in millis',
      {'resources.limits.cpu': '2Gb', 'resources.requests.memory': '512m', 'buntime.rootKey': 'r'},
      ['error:values.quantity:resources.limits.cpu', 'error:values.quantity:resources.requests.memory'],
    ],
    [
      'body size',
      {'ingress.maxBodySize': '100MB', 'buntime.rootKey': 'r'},
      ['error:values.quantity:ingress.maxBodySize'],
    ],
    [
      'durations',
      {'tursoServer.gcInterval': '1d', 'buntime.rootKey': 'r'},
      ['error:values.duration:tursoServer.gcInterval'],
    ],
    ['enums', {'service.type': 'Nodeport', 'buntime.rootKey': 'r'}, ['error:values.enum:service.type']],
    ['ports', {'service.port': 70000, 'buntime.rootKey': 'r'}, ['error:values.integer:service.port']],
    [
      'same turso ports',
      {'tursoServer.service.adminPort': 8080, 'buntime.rootKey': 'r'},
      ['error:values.integer:tursoServer.service.adminPort'],
    ],
    ['replicaCount 0', {replicaCount: 0, 'buntime.rootKey': 'r'}, ['error:values.integer:replicaCount']],
    [
      'api prefix slash',
      {'buntime.apiPrefix': '/_/', 'buntime.rootKey': 'r'},
      ['error:values.api-prefix:buntime.apiPrefix'],
    ],
    [
      'api prefix relative',
      {'buntime.apiPrefix': 'api', 'buntime.rootKey': 'r'},
      ['error:values.api-prefix:buntime.apiPrefix'],
    ],
    ['api prefix empty is fine', {'buntime.apiPrefix': '', 'buntime.rootKey': 'r'}, []],
    [
      'pull secrets as strings',
      {imagePullSecrets: ['gitlab-registry'], 'buntime.rootKey': 'r'},
      ['error:values.list-entries:imagePullSecrets[0]'],
    ],
    ['env without name', {extraEnv: [{value: 'x'}], 'buntime.rootKey': 'r'}, ['error:values.list-entries:extraEnv[0]']],
    [
      'root key shadowed by existingSecret',
      {'buntime.existingSecret': 'rt', 'buntime.rootKey': 'r'},
      ['warning:secrets.existing-secret:buntime.rootKey'],
    ],
    [
      's3 keys shadowed by existingSecret',
      {...MULTI_POD, 'tursoServer.backup.s3.existingSecret': 's3'},
      [
        'warning:secrets.existing-secret:tursoServer.backup.s3.accessKeyId',
        'warning:secrets.existing-secret:tursoServer.backup.s3.secretAccessKey',
      ],
    ],
  ])('%s', (_name, dotted, expected, cluster) => {
    const found = ids(runRules({values: values(dotted), release: 'buntime', ...(cluster ? {cluster} : {})}));
    for (const item of expected) expect(found).toContain(item);
    if (expected.length === 0) expect(found.filter((item) => item.startsWith('error'))).toEqual([]);
  });

  it('every finding names a path and a hint', () => {
    const all = runRules({
      values: values({
        replicaCount: 2,
        'tursoServer.backup.enabled': true,
        'ingress.host': 'A',
        'persistence.apps.size': '1Gb',
      }),
      release: 'Bad_Release',
    });
    expect(all.length).toBeGreaterThan(5);
    for (const item of all) {
      expect(item.message.length).toBeGreaterThan(10);
      expect(item.hint === undefined && item.path === undefined).toBe(false);
    }
  });

  it('rule ids are unique and external checks plug in', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    expect(EXTERNAL_CHECKS).toHaveLength(1);
    const external = () => [
      {
        id: 'mandatory-env-default',
        severity: 'warning',
        message: 'm',
        file: 'values.yaml',
        line: 3,
        hint: 'h',
      } as const,
    ];
    const found = runRules({values: DEFAULTS, release: 'buntime'}, {external: [external]});
    // The chart's own checkValues runs by default and is deduplicated against our rules.
    expect(
      ids(runRules({values: values({'buntime.workerDirs': '/a,/b', 'buntime.rootKey': 'r'}), release: 'buntime'})),
    ).toEqual(['error:mandatory-volume:buntime.workerDirs']);
    expect(
      ids(
        runRules({values: values({'persistence.apps.accessMode': 'RWX', 'buntime.rootKey': 'r'}), release: 'buntime'}),
      ),
    ).toEqual(['error:values.enum:persistence.apps.accessMode']);
    expect(found).toContainEqual({
      id: 'mandatory-env-default',
      severity: 'warning',
      message: 'm',
      hint: 'h',
      file: 'values.yaml',
      line: 3,
    });
  });
});

describe('derived names', () => {
  it.each([
    ['buntime', {}, 'buntime'],
    ['my-buntime-prod', {}, 'my-buntime-prod'],
    ['prod', {}, 'prod-buntime'],
    ['prod', {fullnameOverride: 'app'}, 'app'],
    ['prod', {nameOverride: 'rt'}, 'prod-rt'],
    // Never cut: the chart fails on over-long names instead of truncating them.
    ['x'.repeat(70), {}, `${'x'.repeat(70)}-buntime`],
    ['rel-', {}, 'rel--buntime'],
    ['prod', {fullnameOverride: 'app-'}, 'app'],
  ])('release %s → fullname %s', (release, overrides, expected) => {
    expect(fullname(release, values(overrides))).toBe(expected);
  });

  it('fullname ≤ 46 with turso-server (StatefulSet <fullname>-turso ≤ 52)', () => {
    const turso = values({
      'tursoServer.enabled': true,
      'tursoServer.authToken': 'a',
      'tursoServer.adminToken': 'b',
      'buntime.rootKey': 'r',
    });
    const ok = `${'b'.repeat(39)}buntime`; // 46 characters, contains "buntime"
    expect(ok).toHaveLength(46);
    expect(ids(runRules({values: turso, release: ok}))).toEqual([]);
    const found = runRules({values: turso, release: `${ok}x`});
    expect(found.map((item) => item.id)).toEqual(['names.length']);
    expect(found[0]?.message).toContain('must be at most 46 characters');
    // Without turso-server the runtime StatefulSet (52) is the limit.
    const plain = values({'buntime.rootKey': 'r'});
    expect(runRules({values: plain, release: `${'c'.repeat(45)}buntime`}).map((item) => item.id)).toEqual([]);
    expect(runRules({values: plain, release: `${'c'.repeat(46)}buntime`}).map((item) => item.id)).toEqual([
      'names.length',
    ]);
    // prod → prod-buntime: the hint explains the "-buntime" suffix.
    const suffixed = runRules({values: turso, release: 'p'.repeat(40)});
    expect(suffixed[0]?.hint).toContain("'<release>-buntime'");
    expect(derivedNames('buntime', turso).map((item) => item.name)).toEqual([
      'buntime',
      'buntime',
      'buntime-headless',
      'buntime-plugins',
      'buntime-apps',
      'buntime-turso',
      'buntime-turso',
      'buntime-turso-admin',
    ]);
  });

  it('checks the release name itself', () => {
    expect(runRules({values: values({'buntime.rootKey': 'r'}), release: 'Prod'}).map((item) => item.id)).toContain(
      'release.name',
    );
    expect(
      runRules({values: values({'buntime.rootKey': 'r'}), release: 'x'.repeat(54)}).map((item) => item.id),
    ).toContain('release.name');
    expect(
      runRules({values: values({'buntime.rootKey': 'r', fullnameOverride: '9app'}), release: 'buntime'}).map(
        (item) => item.id,
      ),
    ).toContain('names.length');
  });
});

describe('storage rules with a cluster', () => {
  const cluster: ClusterContext = {
    nodeCount: 3,
    storageClasses: [
      {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true},
      {name: 'nfs', provisioner: 'nfs.csi.k8s.io'},
      {name: 'longhorn', provisioner: 'driver.longhorn.io'},
      {name: 'mystery', provisioner: 'example.com/x'},
    ],
  };
  it.each<[string, Record<string, unknown>, string[], ClusterContext?]>([
    [
      'RWX on the RWO default class',
      {...MULTI_POD},
      ['error:storage.class:persistence.plugins.storageClass', 'error:storage.class:persistence.apps.storageClass'],
    ],
    [
      'RWX on nfs',
      {...MULTI_POD, 'persistence.plugins.storageClass': 'nfs', 'persistence.apps.storageClass': 'nfs'},
      [],
    ],
    [
      'longhorn needs NFS clients',
      {...MULTI_POD, 'persistence.plugins.storageClass': 'longhorn', 'persistence.apps.storageClass': 'nfs'},
      ['warning:storage.class:persistence.plugins.storageClass'],
    ],
    [
      'unknown provisioner',
      {...MULTI_POD, 'persistence.plugins.storageClass': 'mystery', 'persistence.apps.storageClass': 'nfs'},
      ['warning:storage.class:persistence.plugins.storageClass'],
    ],
    [
      'missing class',
      {'persistence.state.storageClass': 'fast', 'buntime.rootKey': 'r'},
      ['error:storage.class:persistence.state.storageClass'],
    ],
    [
      'no default class',
      {'buntime.rootKey': 'r'},
      ['error:storage.class:persistence.plugins.storageClass'],
      {storageClasses: [{name: 'nfs', provisioner: 'nfs.csi.k8s.io'}]},
    ],
  ])('%s', (_name, dotted, expected, override) => {
    const found = ids(runRules({values: values(dotted), release: 'buntime', cluster: override ?? cluster}));
    for (const item of expected) expect(found).toContain(item);
    if (expected.length === 0)
      expect(found.filter((item) => item.startsWith('error') || item.includes('storage'))).toEqual([]);
  });
});
