import {readFileSync, readdirSync} from 'node:fs';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {BUILTIN_PRESETS, parsePreset, resolvePresetRef, unknownPresetMessage} from './preset.js';

const PRESETS_DIR = new URL('../../../presets/', import.meta.url);

describe('built-in presets', () => {
  it('ships exactly the documented presets', () => {
    expect(
      readdirSync(PRESETS_DIR)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => name.replace(/\.yaml$/, ''))
        .sort(),
    ).toEqual([...BUILTIN_PRESETS].sort());
  });

  it.each(BUILTIN_PRESETS)('%s parses, is named after its file and has a description and notes', (name) => {
    const parsed = parsePreset(parse(readFileSync(new URL(`${name}.yaml`, PRESETS_DIR), 'utf8')), {
      source: `preset ${name}`,
    });
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems)).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.preset.name).toBe(name);
    expect(parsed.preset.description.length).toBeGreaterThan(20);
    expect(parsed.preset.notes.length).toBeGreaterThan(0);
  });

  it('encodes what each platform needs', () => {
    const load = (name: string) => {
      const parsed = parsePreset(parse(readFileSync(new URL(`${name}.yaml`, PRESETS_DIR), 'utf8')), {source: name});
      if (!parsed.ok) throw new Error(name);
      return parsed.preset;
    };
    expect(load('k3s').values).toMatchObject({
      service: {type: 'ClusterIP'},
      ingress: {className: 'traefik', tls: {clusterIssuer: expect.any(String)}},
      persistence: {plugins: {storageClass: 'local-path'}},
    });
    expect(load('openshift').values).toMatchObject({
      route: {enabled: true},
      ingress: {host: ''},
      service: {type: 'ClusterIP'},
    });
    expect(load('gitlab-registry').values).toEqual({
      image: {repository: 'registry.example.com/zomme/buntime'},
      imagePullSecrets: [{name: 'gitlab-registry'}],
    });
    expect(load('rancher').values).toMatchObject({ingress: {className: 'nginx'}});
    expect(load('generic').values).toEqual({ingress: {className: ''}});
  });
});

describe('resolvePresetRef', () => {
  it.each([
    ['k3s', {kind: 'builtin', name: 'k3s'}],
    ['K3S', {kind: 'builtin', name: 'k3s'}],
    ['./mine.yaml', {kind: 'file', path: './mine.yaml'}],
    ['mine.yml', {kind: 'file', path: 'mine.yml'}],
    ['dir/preset', {kind: 'file', path: 'dir/preset'}],
    ['k3', {kind: 'unknown', name: 'k3', suggestion: 'k3s'}],
    ['openshfit', {kind: 'unknown', name: 'openshfit', suggestion: 'openshift'}],
    ['azure', {kind: 'unknown', name: 'azure'}],
  ])('%s', (ref, expected) => {
    expect(resolvePresetRef(ref)).toEqual(expected);
  });

  it('lists every preset for an unknown name', () => {
    const {message, hint} = unknownPresetMessage({kind: 'unknown', name: 'k3', suggestion: 'k3s'});
    expect(message).toBe("Unknown preset 'k3'.");
    for (const name of BUILTIN_PRESETS) expect(hint).toContain(name);
  });
});

describe('parsePreset', () => {
  it('accepts flat and nested question defaults and a single note', () => {
    const parsed = parsePreset(
      {
        name: 'mine',
        description: 'd',
        values: {},
        questionDefaults: {'ingress.tls.enabled': true, replicaCount: 2, a: {b: 'c'}},
        notes: 'one',
      },
      {source: 'mine.yaml'},
    );
    expect(parsed.ok && parsed.preset.questionDefaults).toEqual({
      'ingress.tls.enabled': true,
      replicaCount: 2,
      'a.b': 'c',
    });
    expect(parsed.ok && parsed.preset.notes).toEqual(['one']);
  });

  it.each([
    [[], /must be a mapping/],
    [{description: 'x'}, /name must be/],
    [{name: 'Bad Name'}, /name must be/],
    [{name: 'ok', values: []}, /values must be a mapping/],
    [{name: 'ok', values: 'x'}, /values must be a mapping/],
    [{name: 'ok', questionDefaults: [1]}, /questionDefaults must be a mapping/],
    [{name: 'ok', questionDefaults: {a: [1]}}, /must be a single value/],
    [{name: 'ok', notes: [1]}, /notes must be text/],
    [{name: 'ok', description: 5}, /description must be text/],
    [{name: 'ok', value: {}}, /unknown preset key 'value'.*Did you mean 'values'/],
  ])('rejects %j', (root, message) => {
    const parsed = parsePreset(root, {source: 'p.yaml'});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems.map((problem) => `${problem.message} ${problem.hint ?? ''}`).join('\n')).toMatch(message);
  });
});
