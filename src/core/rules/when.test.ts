import {describe, expect, it} from 'vitest';
import {cleanPath, fill, holds, isInside, variables, type When} from './when.js';

describe('when', () => {
  it.each([
    ['/data//apps/./x.db', '/data/apps/x.db'],
    ['data/apps/', 'data/apps'],
    ['/', '/'],
    ['/data/../apps/x', '/apps/x'],
    ['/../x', '/x'],
    ['../a/../../b', '../../b'],
    ['', '.'],
  ])('cleans %s to %s', (path, clean) => expect(cleanPath(path)).toBe(clean));

  it.each([
    ['/data/apps/x.db', '/data/apps', true],
    ['/data/apps', '/data/apps/', true],
    ['/data/apps-old/x.db', '/data/apps', false],
    ['data/apps/x.db', '/data/apps', false],
    ['/data/../data/apps/x.db', '/data/apps', true],
    ['/data/apps/../turso/x.db', '/data/apps', false],
  ])('%s inside %s: %s', (path, dir, inside) => expect(isInside(path, dir)).toBe(inside));

  it('reads values like the rule helpers (strings, numbers, "true")', () => {
    const values = {a: {b: 'true', n: '3', s: 'x', z: 0}, f: true};
    expect(holds({flag: 'a.b'}, values)).toBe(true);
    expect(holds({flag: 'a.s'}, values)).toBe(false);
    expect(holds({above: 'a.n', than: 2, unset: 1}, values)).toBe(true);
    expect(holds({above: 'a.missing', than: 0, unset: 1}, values)).toBe(true);
    expect(holds({set: 'a.z'}, values)).toBe(true);
    expect(holds({set: 'a.missing.deeper'}, values)).toBe(false);
    expect(holds({is: 'a.s', value: 'x'}, values)).toBe(true);
    const when: When = {all: [{flag: 'f'}, {any: [{not: {set: 'a.s'}}, {is: 'a.n', value: '3'}]}]};
    expect(holds(when, values)).toBe(true);
    expect(variables(when)).toEqual(['f', 'a.s', 'a.n']);
  });

  it('fills value paths and phrases, the first matching alternative winning', () => {
    const phrases = {pods: [{when: {flag: 'auto'}, text: 'up to {max}'}, {text: '{count} pods'}]};
    expect(fill('{@pods} on {where}', {count: 3, where: 'k3s'}, phrases)).toBe('3 pods on k3s');
    expect(fill('{@pods}', {auto: true, max: 5}, phrases)).toBe('up to 5');
    expect(() => fill('{@nope}', {}, phrases)).toThrow(/unknown phrase/);
  });
});
