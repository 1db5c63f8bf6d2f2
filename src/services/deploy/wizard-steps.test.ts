import {describe, expect, it} from 'vitest';
import {loadRenderInputs} from '../../adapters/render-inputs.js';
import {getPath} from '../../core/values/paths.js';
import type {DeployedRelease} from './live.js';
import {startSession} from './wizard-steps.js';

describe('startSession', () => {
  it('starts from defaults ← preset ← live values ← -f files ← --set', async () => {
    const inputs = await loadRenderInputs({
      cwd: process.cwd(),
      preset: 'k3s',
      sets: ['replicaCount=2', 'ingress.host=from-set.example.com'],
    });
    const live = {
      userValues: {
        ingress: {host: 'live.example.com'},
        buntime: {rootKey: 'live-secret-root-key'},
        service: {type: 'NodePort'},
      },
    } as unknown as DeployedRelease;
    const session = startSession(inputs, live);
    const values = session.values();
    expect(getPath(values, 'ingress.className')).toBe('traefik');
    expect(getPath(values, 'service.type')).toBe('NodePort');
    expect(getPath(values, 'ingress.host')).toBe('from-set.example.com');
    expect(getPath(values, 'replicaCount')).toBe(2);
    expect(JSON.stringify(session.rawAnswers())).not.toContain('live-secret-root-key');
  });
});
