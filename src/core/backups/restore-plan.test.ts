import {describe, expect, it} from 'vitest';
import {offlineRestoreSteps} from './offline.js';
import {planRestore, type RestoreTargets, restoreResultFromLog} from './restore-plan.js';

const TARGETS: RestoreTargets = {
  release: 'buntime',
  namespace: 'zomme',
  fullname: 'buntime',
  turso: {
    statefulSet: 'buntime-turso',
    replicas: 1,
    readyReplicas: 1,
    image: 'registry.example/turso-server:0.1.0',
    imagePullSecrets: ['regcred'],
    claim: 'data-buntime-turso-0',
    claimExists: true,
    claimSpec: {size: '5Gi', accessModes: ['ReadWriteOnce']},
    dataPort: 8080,
    dataToken: {name: 'buntime-turso', key: 'TURSO_AUTH_TOKEN'},
  },
  backup: {
    cronJob: 'buntime-turso-backup',
    configMap: 'buntime-turso-backup',
    image: 'registry.example/turso-backup:0.1.0',
    s3Env: [
      {name: 'S3_ENDPOINT', value: 'http://minio.minio.svc.cluster.local:9000'},
      {name: 'S3_BUCKET', value: 'turso-backups'},
      {name: 'S3_ACCESS_KEY', valueFrom: {secretKeyRef: {name: 'buntime-backup', key: 'AWS_ACCESS_KEY_ID'}}},
    ],
  },
  runtime: {
    statefulSet: 'buntime',
    replicas: 3,
    claims: [
      {name: 'state-buntime-0', ordinal: 0, template: 'state'},
      {name: 'turso-buntime-0', ordinal: 0, template: 'turso'},
      {name: 'state-buntime-1', ordinal: 1, template: 'state'},
      {name: 'turso-buntime-1', ordinal: 1, template: 'turso'},
    ],
    tursoDir: '/data/turso',
    authDbSync: true,
  },
};

const OBJECTS = [
  {key: 'api-keys/api-keys-20260701T020000Z.db', size: 20480, lastModified: 0},
  {key: 'api-keys/api-keys-20260702T020000Z.db', size: 20480, lastModified: 0},
  {key: 'runtime/runtime-20260702T020000Z.db', size: 0, lastModified: 0},
  {key: 'runtime/runtime-20260701T020000Z.db', size: 8192, lastModified: 0},
];
const NOW = Date.UTC(2026, 6, 3, 12, 0, 0);

// Manifests are plain data: walk them loosely.
type Json = any;

