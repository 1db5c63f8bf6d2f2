import {beforeAll, describe, expect, it} from 'vitest';
import {bundledChartDir} from '../../src/adapters/package-root.js';
import {loadRenderInputs, type LoadedInputs} from '../../src/adapters/render-inputs.js';
import type {HelmBinary} from '../../src/adapters/helm/binary.js';
import type {KubeObject} from '../../src/core/upgrade/manifest.js';
import type {Values} from '../../src/core/values/paths.js';
import {buildPlan, type DeployPlan, type PlanRequest} from '../../src/services/deploy/plan.js';
import type {ClusterFacts} from '../../src/services/deploy/cluster-facts.js';
import type {DeployedRelease} from '../../src/services/deploy/live.js';
import {realHelms} from '../helpers/helm-tools.js';
import {helmTemplate} from '../../src/adapters/helm/template.js';

const CLASSES = [
  {
    name: 'local-path',
    provisioner: 'rancher.io/local-path',
    isDefault: true,
    rwx: 'no' as const,
    allowVolumeExpansion: false,
  },
  {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false, rwx: 'yes' as const, allowVolumeExpansion: true},
];
const CLUSTER: ClusterFacts = {
  readyNodes: 3,
  storageClasses: CLASSES,
  issuers: [],
  context: {
    nodeCount: 3,
    storageClasses: CLASSES.map(({name, provisioner, isDefault}) => ({name, provisioner, isDefault})),
    defaultStorageClass: 'local-path',
  },
};
const EXISTING = {
  rootKey: 'r'.repeat(43),
  tursoAuthToken: 'a'.repeat(43),
  tursoAdminToken: 'b'.repeat(43),
  s3AccessKeyId: 'AKIA0000',
  s3SecretAccessKey: 's'.repeat(40),
};

const DAY_ZERO_RWX: Values = {
  persistence: {
    plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
    apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
  },
};
const MULTI_POD: Values = {
  replicaCount: 3,
  buntime: {authDb: {mode: 'sync'}},
  plugins: {turso: {mode: 'sync'}},
  tursoServer: {
    enabled: true,
    backup: {enabled: true, s3: {endpoint: 'http://minio.minio.svc.cluster.local:9000', bucket: 'turso-backups'}},
  },
};

let helm: HelmBinary;
let inputs: LoadedInputs;

beforeAll(async () => {
  [helm] = (await realHelms()) as [HelmBinary];
  inputs = await loadRenderInputs({cwd: process.cwd()});
});

function request(mode: PlanRequest['mode'], answers: Values, live?: DeployedRelease): PlanRequest {
  return {
    mode,
    release: 'buntime',
    namespace: 'zomme',
    inputs,
    output: {values: 'values.yaml', secrets: 'values.secrets.yaml', chart: 'charts/buntime'},
    wizardAnswers: answers,
    cluster: CLUSTER,
    ...(live ? {live} : {}),
    existingCredentials: EXISTING,
    online: true,
    helm,
    timeout: '5m',
  };
}

/** What the cluster holds after a day-zero install of `plan`: its manifest, and PVCs with the default class filled in. */
async function deployed(plan: DeployPlan, userValues: Values): Promise<DeployedRelease> {
  const rendered = await helmTemplate({
    helm: helm.path,
    chartDir: bundledChartDir(),
    release: 'buntime',
    namespace: 'zomme',
    values: plan.helmValues,
  });
  const manifest = rendered.docs.map((doc) => doc.object as unknown as KubeObject);
  const storage = manifest
    .filter((object) => object.kind === 'PersistentVolumeClaim')
    .map((claim) => ({
      ...claim,
      metadata: {...claim.metadata, uid: `uid-${claim.metadata.name}`},
      spec: {
        ...claim.spec,
        storageClassName: (claim.spec?.['storageClassName'] as string | undefined) ?? 'local-path',
        volumeName: `pv-${claim.metadata.name}`,
      },
    }));
  return {
    health: {kind: 'deployed', revision: 1},
    history: [],
    userValues,
    allValues: plan.render.values,
    manifest,
    storage,
    fullname: 'buntime',
  };
}

