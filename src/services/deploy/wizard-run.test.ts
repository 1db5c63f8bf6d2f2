import {screen} from '@inquirer/testing/vitest';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {onlineCluster} from '../../../test/helpers/cluster-info.js';
import {screenShows} from '../../../test/helpers/inquirer-screen.js';
import type {OnlineCluster} from '../../adapters/kube/cluster-info.js';
import {createStyle} from '../../ui/style.js';
import type {DeployOptions} from './options.js';
import {chooseNamespace} from './wizard-flow.js';
import {adoptRelease} from './wizard-run.js';

const OPTIONS: DeployOptions = {
  release: 'buntime',
  namespace: 'buntime',
  values: [],
  sets: [],
  timeout: '10m',
  namespaceGiven: false,
  releaseGiven: false,
};
const release = (name: string, namespace: string) => ({
  name,
  namespace,
  revision: 1,
  status: 'deployed',
  chart: 'buntime',
  chartVersion: '0.6.0',
});

/** One Ready node, no StorageClass or cert-manager: only namespaces and releases matter here. */
const cluster = (overrides: Partial<OnlineCluster> = {}): OnlineCluster =>
  onlineCluster({
    nodes: {total: 1, ready: 1},
    namespace: {name: 'buntime', exists: false},
    namespaces: ['default', 'kube-system', 'zomme', 'apps', 'taken'],
    storageClasses: [],
    clusterIssuers: {installed: false, items: []},
    ...overrides,
  });

describe('namespace and release from the cluster', () => {
  it('adopts the only Buntime release when --namespace was not given', () => {
    expect(adoptRelease(OPTIONS, cluster({releases: [release('edge', 'zomme')]}))).toMatchObject({
      namespace: 'zomme',
      release: 'edge',
    });
  });
  it('keeps the flags, and does not guess among several releases', () => {
    expect(
      adoptRelease({...OPTIONS, namespaceGiven: true}, cluster({releases: [release('edge', 'zomme')]})),
    ).toBeUndefined();
    expect(adoptRelease(OPTIONS, cluster({releases: [release('a', 'x'), release('b', 'y')]}))).toBeUndefined();
    expect(
      adoptRelease({...OPTIONS, releaseGiven: true}, cluster({releases: [release('edge', 'zomme')]})),
    ).toBeUndefined();
  });

  it('day zero picks a namespace without a release (system ones hidden) or a new one', async () => {
    const io = {
      stdin: Object.assign(new PassThrough(), {isTTY: true}),
      stdout: new PassThrough(),
      interactive: true,
      style: createStyle(false),
    };
    const picked = chooseNamespace(io, OPTIONS, cluster({releases: [release('buntime', 'taken')]}));
    const shown = await screenShows('another one');
    expect(shown).toContain('buntime (will be created)');
    expect(shown).toContain('zomme (exists)');
    expect(shown).not.toContain('kube-system');
    expect(shown).not.toContain('taken');
    for (let index = 0; index < 3; index++) screen.keypress('down');
    screen.keypress('enter');
    await screenShows('Namespace name');
    screen.type('Bad_Name');
    screen.keypress('enter');
    await screenShows('must be lower-case letters');
    for (let index = 0; index < 8; index++) screen.keypress('backspace');
    screen.type('fresh');
    screen.keypress('enter');
    await expect(picked).resolves.toMatchObject({namespace: 'fresh'});
  });
});
