import {describe, expect, it} from 'vitest';
import {configMap, pvc, sts} from '../../../test/fixtures/kube-objects.js';
import type {KubeObject} from '../upgrade/manifest.js';
import type {HistoryEntry} from '../upgrade/recovery.js';
import type {StorageClassFact} from '../upgrade/types.js';
import {releaseClaim} from '../upgrade/storage-paths.js';
import {ownedClaims, type ClaimFact} from './claims.js';
import {durationMs} from './duration.js';
import {planKeptData} from './kept-data.js';
import {restartChecks, restartPatch, rolloutView} from './restart.js';
import {historyTable, planRollback, rollbackTarget} from './rollback.js';
import {planUninstall, uninstallLines} from './uninstall.js';

const CLASSES: StorageClassFact[] = [
  {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true, rwx: 'no', allowVolumeExpansion: false},
  {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false, rwx: 'yes', allowVolumeExpansion: true},
];

function claim(name: string, overrides: Partial<ClaimFact> = {}): ClaimFact {
  return {
    name,
    uid: `uid-${name}`,
    storageClass: 'local-path',
    accessModes: ['ReadWriteOnce'],
    request: '5Gi',
    capacity: '5Gi',
    phase: 'Bound',
    keep: false,
    ...overrides,
  };
}

const entry = (revision: number, status: string, description = 'Upgrade complete'): HistoryEntry => ({
  revision,
  updated: `2026-12-0${revision}T10:00:00.123456+00:00`,
  status,
  chart: 'buntime-0.6.0',
  app_version: '1.4.0',
  description,
});

describe('release claims', () => {
  it.each([
    ['buntime-plugins', 'plugins', undefined],
    ['buntime-apps', 'apps', undefined],
    ['state-buntime-0', 'state', 0],
    ['turso-buntime-12', 'turso', 12],
    ['data-buntime-turso-0', 'turso-server', 0],
  ])('%s is the %s claim', (name, role, ordinal) => {
    expect(releaseClaim('buntime', name)).toMatchObject({role, ...(ordinal !== undefined ? {ordinal} : {})});
  });

  it.each(['state-buntime-x-0', 'buntime-x-plugins', 'state-buntime-01', 'data-buntime-0', 'someone-elses-data'])(
    '%s belongs to no release named buntime',
    (name) => expect(releaseClaim('buntime', name)).toBeUndefined(),
  );

  it('orders the release claims shared first, then per pod by ordinal', () => {
    const claims = [
      'state-buntime-1',
      'other',
      'data-buntime-turso-0',
      'buntime-apps',
      'state-buntime-0',
      'buntime-plugins',
    ];
    expect(
      ownedClaims(
        'buntime',
        claims.map((name) => claim(name)),
      ).map((item) => item.name),
    ).toEqual(['buntime-plugins', 'buntime-apps', 'state-buntime-0', 'state-buntime-1', 'data-buntime-turso-0']);
  });
});

