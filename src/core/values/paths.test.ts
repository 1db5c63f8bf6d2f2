import {describe, expect, it} from 'vitest';
import {deletePath, getPath, leaves, mergeValues, setPath, splitPath} from './paths.js';

describe('value paths', () => {
  it('splits on dots but not on escaped dots', () => {
    expect(splitPath('ingress.annotations.cert-manager\\.io/cluster-issuer')).toEqual([
      'ingress',
      'annotations',
      'cert-manager.io/cluster-issuer',
    ]);
  });

  it('gets, sets and deletes without mutating', () => {
    const original = {a: {b: 1}, c: 'x'};
    const changed = setPath(original, 'a.d.e', true);
    expect(changed).toEqual({a: {b: 1, d: {e: true}}, c: 'x'});
    expect(original).toEqual({a: {b: 1}, c: 'x'});
    expect(getPath(changed, 'a.d.e')).toBe(true);
    expect(getPath(changed, 'a.zz')).toBeUndefined();
    expect(deletePath(changed, 'a.b')).toEqual({a: {d: {e: true}}, c: 'x'});
  });

  it('merges objects and replaces arrays like helm -f', () => {
    expect(mergeValues({a: {b: 1, c: [1, 2]}, d: 1}, {a: {c: [3]}, e: 2})).toEqual({a: {b: 1, c: [3]}, d: 1, e: 2});
  });

  it('lists leaves with escaped keys', () => {
    expect(leaves({a: {'x.y': 1, e: {}}, b: []})).toEqual([
      ['a.x\\.y', 1],
      ['a.e', {}],
      ['b', []],
    ]);
  });
});
