import {describe, expect, it} from 'vitest';
import {objectKey, parseManifest} from './manifest.js';
import {chartFullname} from './names.js';

describe('parseManifest', () => {
  it('reads helm output with Source comments, empty documents and Lists', () => {
    const text = [
      '---',
      '# Source: buntime/templates/service.yaml',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: buntime}',
      '---',
      '# Source: buntime/templates/empty.yaml',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}',
    ].join('\n');
    expect(parseManifest(text).map(objectKey)).toEqual(['Service/buntime', 'ConfigMap/a']);
  });
  it('fails on broken YAML', () => {
    expect(() => parseManifest('kind: [')).toThrow(/not valid YAML/);
  });
});

describe('chartFullname', () => {
  it.each([
    ['buntime', {}, 'buntime'],
    ['buntime-prod', {}, 'buntime-prod'],
    ['prod', {}, 'prod-buntime'],
    ['prod', {fullnameOverride: 'rt'}, 'rt'],
    ['prod', {nameOverride: 'rt'}, 'prod-rt'],
    ['rel-', {fullnameOverride: 'x-'}, 'x'],
  ] as const)('%s %j → %s', (release, values, expected) => {
    expect(chartFullname(release, values)).toBe(expected);
  });
});