describe('uninstall plan', () => {
  const manifest: KubeObject[] = [
    configMap('buntime', {}),
    sts('buntime'),
    pvc('buntime-plugins', {}, {'helm.sh/resource-policy': 'keep'}),
  ];
  const claims = [
    claim('buntime-plugins', {keep: true, storageClass: 'nfs', accessModes: ['ReadWriteMany']}),
    claim('state-buntime-0', {request: '500Mi', capacity: '500Mi'}),
    claim('data-buntime-turso-0'),
    claim('someone-elses-data'),
  ];
  const input = {
    release: 'buntime',
    namespace: 'zomme',
    fullname: 'buntime',
    manifest,
    claims,
    secret: {name: 'buntime-credentials', uid: 'u', keys: ['RUNTIME_ROOT_KEY']},
    command: 'helm uninstall buntime --namespace zomme --wait --timeout 10m',
  };

  it('helm removes what it manages, except resource-policy keep; every release claim and the Secret are listed', () => {
    const plan = planUninstall({...input, deleteData: false});
    expect(plan.removed).toEqual(['ConfigMap/buntime', 'StatefulSet/buntime']);
    expect(plan.keptByPolicy).toEqual(['PersistentVolumeClaim/buntime-plugins']);
    expect(plan.claims.map((item) => item.name)).toEqual([
      'buntime-plugins',
      'state-buntime-0',
      'data-buntime-turso-0',
    ]);
    const text = uninstallLines(plan).join('\n');
    expect(text).toContain('Data claims (3), kept:');
    expect(text).toContain('✔ state-buntime-0 500Mi local-path ReadWriteOnce (Bound) — api-keys.db of pod buntime-0');
    expect(text).toContain('✔ data-buntime-turso-0 5Gi');
    expect(text).toContain('turso-server databases');
    expect(text).toContain('✔ buntime-credentials (RUNTIME_ROOT_KEY)');
    expect(text).not.toContain('someone-elses-data');
    expect(plan.deleteCommands).toEqual([
      'kubectl -n zomme delete pvc buntime-plugins state-buntime-0 data-buntime-turso-0',
      'kubectl -n zomme delete secret buntime-credentials',
    ]);
  });

  it('with --delete-data the same list is what goes, and nothing else', () => {
    const plan = planUninstall({...input, deleteData: true});
    expect(uninstallLines(plan).join('\n')).toContain('Data claims (3), DELETED (--delete-data):');
    expect(plan.claims.map((item) => item.uid)).toEqual([
      'uid-buntime-plugins',
      'uid-state-buntime-0',
      'uid-data-buntime-turso-0',
    ]);
  });

  it('without a release it only shows the data left behind', () => {
    const {manifest: _manifest, command: _command, ...rest} = input;
    const plan = planUninstall({...rest, deleteData: false});
    expect(plan.installed).toBe(false);
    expect(uninstallLines(plan)[0]).toContain('is not installed');
  });
});

describe('re-install over kept data', () => {
  const kept = ownedClaims('buntime', [
    claim('buntime-plugins', {storageClass: 'nfs', accessModes: ['ReadWriteMany'], keep: true}),
    claim('buntime-apps', {storageClass: 'nfs', accessModes: ['ReadWriteMany'], request: '10Gi', keep: true}),
    claim('state-buntime-0', {request: '500Mi'}),
    claim('data-buntime-turso-0'),
  ]);
  const values = (persistence: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    persistence: {
      plugins: {storageClass: 'local-path', accessMode: 'ReadWriteOnce', size: '5Gi'},
      apps: {storageClass: 'local-path', accessMode: 'ReadWriteOnce', size: '10Gi'},
      state: {storageClass: '', size: '500Mi'},
      turso: {type: 'emptyDir'},
      ...persistence,
    },
    tursoServer: {enabled: false},
    ...extra,
  });

  it('adopts the class and access mode of the kept claims when nobody asked for others', () => {
    const plan = planKeptData({
      namespace: 'zomme',
      release: 'buntime',
      claims: kept,
      values: values({}),
      explicit: () => false,
      storageClasses: CLASSES,
    });
    expect(plan.adopt).toEqual([
      {path: 'persistence.plugins.storageClass', value: 'nfs'},
      {path: 'persistence.plugins.accessMode', value: 'ReadWriteMany'},
      {path: 'persistence.apps.storageClass', value: 'nfs'},
      {path: 'persistence.apps.accessMode', value: 'ReadWriteMany'},
    ]);
    expect(plan.checks.filter((check) => check.severity === 'error')).toEqual([]);
    expect(plan.checks).toContainEqual(
      expect.objectContaining({id: 'kept-data-unused', message: expect.stringContaining('data-buntime-turso-0')}),
    );
  });

  it('blocks, with the adopting fix and the delete-data path, when the answers ask for another class', () => {
    const plan = planKeptData({
      namespace: 'zomme',
      release: 'buntime',
      claims: kept,
      values: values({}),
      explicit: (path) => path === 'persistence.plugins.storageClass',
      storageClasses: CLASSES,
    });
    const errors = plan.checks.filter((check) => check.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: expect.stringContaining('Kept claim buntime-plugins (left by an earlier install) has storageClass nfs'),
      hint: expect.stringContaining('--delete-data'),
      fixes: [{path: 'persistence.plugins.storageClass', value: 'nfs'}],
    });
    expect(plan.adopt).not.toContainEqual(expect.objectContaining({path: 'persistence.plugins.storageClass'}));
  });

  it('"" means the default class: no difference when the kept claim is on it; a bigger claim on an expandable class grows', () => {
    const plan = planKeptData({
      namespace: 'zomme',
      release: 'buntime',
      claims: kept,
      values: values({
        plugins: {storageClass: 'nfs', accessMode: 'ReadWriteMany', size: '8Gi'},
        apps: {storageClass: 'nfs', accessMode: 'ReadWriteMany', size: '10Gi'},
      }),
      explicit: () => true,
      storageClasses: CLASSES,
    });
    expect(plan.adopt).toEqual([]);
    expect(plan.checks.filter((check) => check.severity === 'error')).toEqual([]);
  });

  it('a smaller claim is never possible: adopted, or blocked when asked for', () => {
    const input = {
      namespace: 'zomme',
      release: 'buntime',
      claims: kept,
      values: values({apps: {storageClass: 'nfs', accessMode: 'ReadWriteMany', size: '2Gi'}}),
      storageClasses: CLASSES,
    };
    expect(planKeptData({...input, explicit: () => false}).adopt).toContainEqual({
      path: 'persistence.apps.size',
      value: '10Gi',
    });
    expect(
      planKeptData({...input, explicit: (path) => path === 'persistence.apps.size'}).checks.some(
        (check) => check.severity === 'error' && check.message.includes('size 10Gi'),
      ),
    ).toBe(true);
  });
});

