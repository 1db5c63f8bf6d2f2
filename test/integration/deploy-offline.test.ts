import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {blackHoleCluster, realHelms, type BlackHole} from '../helpers/helm-tools.js';
import {captureIo} from '../helpers/io.js';
import type {HelmBinary} from '../../src/adapters/helm/binary.js';

describe('install against a cluster that does not answer', () => {
  let hole: BlackHole;
  let helm: HelmBinary;
  beforeAll(async () => {
    [helm] = (await realHelms()) as [HelmBinary];
    hole = await blackHoleCluster();
  });
  afterAll(async () => {
    await hole?.close();
  });

  it('fails with exit 1, says the API server does not answer and points at render', async () => {
    const io = captureIo({env: {...hole.env, BUNTIME_DEPLOY_HELM: helm.path}});
    const code = await main(['install', '--yes'], io);
    expect(code).toBe(1);
    expect(io.err()).toContain('Cannot reach the API server');
    expect(io.err()).toContain('no answer in time');
    expect(io.err()).toContain("'buntime-deploy render'");
  });
});