describe('deploy plan with the real chart and real helm template', () => {
  it('day zero: no secret in the values, the Secret referenced, the chart renders', async () => {
    const plan = await buildPlan(request('install', DAY_ZERO_RWX));
    expect(plan.review.blockers).toEqual([]);
    expect(plan.helmValues).toMatchObject({buntime: {existingSecret: 'buntime-credentials'}});
    for (const secret of Object.values(EXISTING)) expect(JSON.stringify(plan.helmValues)).not.toContain(secret);
    expect(plan.secretValues).toEqual({});
    expect(plan.review.valuesYaml).toContain('existingSecret: buntime-credentials');
  });

  it('an Ingress certificate from a ClusterIssuer the cluster does not have is a warning', async () => {
    const answers = {ingress: {host: 'buntime.example.com', tls: {enabled: true, clusterIssuer: 'letsencrypt'}}};
    const missing = await buildPlan({
      ...request('install', answers),
      cluster: {...CLUSTER, issuers: ['home-ca'], issuersInstalled: true},
    });
    expect(missing.upgrade.checks.find((check) => check.id === 'cluster-issuer')?.message).toContain(
      "ClusterIssuer 'letsencrypt' does not exist",
    );
    const noCertManager = await buildPlan({
      ...request('install', answers),
      cluster: {...CLUSTER, issuers: [], issuersInstalled: false},
    });
    expect(noCertManager.upgrade.checks.find((check) => check.id === 'cluster-issuer')?.message).toContain(
      'cert-manager is not installed',
    );
    const present = await buildPlan({
      ...request('install', answers),
      cluster: {...CLUSTER, issuers: ['letsencrypt'], issuersInstalled: true},
    });
    expect(present.upgrade.checks.find((check) => check.id === 'cluster-issuer')).toBeUndefined();
  });

  it('the multi-pod upgrade on RWX volumes keeps the shared PVCs untouched', async () => {
    const dayZero = await buildPlan(request('install', DAY_ZERO_RWX));
    const live = await deployed(dayZero, dayZero.helmValues);
    const plan = await buildPlan(request('upgrade', MULTI_POD, live));
    expect(plan.review.blockers).toEqual([]);
    const labels = Object.fromEntries(plan.upgrade.changes.map((change) => [change.key, change.label]));
    expect(labels['PersistentVolumeClaim/buntime-plugins']).toBeUndefined();
    expect(labels['PersistentVolumeClaim/buntime-apps']).toBeUndefined();
    expect(labels['StatefulSet/buntime']).toBe('rolling-restart');
    expect(labels['StatefulSet/buntime-turso']).toBe('create');
    expect(labels['CronJob/buntime-turso-backup']).toBe('create');
    expect(plan.upgrade.checks.map((check) => check.id)).toContain('api-keys-reset');
    expect(plan.helmValues).toMatchObject({
      tursoServer: {existingSecret: 'buntime-credentials', backup: {s3: {existingSecret: 'buntime-credentials'}}},
    });
    expect(plan.generated).toEqual([]);
  });

  it('RWO day zero on a multi-node cluster: the multi-pod upgrade is stopped before helm, with the migration path', async () => {
    const dayZero = await buildPlan(request('install', {}));
    const live = await deployed(dayZero, dayZero.helmValues);
    const plan = await buildPlan(request('upgrade', {...MULTI_POD, ...DAY_ZERO_RWX}, live));
    const immutable = plan.upgrade.changes.filter((change) => change.label === 'immutable').map((change) => change.key);
    expect(immutable).toEqual(
      expect.arrayContaining(['PersistentVolumeClaim/buntime-plugins', 'PersistentVolumeClaim/buntime-apps']),
    );
    expect(plan.review.blockers.length).toBeGreaterThanOrEqual(2);
    const migration = plan.upgrade.checks.find((check) => check.id === 'pvc-access-mode');
    expect(migration?.hint).toMatch(/copy the data back/);
  });

  it('a claim-template change is labelled immutable with the orphan-delete recipe and a fix', async () => {
    const dayZero = await buildPlan(request('install', DAY_ZERO_RWX));
    const live = await deployed(dayZero, dayZero.helmValues);
    const plan = await buildPlan(request('upgrade', {persistence: {state: {size: '2Gi'}}}, live));
    const change = plan.upgrade.changes.find((item) => item.key === 'StatefulSet/buntime');
    expect(change?.label).toBe('immutable');
    expect(change?.safePath).toContain('--cascade=orphan');
    expect(plan.upgrade.fixes).toContainEqual({path: 'persistence.state.size', value: '500Mi'});
    const fixed = await buildPlan({
      ...request('upgrade', {persistence: {state: {size: '2Gi'}}}, live),
      fixes: plan.upgrade.fixes,
    });
    expect(fixed.upgrade.changes.find((item) => item.key === 'StatefulSet/buntime')?.label).not.toBe('immutable');
    expect(fixed.review.blockers).toEqual([]);
  });

  it('switching /data/turso to emptyDir is stopped: immutable template and data no longer used', async () => {
    const dayZero = await buildPlan(request('install', DAY_ZERO_RWX));
    const live = await deployed(dayZero, dayZero.helmValues);
    const plan = await buildPlan(request('upgrade', {persistence: {turso: {type: 'emptyDir'}}}, live));
    const labels = plan.upgrade.changes.map((change) => `${change.key}:${change.label}`);
    expect(labels).toContain('StatefulSet/buntime:immutable');
    expect(labels).toContain('StatefulSet/buntime volume turso:deletes-data');
  });
});
