import {describe, expect, it} from 'vitest';
import {mandatoryEnv} from './catalogue.js';
import {type ManifestDoc, checkManifests} from './manifests.js';

// Fixtures are deep trees that each case mutates in place; `any` keeps those edits short.
type Mutable = Record<string, any>;

/** Rendered objects that keep every promise (the shape the chart renders, trimmed). */
function goodDocs(): Mutable[] {
  const data = Object.fromEntries(mandatoryEnv().map((spec) => [spec.name, spec.default ?? '']));
  return [
    {kind: 'ConfigMap', metadata: {name: 'buntime'}, data},
    ...['plugins', 'apps'].map((name) => ({
      kind: 'PersistentVolumeClaim',
      metadata: {name: `buntime-${name}`, annotations: {'helm.sh/resource-policy': 'keep'}},
    })),
    {
      kind: 'StatefulSet',
      metadata: {name: 'buntime'},
      spec: {
        template: {
          metadata: {labels: {'app.kubernetes.io/component': 'runtime'}},
          spec: {
            containers: [
              {
                name: 'buntime',
                envFrom: [{configMapRef: {name: 'buntime'}}],
                env: [
                  {
                    name: 'RUNTIME_ROOT_KEY',
                    valueFrom: {secretKeyRef: {name: 'buntime', key: 'RUNTIME_ROOT_KEY', optional: true}},
                  },
                ],
                volumeMounts: [
                  {name: 'plugins', mountPath: '/data/plugins'},
                  {name: 'apps', mountPath: '/data/apps'},
                  {name: 'state', mountPath: '/data/state'},
                  {name: 'turso', mountPath: '/data/turso'},
                ],
              },
            ],
            volumes: [
              {name: 'plugins', persistentVolumeClaim: {claimName: 'buntime-plugins'}},
              {name: 'apps', persistentVolumeClaim: {claimName: 'buntime-apps'}},
            ],
          },
        },
        volumeClaimTemplates: [{metadata: {name: 'state'}}, {metadata: {name: 'turso'}}],
      },
    },
    {
      kind: 'StatefulSet',
      metadata: {name: 'buntime-turso'},
      spec: {
        template: {
          metadata: {labels: {'app.kubernetes.io/component': 'turso-server'}},
          spec: {containers: [{name: 'turso-server', volumeMounts: [{name: 'data', mountPath: '/var/lib/turso'}]}]},
        },
        volumeClaimTemplates: [{metadata: {name: 'data'}}],
      },
    },
  ];
}

const wrap = (objects: Mutable[]): ManifestDoc[] =>
  objects.map((object, i) => ({source: `buntime/templates/${i}.yaml`, object}));
const runtime = (docs: Mutable[]): Mutable =>
  docs.find((d) => d['metadata'].name === 'buntime' && d['kind'] === 'StatefulSet') as Mutable;
const container = (docs: Mutable[]): Mutable => runtime(docs)['spec'].template.spec.containers[0];

describe('checkManifests', () => {
  it('finds nothing when every promise holds', () => {
    expect(checkManifests(wrap(goodDocs()))).toEqual([]);
  });

  it('accepts /data/turso from an emptyDir', () => {
    const docs = goodDocs();
    runtime(docs)['spec'].volumeClaimTemplates.pop();
    runtime(docs)['spec'].template.spec.volumes.push({name: 'turso', emptyDir: {}});
    expect(checkManifests(wrap(docs))).toEqual([]);
  });

  it.each<[string, (docs: Mutable[]) => void, string, RegExp]>([
    [
      'a missing mount',
      (d) => container(d)['volumeMounts'].splice(1, 1),
      'mandatory-volume',
      /\/data\/apps is not mounted/,
    ],
    [
      'a mount without a volume',
      (d) => runtime(d)['spec'].volumeClaimTemplates.shift(),
      'mandatory-volume',
      /"state", which is neither/,
    ],
    [
      'state from a shared PVC',
      (d) => {
        runtime(d)['spec'].volumeClaimTemplates.shift();
        runtime(d)['spec'].template.spec.volumes.push({name: 'state', persistentVolumeClaim: {claimName: 'shared'}});
      },
      'mandatory-volume',
      /\/data\/state must be a per-pod volume/,
    ],
    [
      'turso from a shared PVC',
      (d) => {
        runtime(d)['spec'].volumeClaimTemplates.pop();
        runtime(d)['spec'].template.spec.volumes.push({name: 'turso', persistentVolumeClaim: {claimName: 'shared'}});
      },
      'mandatory-volume',
      /never one file shared by every pod/,
    ],
    [
      'apps from an emptyDir',
      (d) => {
        runtime(d)['spec'].template.spec.volumes[1] = {name: 'apps', emptyDir: {}};
      },
      'mandatory-volume',
      /\/data\/apps must come from a shared PersistentVolumeClaim/,
    ],
    [
      'a claim the chart does not create',
      (d) => d.splice(1, 1),
      'mandatory-volume',
      /uses PVC buntime-plugins, which the chart does not create/,
    ],
    [
      'a missing core variable',
      (d) => delete d[0]!['data'].TURSO_MODE,
      'mandatory-env-default',
      /TURSO_MODE \(plugin:turso\) is not set/,
    ],
    [
      'an empty core variable that has a default',
      (d) => (d[0]!['data'].RUNTIME_WORKER_DIRS = ''),
      'mandatory-env-default',
      /RUNTIME_WORKER_DIRS is empty; its default is "\/data\/.apps:\/data\/apps"/,
    ],
    [
      'a token in the runtime ConfigMap',
      (d) => (d[0]!['data'].TURSO_SERVER_TOKEN = 'x'),
      'secret-not-in-configmap',
      /ConfigMap key TURSO_SERVER_TOKEN holds a secret/,
    ],
    [
      'a secret-looking key in the runtime ConfigMap',
      (d) => (d[0]!['data'].MY_API_TOKEN = 'x'),
      'secret-not-in-configmap',
      /MY_API_TOKEN/,
    ],
    [
      'turso-server without a PVC',
      (d) => (d[4]!['spec'].volumeClaimTemplates = []),
      'mandatory-volume',
      /turso-server must mount \/var\/lib\/turso/,
    ],
  ])('reports %s', (_name, mutate, id, message) => {
    const docs = goodDocs();
    mutate(docs);
    const findings = checkManifests(wrap(docs));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({id, severity: 'error'});
    expect(findings[0]?.message).toMatch(message);
  });

  it('warns about a shared PVC without the keep policy, locating it by template', () => {
    const docs = goodDocs();
    delete docs[2]!['metadata'].annotations;
    expect(checkManifests(wrap(docs))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'buntime/templates/2.yaml',
        path: 'PersistentVolumeClaim/buntime-apps',
      }),
    ]);
  });

  it('takes explicit env entries into account (valueFrom counts as set)', () => {
    const docs = goodDocs();
    delete docs[0]!['data'].TURSO_MODE;
    container(docs)['env'].push({name: 'TURSO_MODE', value: 'sync'});
    expect(checkManifests(wrap(docs))).toEqual([]);
  });

  it('reports a render without any runtime workload', () => {
    expect(checkManifests(wrap([{kind: 'ConfigMap', metadata: {name: 'x'}}]))).toEqual([
      expect.objectContaining({id: 'mandatory-volume', message: expect.stringMatching(/No runtime workload/)}),
    ]);
  });
});
