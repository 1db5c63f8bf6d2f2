import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {getPath, leaves} from '../../src/core/values/paths.js';
import {configmapTemplate, pluginEnvModule} from './configmap.js';
import {type ChartSources, SOURCE_PATHS, generateChart} from './generate.js';
import {ManifestError, parseManifest, parseManifests} from './manifests.js';
import {parseQuestions} from './questions.js';
import {parseSchemaBase, valuesSchema} from './schema.js';
import {valuesFile} from './values.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function sources(): ChartSources {
  const dir = join(ROOT, SOURCE_PATHS.pluginsDir);
  return {
    valuesBase: read(SOURCE_PATHS.valuesBase),
    configmapBase: read(SOURCE_PATHS.configmapBase),
    questionsBase: read(SOURCE_PATHS.questionsBase),
    schemaBase: read(SOURCE_PATHS.schemaBase),
    chartYaml: read(SOURCE_PATHS.chartYaml),
    releaseNotes: read(SOURCE_PATHS.releaseNotes),
    manifests: readdirSync(dir).map((name) => ({
      path: `charts/plugins/${name}/manifest.yaml`,
      text: readFileSync(join(dir, name, 'manifest.yaml'), 'utf8'),
    })),
  };
}

describe('generateChart', () => {
  it('matches every generated file in the repository (npm run generate:chart was run)', () => {
    for (const file of generateChart(sources())) {
      expect(existsSync(join(ROOT, file.path)), file.path).toBe(true);
      expect(read(file.path), file.path).toBe(file.content);
    }
  });

  it('keeps every question default equal to the values default', () => {
    const values = parse(read('charts/buntime/values.yaml')) as Record<string, unknown>;
    const questions = parseQuestions(read('charts/buntime/questions.yml'));
    for (const question of questions) {
      const value = getPath(values, question.variable);
      expect(value, `${question.variable} is in values.yaml`).not.toBeUndefined();
      expect(question.default, `default of ${question.variable}`).toEqual(value);
    }
  });

  it('asks a question for every plugin value and the questions that matter most', () => {
    const questions = new Set(parseQuestions(read('charts/buntime/questions.yml')).map((q) => q.variable));
    const values = parse(read('charts/buntime/values.yaml')) as Record<string, unknown>;
    for (const [path] of leaves(values.plugins as Record<string, unknown>, 'plugins'))
      expect(questions.has(path), path).toBe(true);
    for (const path of [
      'replicaCount',
      'tursoServer.enabled',
      'tursoServer.backup.enabled',
      'ingress.host',
      'persistence.plugins.accessMode',
      'persistence.turso.type',
    ]) {
      expect(questions.has(path), path).toBe(true);
    }
  });

  it('generates values.yaml with the base comments kept and plugins appended', () => {
    const text = valuesFile(read(SOURCE_PATHS.valuesBase), parseManifests(sources().manifests));
    expect(text).toMatch(/^# AUTO-GENERATED/);
    expect(text).toContain('# -- Full-access bootstrap key');
    expect(text).not.toContain('Edit this file, never values.yaml');
    expect(parse(text).plugins).toEqual({
      gateway: {
        shellDir: '',
        shellExcludes: 'cpanel',
        cors: {origin: '*', credentials: false},
      },
      turso: {mode: 'local', localPath: '/data/turso/runtime.db', sync: {url: '', authToken: ''}},
    });
  });

  it('refuses a base values file that sets plugins itself', () => {
    expect(() => valuesFile('replicaCount: 1\nplugins: {}\n', [])).toThrow(/must not set plugins/);
  });
});

describe('plugin manifests', () => {
  const manifest = (config: string): string => `name: "@buntime/plugin-demo"\nconfig:\n${config}`;

  it.each([
    ['an unknown type', '  a: {type: text, label: A}', /config\.a: type must be one of/],
    ['a missing label', '  a: {type: string}', /config\.a: label is required/],
    ['an enum without options', '  a: {type: enum, label: A}', /needs a non-empty list of string options/],
    [
      'an enum default outside its options',
      '  a: {type: enum, label: A, options: [x], default: y}',
      /default "y" is not one of the options/,
    ],
    ['a lower-case env name', '  a: {type: string, label: A, env: demo_a}', /UPPER_SNAKE_CASE/],
    ['an object without properties', '  a: {type: object, label: A}', /needs properties/],
  ])('rejects %s, naming the file and field', (_name, config, message) => {
    expect(() => parseManifest('plugins/demo/manifest.yaml', manifest(config))).toThrow(ManifestError);
    expect(() => parseManifest('plugins/demo/manifest.yaml', manifest(config))).toThrow(message);
  });

  it('skips disabled manifests and refuses two plugins writing one variable', () => {
    expect(parseManifest('x.yaml', 'name: "@buntime/plugin-off"\nenabled: false\n')).toBeUndefined();
    const a = {path: 'a.yaml', text: manifest('  a: {type: string, label: A, env: SAME}')};
    const b = {
      path: 'b.yaml',
      text: 'name: "@buntime/plugin-other"\nconfig:\n  b: {type: string, label: B, env: SAME}\n',
    };
    expect(() => parseManifests([a, b])).toThrow(/env SAME is already set by/);
  });

  it('renders each field type by the mandatory-default rule', () => {
    const demo = parseManifests([
      {
        path: 'demo.yaml',
        text: manifest(
          [
            '  s: {type: string, label: S, env: DEMO_S, default: x}',
            '  n: {type: number, label: N, env: DEMO_N, default: 5, min: 1}',
            '  z: {type: number, label: Z, env: DEMO_Z, default: 3, min: 0}',
            '  b: {type: boolean, label: B, env: DEMO_B}',
            '  l: {type: array, label: L, env: DEMO_L}',
            '  p: {type: password, label: P, env: DEMO_P}',
          ].join('\n'),
        ),
      },
    ]);
    const text = configmapTemplate('data:\n', demo);
    expect(text).toContain('  DEMO_S: {{ .Values.plugins.demo.s | default "x" | quote }}');
    expect(text).toContain('  DEMO_N: {{ .Values.plugins.demo.n | default 5 | int64 | quote }}');
    // min 0: a deliberate 0 must survive, so only null falls back.
    expect(text).toContain('  DEMO_Z: {{ include "buntime.orDefault" (list .Values.plugins.demo.z 3) | quote }}');
    expect(text).toContain('  {{- if .Values.plugins.demo.b }}\n  DEMO_B: "true"\n  {{- end }}');
    expect(text).toContain('  {{- with .Values.plugins.demo.l }}');
    expect(text).not.toContain('DEMO_P');
    expect(pluginEnvModule(demo)).toContain(
      "{name: 'DEMO_P', valuePath: 'plugins.demo.p', type: 'password', source: 'plugin:demo', exception: 'password'}",
    );
  });
});

describe('valuesSchema', () => {
  const base = parseSchemaBase('open: []\ndefinitions: {}\npaths: {}\n');

  it('refuses a question about a value that does not exist', () => {
    expect(() => valuesSchema({a: 1}, [{variable: 'b', label: 'B', type: 'int'}], [], base)).toThrow(
      /asks b, which is not in values.base.yaml/,
    );
  });

  it('refuses a constraint on a value that does not exist', () => {
    expect(() => valuesSchema({a: 1}, [], [], parseSchemaBase('paths: {b: {minimum: 1}}'))).toThrow(/constrains b/);
  });

  it('closes objects unless they are listed open, and takes ranges and enums from questions', () => {
    const schema = valuesSchema(
      {a: {b: 1}, open: {x: 1}, mode: 'x'},
      [
        {variable: 'a.b', label: 'B', type: 'int', min: 1, max: 3},
        {variable: 'mode', label: 'M', type: 'enum', options: ['x', 'y']},
      ],
      [],
      parseSchemaBase('open: [open]'),
    ) as {properties: Record<string, Record<string, unknown>>; additionalProperties: boolean};
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['a']).toEqual({
      type: 'object',
      properties: {b: {type: 'integer', minimum: 1, maximum: 3}},
      additionalProperties: false,
    });
    expect(schema.properties['open']).toEqual({type: 'object'});
    expect(schema.properties['mode']).toEqual({type: 'string', enum: ['x', 'y']});
  });
});
