import {describe, expect, it} from 'vitest';
import {applySets, parseSet, typedScalar} from './set.js';

function apply(argument: string, defaults: Record<string, unknown> = {}): unknown {
  const parsed = parseSet(argument);
  if (!parsed.ok) throw new Error(parsed.error);
  return applySets({}, parsed.assignments, (path) => defaults[path]);
}

describe('typedScalar (helm typing)', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['null', null],
    ['0', 0],
    ['3', 3],
    ['-3', -3],
    ['007', '007'],
    ['1.5', '1.5'],
    ['1e3', '1e3'],
    ['', ''],
    ['abc', 'abc'],
    ['99999999999999999999', '99999999999999999999'],
  ])('%j → %j', (text, value) => {
    expect(typedScalar(text)).toEqual(value);
  });
});

describe('parseSet + applySets', () => {
  it.each([
    ['a=b', {a: 'b'}],
    ['a.b.c=1', {a: {b: {c: 1}}}],
    ['a=1,b=2', {a: 1, b: 2}],
    ['a.b=1,a.c=true', {a: {b: 1, c: true}}],
    ['list={x,y,3}', {list: ['x', 'y', 3]}],
    ['list={}', {list: []}],
    ['list={a},b=c', {list: ['a'], b: 'c'}],
    ['imagePullSecrets[0].name=gitlab-registry', {imagePullSecrets: [{name: 'gitlab-registry'}]}],
    ['a[1]=x', {a: [null, 'x']}],
    ['a[0][1]=x', {a: [[null, 'x']]}],
    [
      'ingress.annotations.cert-manager\\.io/cluster-issuer=letsencrypt',
      {ingress: {annotations: {'cert-manager.io/cluster-issuer': 'letsencrypt'}}},
    ],
    ['a=x\\,y', {a: 'x,y'}],
    ['a=x=y', {a: 'x=y'}],
    ['a=', {a: ''}],
    ['a=null', {a: null}],
    ['url=http://x:8080/p?q=1', {url: 'http://x:8080/p?q=1'}],
  ])('%s', (argument, expected) => {
    expect(apply(argument)).toEqual(expected);
  });

  it('keeps text where the chart default is text (image tags)', () => {
    expect(apply('image.tag=1234', {'image.tag': 'latest'})).toEqual({image: {tag: '1234'}});
    expect(apply('image.tag=true', {'image.tag': 'latest'})).toEqual({image: {tag: 'true'}});
    expect(apply('replicaCount=3', {replicaCount: 1})).toEqual({replicaCount: 3});
  });

  it('later assignments win', () => {
    const first = parseSet('a=1');
    const second = parseSet('a=2');
    if (!first.ok || !second.ok) throw new Error('parse');
    expect(applySets({a: 0, b: 1}, [...first.assignments, ...second.assignments])).toEqual({a: 2, b: 1});
  });

  it('gives paths with escapes and indexes', () => {
    const parsed = parseSet('x\\.y.z[2].w=1');
    expect(parsed.ok && parsed.assignments[0]?.path).toBe('x\\.y.z[2].w');
  });

  it.each([
    ['', /empty assignment/],
    ['a', /has no value/],
    ['a.b', /'a.b' has no value/],
    ['a,b=1', /'a' has no value/],
    ['=x', /empty key/],
    ['a..b=1', /empty key/],
    ['a[x]=1', /must be a number/],
    ['a[1=1', /must be a number/],
    ['a[0]b=1', /unexpected 'b'/],
    ['a={x,y', /must end with '}'/],
    ['a={x}y', /after a list/],
    ['a[99999999]=1', /too large/],
  ])('rejects %j', (argument, message) => {
    const parsed = parseSet(argument);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
