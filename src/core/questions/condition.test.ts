import {describe, expect, it} from 'vitest';
import {conditionVariables, evaluateCondition, parseCondition, subquestionsShown} from './condition.js';
import {getPath} from '../values/paths.js';

const values = {
  service: {type: 'NodePort'},
  tursoServer: {enabled: true, backup: {enabled: false}},
  replicaCount: 3,
  ingress: {host: '', className: 'traefik'},
  empty: null,
  zero: 0,
  'hyphen-key': 'x',
  name: 'a b',
  mode: 'Some value (note)',
  eq: 'a=b',
  quote: '"x',
};
const lookup = (variable: string): unknown => getPath(values, variable);

describe('parseCondition + evaluateCondition', () => {
  it.each([
    ['service.type=NodePort', true],
    ['service.type = NodePort', true],
    ['service.type==NodePort', true],
    ['service.type=ClusterIP', false],
    ['service.type!=ClusterIP', true],
    ['service.type!=NodePort', false],
    ['tursoServer.enabled=true', true],
    ['tursoServer.enabled=false', false],
    ['tursoServer.backup.enabled=false', true],
    ['replicaCount=3', true],
    ['replicaCount!=1', true],
    ['ingress.host=', true],
    ['ingress.host!=', false],
    ['ingress.className=', false],
    ['missing.key=', true],
    ['missing.key!=', false],
    ['missing.key=null', true],
    ['empty=null', true],
    ['empty=', true],
    ['zero=', true],
    ['tursoServer.backup.enabled=', true],
    ['service.type=NodePort&&tursoServer.enabled=true', true],
    ['service.type=NodePort&&tursoServer.enabled=false', false],
    ['service.type=ClusterIP||tursoServer.enabled=true', true],
    ['service.type=ClusterIP||tursoServer.enabled=false', false],
    // && binds tighter than ||
    ['service.type=ClusterIP&&replicaCount=1||tursoServer.enabled=true', true],
    ['tursoServer.enabled=true||service.type=ClusterIP&&replicaCount=1', true],
    ['service.type=ClusterIP&&replicaCount=1||tursoServer.enabled=false', false],
    // parentheses change it
    ['service.type=ClusterIP&&(replicaCount=1||tursoServer.enabled=true)', false],
    ['(service.type=NodePort||service.type=LoadBalancer)&&replicaCount!=1', true],
    ['((service.type=NodePort))', true],
    ['( service.type=NodePort ) && ( ingress.host= )', true],
    ['hyphen-key=x', true],
    ['name="a b"', true],
    ["name='a b'", true],
    ['name=a b', true],
    ['name = a b  ', true],
    // The value is all the text after = up to && or || (rancher/dashboard migrate()).
    ['mode=Some value (note)', true],
    ['mode!=Some value (note)', false],
    ['(mode=Some value (note))&&replicaCount=3', true],
    ['(zero=1||mode=Some value (note) )', true],
    ['((mode=Some value (note)))', true],
    ['name=a b)', false],
    ['eq=a=b', true],
    ['quote="x', true],
    // A bare variable is a Jexl truthiness test in the dashboard.
    ['service.type', true],
    ['missing.key', false],
    ['zero', false],
    ['service.type&&!missing', false],
  ])('%s → %s', (text, expected) => {
    const parsed = parseCondition(text);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (parsed.ok) expect(evaluateCondition(parsed.condition, lookup)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['service type', /expected '=' or '!=' after 'service'/],
    ['=x', /variable name/],
    ['a=b&&', /variable name/],
    ['(a=b', /missing '\)'/],
    ['a=b)&&(c=d', /missing '\)'/],
    ['a=b||(c=d', /missing/],
    ['a b=c', /contains a space/],
    ['(a)b=c', /parentheses group whole conditions only/],
  ])('rejects %j', (text, message) => {
    const parsed = parseCondition(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('lists every variable once', () => {
    const parsed = parseCondition('a=1&&(b=2||a!=3)||c=');
    expect(parsed.ok && conditionVariables(parsed.condition)).toEqual(['a', 'b', 'c']);
  });
});

describe('subquestionsShown', () => {
  it.each([
    [undefined, 'anything', true],
    [true, true, true],
    [true, false, false],
    ['true', true, true],
    [false, false, true],
    [false, true, false],
    ['false', undefined, true],
    ['external', 'external', true],
    ['external', 'internal', false],
    ['3', 3, true],
  ] as const)('trigger %j with parent %j → %s', (trigger, parent, expected) => {
    expect(subquestionsShown(trigger, parent)).toBe(expected);
  });
});
