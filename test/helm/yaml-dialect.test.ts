/**
 * The values files we read are parsed the way helm parses them: one file of tricky scalars, merge
 * keys and YAML 1.1 keys, rendered by the real helm 3 and helm 4 into `{{ toJson .Values }}` and
 * compared with what buntime-deploy's reader makes of the same file. And what we write, helm reads
 * back unchanged.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseYaml} from '../../src/adapters/files.js';
import {toHelmYaml} from '../../src/core/values/helm-yaml.js';
import {scratchDir} from '../helpers/scratch.js';
import {HELMS} from './render.js';

const SCALARS = [
  'yes',
  'Yes',
  'YES',
  'no',
  'on',
  'Off',
  'y',
  'N',
  'true',
  'False',
  '~',
  'null',
  'Null',
  '',
  '010',
  '0o17',
  '0O17',
  '0x1F',
  '0X1f',
  '-0x1F',
  '0b101',
  '0B11',
  '-0b11',
  '+12',
  '-0',
  '00',
  '08',
  '09.5',
  '1_000',
  '1__0',
  '_1',
  '+_1',
  '0_7',
  '1e3',
  '1E3',
  '1.5e+3',
  '-1.5E-3',
  '.5',
  '+.5',
  '-.5e2',
  '1.',
  '.',
  '._5',
  '1e400',
  '0123456789012345678',
  '12345678901234567890',
  '99999999999999999999',
  '0x10000000000000000',
  '9007199254740993',
  '1:20',
  '1:20.5',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '0.1',
  '3.0',
  '1e-400',
  '0x',
  '0o',
  '0b',
  '1,000',
  '1 000',
  '12abc',
  'abc12',
  '+',
  '.inf_',
  'Infinity',
  'NaN',
  'infinity',
];

function document(): string {
  const lines = SCALARS.map((scalar, index) => `  s${index}: ${scalar}`);
  return [
    'scalars:',
    ...lines,
    'base: &base {x: 1, "y": 2}',
    'merged:',
    '  <<: *base',
    '  "y": 3',
    'mergedList:',
    '  <<: [*base, {z: 9}]',
    'keys:',
    '  y: 1',
    '  no: 3',
    '  010: 4',
    '  1.50: 5',
    '',
  ].join('\n');
}

describe.each(HELMS)('$name reads values as buntime-deploy does', (helm) => {
  let chart: string;
  beforeAll(() => {
    chart = scratchDir('bd-dialect-');
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: dialect\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), '{}\n');
    writeFileSync(join(chart, 'templates', 'values.yaml'), 'json: {{ toJson .Values | quote }}\n');
  });

  function helmValues(file: string): unknown {
    const out = execFileSync(helm.path, ['template', 'x', chart, '-f', file], {encoding: 'utf8'});
    const json = /json: (".*")\s*$/m.exec(out)?.[1];
    if (!json) throw new Error(`no values in ${out}`);
    return JSON.parse(JSON.parse(json) as string);
  }

  it('scalars, merge keys and YAML 1.1 keys', () => {
    const file = join(chart, 'tricky.yaml');
    const text = document();
    writeFileSync(file, text);
    const ours = parseYaml(text, 'tricky.yaml', {what: 'values file'}).value;
    expect(ours).toEqual(helmValues(file));
  });

  it('.inf and .nan: helm refuses them, and so do we, at file:line', () => {
    const file = join(chart, 'inf.yaml');
    writeFileSync(file, 'a: 1\nb: .inf\n');
    expect(() => execFileSync(helm.path, ['template', 'x', chart, '-f', file], {stdio: 'pipe'})).toThrow();
    expect(() => parseYaml('a: 1\nb: .inf\n', 'inf.yaml', {what: 'values file'})).toThrow(/inf\.yaml/);
    try {
      parseYaml('a: 1\nb: -.Inf\n', 'inf.yaml', {what: 'values file'});
    } catch (error) {
      expect((error as {problems: Array<{where: string}>}).problems[0]?.where).toBe('inf.yaml:2:1');
    }
  });

  it('what we write, helm reads back unchanged (strings that look like numbers or booleans stay strings)', () => {
    const values = {
      strings: Object.fromEntries(SCALARS.map((scalar, index) => [`s${index}`, scalar])),
      numbers: {a: 1, b: -2.5, c: 1e21, d: 0.1, e: 123456789012345680},
      keys: {y: 'key y', on: 'key on', '010': 'key 010'},
    };
    const file = join(chart, 'written.yaml');
    writeFileSync(file, toHelmYaml(values));
    expect(helmValues(file)).toEqual(values);
  });
});