describe('restore plan', () => {
  it('picks a snapshot per namespace, replaces the live ones, and orders every step', () => {
    const outcome = planRestore({
      targets: TARGETS,
      objects: OBJECTS,
      namespaces: ['api-keys'],
      live: [{name: 'api-keys', sizeBytes: 4096}, {name: 'runtime'}],
      now: NOW,
    });
    if (!outcome.ok) throw new Error(outcome.problems.join(' '));
    const {plan} = outcome;
    expect(plan.changes).toEqual([
      {
        namespace: 'api-keys',
        snapshot: {
          namespace: 'api-keys',
          key: 'api-keys/api-keys-20260702T020000Z.db',
          at: Date.UTC(2026, 6, 2, 2),
          size: 20480,
        },
        replaces: true,
        liveSizeBytes: 4096,
      },
    ]);
    expect(plan.untouched).toEqual(['runtime']);
    expect(plan.steps.map((step) => step.id)).toEqual([
      'backup',
      'scale-down',
      'restore-job',
      'reset-replicas',
      'scale-up-turso',
      'verify',
      'scale-up-runtime',
    ]);
    expect(plan.steps[1]?.details).toEqual([
      'scale StatefulSet buntime from 3 to 0 (the runtime pods restart)',
      'scale StatefulSet buntime-turso from 1 to 0',
    ]);
    expect(plan.warnings).toEqual(['Not restored, kept as they are: runtime (the runtime pods restart anyway).']);
  });

  it('builds the restore Job: fetch in the backup image, apply as root in the turso-server image, on the claim', () => {
    const outcome = planRestore({
      targets: TARGETS,
      objects: OBJECTS,
      namespaces: [],
      at: Date.UTC(2026, 6, 1, 12),
      now: NOW,
    });
    if (!outcome.ok) throw new Error(outcome.problems.join(' '));
    const job = outcome.plan.job as Json;
    expect(job['metadata']['name']).toBe('buntime-turso-restore-20260703t120000z');
    expect(job['metadata']['labels']['app.kubernetes.io/component']).toBe('turso-restore');
    expect(job['spec']['backoffLimit']).toBe(0);
    const pod = job['spec']['template']['spec'];
    expect(pod['restartPolicy']).toBe('Never');
    expect(pod['imagePullSecrets']).toEqual([{name: 'regcred'}]);
    const [fetch] = pod['initContainers'] as unknown as Json[];
    const [apply] = pod['containers'] as unknown as Json[];
    expect(fetch?.['image']).toBe('registry.example/turso-backup:0.1.0');
    expect(fetch?.['command']).toEqual(['/bin/sh', '/scripts/restore.sh', 'fetch']);
    const env = (container: Json | undefined) =>
      Object.fromEntries(
        ((container?.['env'] ?? []) as unknown as {name: string; value?: string}[]).map((item) => [
          item.name,
          item.value ?? 'secret',
        ]),
      );
    expect(env(fetch)).toEqual({
      S3_ENDPOINT: 'http://minio.minio.svc.cluster.local:9000',
      S3_BUCKET: 'turso-backups',
      S3_ACCESS_KEY: 'secret',
      // --at picks the older runtime snapshot (the newer one is empty anyway) and the older api-keys one.
      RESTORE_KEYS: 'api-keys/api-keys-20260701T020000Z.db runtime/runtime-20260701T020000Z.db',
      DATA_DIR: '/var/lib/turso',
      STAGE_DIR: '/restore',
      TMPDIR: '/restore',
    });
    expect(apply?.['image']).toBe('registry.example/turso-server:0.1.0');
    expect(apply?.['command']).toEqual(['/bin/bash', '/scripts/restore.sh', 'apply']);
    expect(apply?.['securityContext']).toEqual({runAsUser: 0, runAsGroup: 0});
    expect(env(apply)).toMatchObject({RESTORE_UID: '9000', RESTORE_GID: '9000', TURSODB: '/usr/local/bin/tursodb'});
    expect(pod['volumes']).toEqual([
      {name: 'script', configMap: {name: 'buntime-turso-backup'}},
      {name: 'data', persistentVolumeClaim: {claimName: 'data-buntime-turso-0'}},
      {name: 'stage', emptyDir: {}},
    ]);
    // The fetch phase only reads the volume (the current state file).
    expect(
      ((fetch?.['volumeMounts'] ?? []) as {name: string; readOnly?: boolean}[]).find((m) => m.name === 'data')
        ?.readOnly,
    ).toBe(true);
  });

  it('resets replicas where they live: the api-keys replica on /data/state, plugin replicas on a turso claim', () => {
    const outcome = planRestore({
      targets: TARGETS,
      objects: OBJECTS,
      namespaces: ['api-keys', 'runtime'],
      at: Date.UTC(2026, 6, 1, 12),
      now: NOW,
    });
    if (!outcome.ok) throw new Error(outcome.problems.join(' '));
    expect(outcome.plan.resetJobs).toHaveLength(2);
    const job = outcome.plan.resetJobs[1] as Json;
    const pod = job['spec']['template']['spec'];
    expect(pod['containers'][0]['command']).toEqual([
      '/bin/sh',
      '-c',
      'rm -fv /data/state/api-keys.db /data/state/api-keys.db-* /data/turso/api-keys.db /data/turso/api-keys.db-* /data/turso/runtime.db /data/turso/runtime.db-*',
    ]);
    expect(pod['volumes']).toEqual([
      {name: 'state', persistentVolumeClaim: {claimName: 'state-buntime-1'}},
      {name: 'turso', persistentVolumeClaim: {claimName: 'turso-buntime-1'}},
    ]);
    // With an emptyDir /data/turso and a local auth DB, the restart alone resets everything.
    const plain = planRestore({
      targets: {
        ...TARGETS,
        runtime: {
          ...(TARGETS.runtime as NonNullable<RestoreTargets['runtime']>),
          claims: [{name: 'state-buntime-0', ordinal: 0, template: 'state'}],
          authDbSync: false,
        },
      },
      objects: OBJECTS,
      namespaces: ['api-keys'],
      now: NOW,
    });
    expect(plain.ok && plain.plan.resetJobs).toEqual([]);
    expect(plain.ok && plain.plan.steps.map((step) => step.id)).not.toContain('reset-replicas');
  });

  it('creates the claim again when the volume is lost, and takes no fresh backup of a stopped server', () => {
    const outcome = planRestore({
      targets: {
        ...TARGETS,
        turso: {
          ...TARGETS.turso,
          claimExists: false,
          replicas: 0,
          readyReplicas: 0,
          claimSpec: {size: '5Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn'},
        },
      },
      objects: OBJECTS,
      namespaces: ['api-keys'],
      now: NOW,
    });
    if (!outcome.ok) throw new Error(outcome.problems.join(' '));
    expect(outcome.plan.freshBackup).toBe(false);
    expect(outcome.plan.steps.map((step) => step.id).slice(0, 3)).toEqual(['scale-down', 'claim', 'restore-job']);
    expect(outcome.plan.claim).toMatchObject({
      kind: 'PersistentVolumeClaim',
      metadata: {name: 'data-buntime-turso-0', namespace: 'zomme'},
      spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '5Gi'}}, storageClassName: 'longhorn'},
    });
    expect(outcome.plan.warnings).toContain('turso-server is not running: there is no current state to back up first.');
  });

  it('refuses namespaces without a usable snapshot, naming each', () => {
    const outcome = planRestore({
      targets: TARGETS,
      objects: OBJECTS,
      namespaces: ['runtime', 'ghost', 'Bad'],
      now: NOW,
    });
    expect(outcome).toEqual({
      ok: false,
      problems: [
        "No snapshot of namespace 'ghost' in the bucket.",
        "'Bad' is not a turso-server namespace name (^[a-z0-9][a-z0-9_-]{0,62}$).",
        'Snapshot runtime/runtime-20260702T020000Z.db is empty (0 bytes): pick another with --at.',
      ],
    });
    expect(
      planRestore({targets: TARGETS, objects: OBJECTS, namespaces: ['api-keys'], at: Date.UTC(2020, 0, 1), now: NOW}),
    ).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^No snapshot of namespace 'api-keys' at or before 2020-01-01T00:00:00.000Z/)],
    });
  });

  it('reads the apply phase result line from the Job log', () => {
    const log =
      'x\nturso-restore-result: {"phase":"apply","ok":true,"namespaces":[{"namespace":"api-keys","key":"k","bytes":1,"statements":6,"tables":{"kv":3}}]}\n';
    expect(restoreResultFromLog(log)).toEqual({
      ok: true,
      namespaces: [{namespace: 'api-keys', key: 'k', tables: {kv: 3}}],
    });
    expect(restoreResultFromLog('turso-restore-result: {"phase":"apply","ok":false,"error":"boom"}')).toEqual({
      ok: false,
      error: 'boom',
      namespaces: [],
    });
    expect(restoreResultFromLog('nothing')).toBeUndefined();
  });
});

