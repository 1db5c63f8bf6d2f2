import {readFileSync} from 'node:fs';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {parseQuestions} from '../questions/parse.js';
import type {Preset} from '../presets/preset.js';
import type {Values} from './paths.js';
import {diffValues, renderValues} from './render.js';
import {parseSet, type SetAssignment} from './set.js';

const fixture = (name: string): unknown =>
  parse(readFileSync(new URL(`../../../test/fixtures/chart/${name}`, import.meta.url), 'utf8'));
const DEFAULTS = fixture('values.yaml') as Values;
const QUESTIONS = parseQuestions(fixture('questions.yml'), {source: 'questions.yml'});

function sets(...args: string[]): SetAssignment[] {
  return args.flatMap((arg) => {
    const parsed = parseSet(arg);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.assignments;
  });
}

const k3s: Preset = {
  name: 'k3s',
  description: 'k3s',
  source: 'preset k3s',
  values: {service: {type: 'ClusterIP'}, persistence: {plugins: {storageClass: 'local-path'}}},
  questionDefaults: {'ingress.tls.enabled': true},
  notes: [],
};

const ids = (result: ReturnType<typeof renderValues>) =>
  result.findings.map((item) => `${item.severity}:${item.id}:${item.path ?? ''}@${item.where ?? ''}`);

