import {describe, expect, it} from 'vitest';
import {checkPath, knownPaths, unknownLeaves} from './known-paths.js';

const defaults = {
  replicaCount: 1,
  image: {repository: 'r', tag: 'latest'},
  imagePullSecrets: [],
  ingress: {host: '', annotations: {}, tls: {enabled: false}},
  resources: {requests: {cpu: '1'}},
  nothing: null,
};
const known = knownPaths(defaults, {questions: ['plugins.turso.mode'], open: ['resources']});

describe('knownPaths / checkPath', () => {
  it.each([
    'replicaCount',
    'image',
    'image.tag',
    'ingress.tls.enabled',
    'ingress.annotations.cert-manager\\.io/cluster-issuer',
    'imagePullSecrets',
    'imagePullSecrets[0].name',
    'resources.requests.ephemeral-storage',
    'resources.limits.cpu',
    'plugins.turso.mode',
    'plugins',
    'nothing',
  ])('knows %s', (path) => {
    expect(checkPath(known, path)).toEqual({known: true});
  });

  it.each([
    ['ingres.host', 'ingress.host', /not a value of this chart/],
    ['replicacount', 'replicaCount', /not a value/],
    ['image.tags', 'image.tag', /not a value/],
    ['replicaCount.x', 'replicaCount', /single value/],
    ['ingress.tls.enabled.x', 'ingress.tls.enabled', /single value/],
    ['host', 'ingress.host', /not a value/],
    ['image[0]', undefined, /not a list/],
  ])('rejects %s (suggests %s)', (path, suggestion, message) => {
    const result = checkPath(known, path);
    expect(result.known).toBe(false);
    if (!result.known) {
      expect(result.message).toMatch(message);
      expect(result.closest).toBe(suggestion);
    }
  });

  it('lists unknown leaves of a values tree', () => {
    expect(
      unknownLeaves(known, {replicaCount: 2, ingres: {host: 'x'}, ingress: {annotations: {a: 'b'}}}).items.map(
        (item) => item.path,
      ),
    ).toEqual(['ingres.host']);
  });
});