describe('restore --offline steps', () => {
  it('prints kubectl steps with the release names, the helper pod on the claim and the reset', () => {
    const steps = offlineRestoreSteps(TARGETS, 'api-keys', './my snap.db', '/opt/chart/files/turso-restore.sh');
    const text = steps.flatMap((step) => step.commands).join('\n');
    expect(text).toContain('kubectl -n zomme scale statefulset buntime --replicas=0');
    expect(text).toContain('kubectl -n zomme scale statefulset buntime-turso --replicas=0');
    expect(text).toContain(
      "kubectl -n zomme cp './my snap.db' buntime-restore-by-hand:/restore/snapshots/api-keys.db -c tools",
    );
    expect(text).toContain(
      'kubectl -n zomme exec buntime-restore-by-hand -c tools -- sh /scripts/restore.sh stage api-keys',
    );
    expect(text).toContain('kubectl -n zomme exec buntime-restore-by-hand -c turso -- bash /scripts/restore.sh apply');
    expect(text).toContain('claimName: data-buntime-turso-0');
    expect(text).toContain(
      'rm -fv /data/state/api-keys.db /data/state/api-keys.db-* /data/turso/api-keys.db /data/turso/api-keys.db-*',
    );
    expect(text).toContain("get secret buntime-turso -o jsonpath='{.data.TURSO_AUTH_TOKEN}'");
    expect(text).not.toContain('create configmap');
    const noBackups = offlineRestoreSteps(
      {...TARGETS, backup: {...TARGETS.backup, configMap: 'buntime-turso-restore', scriptFromChart: true}},
      'api-keys',
      'a.db',
      '/opt/chart/files/turso-restore.sh',
    );
    expect(noBackups[1]?.commands).toEqual([
      'kubectl -n zomme create configmap buntime-turso-restore --from-file=restore.sh=/opt/chart/files/turso-restore.sh',
    ]);
  });
});