describe('renderValues', () => {
  it('layers chart defaults ← preset ← files ← --set, and keeps only overrides for the file', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      questions: QUESTIONS,
      preset: k3s,
      files: [
        {
          label: 'a.yaml',
          values: {
            replicaCount: 1,
            ingress: {host: 'b.example.com', tls: {clusterIssuer: 'le'}},
            buntime: {rootKey: 'root'},
          },
        },
      ],
      sets: sets('image.tag=1.10', 'buntime.logLevel=debug'),
      release: 'buntime',
    });
    expect(ids(result)).toEqual([]);
    expect(result.values).toMatchObject({
      service: {type: 'ClusterIP'},
      ingress: {host: 'b.example.com', className: 'traefik', tls: {enabled: true, clusterIssuer: 'le'}},
      image: {tag: '1.10'},
    });
    expect(result.overrides).toEqual({
      service: {type: 'ClusterIP'},
      persistence: {plugins: {storageClass: 'local-path'}},
      ingress: {host: 'b.example.com', tls: {enabled: true, clusterIssuer: 'le'}},
      buntime: {rootKey: 'root', logLevel: 'debug'},
      image: {tag: '1.10'},
    });
    expect(result.secrets).toEqual({buntime: {rootKey: 'root'}});
    expect(result.public['buntime']).toEqual({logLevel: 'debug'});
    expect(result.ok).toBe(true);
  });

  it('locates errors at the file line or the --set that caused them', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      questions: QUESTIONS,
      files: [
        {
          label: 'a.yaml',
          values: {replicaCount: 'three', persistence: {apps: {size: '10Gb'}}},
          locate: (path) => `a.yaml@${path.join('.')}`,
        },
      ],
      sets: sets('buntime.poolSize=0', 'ingres.host=x'),
      release: 'buntime',
    });
    expect(result.ok).toBe(false);
    expect(ids(result)).toEqual(
      expect.arrayContaining([
        'error:values.unknown:ingres.host@--set ingres.host=x',
        'error:question.type:replicaCount@a.yaml@replicaCount',
        'error:question.below_min:buntime.poolSize@--set buntime.poolSize=0',
        'error:values.quantity:persistence.apps.size@a.yaml@persistence.apps.size',
      ]),
    );
    // One message per path: the question error wins over the generic integer rule.
    expect(ids(result).filter((id) => id.includes(':replicaCount@'))).toHaveLength(1);
    expect(result.findings.find((item) => item.id === 'values.unknown')?.hint).toBe("Did you mean 'ingress.host'?");
  });

  it('refuses secrets in --set', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      questions: QUESTIONS,
      sets: sets('tursoServer.authToken=abc'),
      release: 'buntime',
    });
    expect(ids(result)).toContain('error:set.secret:tursoServer.authToken@--set tursoServer.authToken=…');
    expect(JSON.stringify(result.findings)).not.toContain('abc');
    expect(result.values).toMatchObject({tursoServer: {authToken: ''}});
  });

  it('drops answers of hidden questions with a warning', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      questions: QUESTIONS,
      files: [{label: 'a.yaml', values: {buntime: {rootKey: 'r', authDb: {syncUrl: 'libsql://x.example.com'}}}}],
      release: 'buntime',
    });
    expect(ids(result)).toEqual(['warning:question.hidden:buntime.authDb.syncUrl@a.yaml']);
    expect(result.values).toMatchObject({buntime: {authDb: {syncUrl: ''}}});
  });

  it('reports type mismatches against the chart defaults for values without a question', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      questions: QUESTIONS,
      files: [{label: 'a.yaml', values: {image: 'nginx', autoscaling: {enabled: 'yes'}, buntime: {rootKey: 'r'}}}],
      release: 'buntime',
    });
    expect(ids(result)).toEqual(
      expect.arrayContaining(['error:values.type:image@a.yaml', 'error:values.type:autoscaling.enabled@a.yaml']),
    );
  });

  it("agrees with the chart's values.schema.json: unknown keys are errors naming the closest path", () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../charts/buntime/values.schema.json', import.meta.url), 'utf8'),
    ) as Values;
    const chartDefaults = parse(
      readFileSync(new URL('../../../charts/buntime/values.yaml', import.meta.url), 'utf8'),
    ) as Values;
    const result = renderValues({
      chartDefaults,
      schema,
      files: [
        {
          label: 'a.yaml',
          values: {
            replicas: 2,
            ingress: {hots: 'a.example.com', annotations: {'any/key': 'x'}},
            serviceAccount: {create: true},
            global: {cattle: {systemDefaultRegistry: 'r.local'}},
            resources: {limits: {'ephemeral-storage': '1Gi'}},
            buntime: {rootKey: 'r'},
          },
        },
      ],
      release: 'buntime',
    });
    const unknown = result.findings.filter((item) => item.id === 'values.unknown');
    expect(unknown.map((item) => `${item.severity}:${item.path}:${item.hint}`)).toEqual([
      "error:replicas:Did you mean 'replicaCount'?",
      "error:ingress.hots:Did you mean 'ingress.host'?",
      "error:serviceAccount.create:Did you mean 'serviceAccount.name'?",
    ]);
    expect(unknown[0]?.message).toMatch(/values\.schema\.json rejects it, so helm would refuse to install/);
    expect(result.ok).toBe(false);
  });

  it('flags unknown keys without a schema: warning in a user file, error in a preset', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      preset: {...k3s, values: {ingress: {clas: 'x'}}},
      files: [{label: 'a.yaml', values: {replicas: 2, buntime: {rootKey: 'r'}}}],
      release: 'buntime',
    });
    expect(ids(result)).toEqual(
      expect.arrayContaining([
        'error:values.unknown:ingress.clas@preset k3s',
        'warning:values.unknown:replicas@a.yaml',
      ]),
    );
  });

  it('reads Rancher-style flat answers as nested paths', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      files: [
        {
          label: 'a.yaml',
          values: {'ingress.host': 'b.example.com', 'buntime.rootKey': 'r', 'service.type': 'ClusterIP'},
        },
      ],
      release: 'buntime',
    });
    expect(ids(result)).toEqual([]);
    expect(result.values).toMatchObject({ingress: {host: 'b.example.com'}, service: {type: 'ClusterIP'}});
  });

  it('works without a questions file', () => {
    const result = renderValues({
      chartDefaults: DEFAULTS,
      files: [{label: 'a.yaml', values: {replicaCount: 2}}],
      release: 'buntime',
    });
    expect(result.values['replicaCount']).toBe(2);
    expect(ids(result)).toContain('error:replicas.rwx:persistence.plugins.accessMode@');
  });

  it('diffValues keeps only changes', () => {
    expect(diffValues({a: 1, b: {c: 2, d: 3}, e: [1], f: {}}, {a: 1, b: {c: 2, d: 4}, e: [1], f: {}})).toEqual({
      b: {d: 3},
    });
    expect(diffValues({a: {x: 1}}, {a: {}})).toEqual({a: {x: 1}});
    expect(diffValues({n: null}, {n: 'x'})).toEqual({n: null});
  });
});