describe('rollback', () => {
  const history = [entry(1, 'superseded', 'Install complete'), entry(2, 'failed'), entry(3, 'deployed')];

  it('defaults to the newest earlier revision that deployed (not the failed one)', () => {
    expect(rollbackTarget(history)).toMatchObject({ok: true, current: {revision: 3}, target: {revision: 1}});
    expect(rollbackTarget(history, 2)).toMatchObject({ok: true, target: {revision: 2}});
    expect(rollbackTarget(history, 9)).toMatchObject({ok: false, hint: expect.stringContaining('3, 2, 1')});
    expect(rollbackTarget([entry(1, 'deployed')])).toMatchObject({ok: false});
  });

  const base = {
    current: entry(3, 'deployed'),
    target: entry(1, 'superseded'),
    storage: [] as KubeObject[],
    fullname: 'buntime',
    namespace: 'zomme',
    storageClasses: CLASSES,
    credentialsSecret: 'buntime-credentials',
  };

  it('the same labelled diff as an upgrade, and immutable fields block', () => {
    const plan = planRollback({
      ...base,
      currentManifest: [
        sts('buntime', {claimTemplates: [{name: 'state', storage: '1Gi'}]}),
        configMap('buntime', {L: 'debug'}),
      ],
      targetManifest: [
        sts('buntime', {claimTemplates: [{name: 'state', storage: '500Mi'}]}),
        configMap('buntime', {L: 'info'}),
      ],
    });
    expect(plan.changes.map((change) => `${change.key}:${change.label}`).sort()).toEqual([
      'ConfigMap/buntime:in-place',
      'StatefulSet/buntime:immutable',
    ]);
    expect(plan.blockers[0]).toContain("volumeClaimTemplate 'state' changed");
  });

  it('a PVC whose access mode would go back blocks', () => {
    const plan = planRollback({
      ...base,
      currentManifest: [pvc('buntime-plugins', {accessModes: ['ReadWriteMany'], storageClassName: 'nfs'})],
      targetManifest: [pvc('buntime-plugins', {accessModes: ['ReadWriteOnce'], storageClassName: 'nfs'})],
    });
    expect(plan.changes[0]).toMatchObject({label: 'immutable', reason: expect.stringContaining('access mode')});
    expect(plan.blockers).toHaveLength(1);
  });

  it('credentials are never rolled back: a revision that reads them from another Secret blocks', () => {
    const withKey = (secret: string): KubeObject => {
      const set = sts('buntime');
      const template = set.spec?.['template'] as {spec: {containers: Array<Record<string, unknown>>}};
      template.spec.containers[0] = {
        ...template.spec.containers[0],
        env: [{name: 'RUNTIME_ROOT_KEY', valueFrom: {secretKeyRef: {name: secret, key: 'RUNTIME_ROOT_KEY'}}}],
      };
      return set;
    };
    const plan = planRollback({
      ...base,
      currentManifest: [withKey('buntime-credentials')],
      targetManifest: [withKey('buntime')],
    });
    expect(plan.checks).toContainEqual(
      expect.objectContaining({
        id: 'credentials-rollback',
        severity: 'error',
        message: expect.stringContaining('RUNTIME_ROOT_KEY'),
      }),
    );
  });

  it('history prints like helm history, newest first, the current one starred', () => {
    const lines = historyTable(history, 3);
    expect(lines[0]).toMatch(/^REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION$/);
    expect(lines[1]).toMatch(
      /^3\*\s+2026-12-03T10:00:00\+00:00\s+deployed\s+buntime-0\.6\.0\s+1\.4\.0\s+Upgrade complete$/,
    );
    expect(lines[3]).toMatch(/^1 .*Install complete$/);
  });
});

