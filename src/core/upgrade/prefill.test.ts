import {describe, expect, it} from 'vitest';
import {prefillFromLive} from './prefill.js';

const DEFAULTS = {
  replicaCount: 1,
  image: {repository: 'ghcr.io/djalmajr/buntime', tag: 'latest'},
  ingress: {host: '', annotations: {}},
  buntime: {rootKey: '', existingSecret: ''},
  persistence: {turso: {type: 'pvc', size: '10Gi'}},
  extraEnv: [],
};

describe('prefillFromLive', () => {
  it('keeps new chart defaults the live release never set (no --reuse-values trap)', () => {
    const prefill = prefillFromLive({replicaCount: 2}, DEFAULTS);
    expect(prefill.values).toMatchObject({replicaCount: 2, persistence: {turso: {type: 'pvc', size: '10Gi'}}});
    expect(prefill.answers).toEqual({replicaCount: 2});
  });

  it('moves inline secrets out of the answers into credentials', () => {
    const prefill = prefillFromLive({buntime: {rootKey: 'live-root-key-value'}}, DEFAULTS);
    expect(prefill.credentials).toEqual({rootKey: 'live-root-key-value'});
    expect(JSON.stringify(prefill.answers)).not.toContain('live-root-key-value');
  });

  it('reports answers the new chart does not know, but not free-form maps', () => {
    const prefill = prefillFromLive(
      {legacyThing: {a: 1}, ingress: {annotations: {'x/y': 'z'}}, extraEnv: [{name: 'A', value: 'b'}]},
      DEFAULTS,
    );
    expect(prefill.unknownPaths).toEqual(['legacyThing.a']);
  });
});