describe('restart', () => {
  it('patches the pod template like kubectl rollout restart (RFC 3339, seconds)', () => {
    expect(restartPatch(new Date('2026-12-03T10:11:12.345Z'))).toEqual({
      spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': '2026-12-03T10:11:12Z'}}}},
    });
  });

  it('a budget that allows no disruption blocks; one pod is a warning', () => {
    const budget = {name: 'buntime', minAvailable: 1, disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1};
    const one = restartChecks({
      statefulSet: 'buntime',
      replicas: 1,
      readyPods: 1,
      budgets: [budget],
      release: 'buntime',
    });
    expect(one).toContainEqual(expect.objectContaining({id: 'pdb', severity: 'error'}));
    const three = restartChecks({
      statefulSet: 'buntime',
      replicas: 3,
      readyPods: 3,
      budgets: [{...budget, minAvailable: 2, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2}],
      release: 'buntime',
    });
    expect(three.map((check) => check.severity)).toEqual(['info']);
    expect(restartChecks({statefulSet: 'buntime', replicas: 1, readyPods: 1, budgets: [], release: 'r'})).toEqual([
      expect.objectContaining({id: 'single-pod', severity: 'warning'}),
    ]);
  });

  it('follows pod by pod from the highest ordinal; done only when the controller agrees', () => {
    const before = [0, 1, 2].map((ordinal) => ({
      name: `b-${ordinal}`,
      uid: `old${ordinal}`,
      ordinal,
      ready: true,
      deleting: false,
      revision: 'r1',
    }));
    const set = {
      replicas: 3,
      generation: 2,
      observedGeneration: 2,
      updateRevision: 'r2',
      updatedReplicas: 1,
      readyReplicas: 2,
      currentRevision: 'r1',
    };
    const midway = rolloutView(
      before,
      [before[0], before[1], {...before[2], uid: 'new2', revision: 'r2', ready: false}] as never,
      set,
    );
    expect(midway.pods).toEqual([
      {name: 'b-2', phase: 'starting', detail: 'new pod, not Ready yet'},
      {name: 'b-1', phase: 'waiting'},
      {name: 'b-0', phase: 'waiting'},
    ]);
    expect(midway.done).toBe(false);
    const all = before.map((pod) => ({...pod, uid: `new${pod.ordinal}`, revision: 'r2'}));
    expect(rolloutView(before, all, {...set, updatedReplicas: 3, readyReplicas: 3}).done).toBe(true);
    expect(rolloutView(before, all, {...set, observedGeneration: 1, updatedReplicas: 3, readyReplicas: 3}).done).toBe(
      false,
    );
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
  ])('%s is %i ms', (text, ms) => expect(durationMs(text)).toBe(ms));
  it.each(['', '5', '1d', '-1s'])('%j is not a duration', (text) => expect(durationMs(text)).toBeUndefined());
});
