import {screen} from '@inquirer/testing/vitest';
import {PassThrough} from 'node:stream';
import {beforeAll, describe, expect, it} from 'vitest';
import {screenShows} from '../../../../test/helpers/inquirer-screen.js';
import {readYamlFile} from '../../../adapters/files.js';
import {bundledChartDir} from '../../../adapters/package-root.js';
import {loadQuestions} from '../../../adapters/render-inputs.js';
import type {QuestionFile} from '../../../core/questions/types.js';
import {getPath, type Values} from '../../../core/values/paths.js';
import type {StorageClassFact} from '../../../core/upgrade/types.js';
import {createStyle} from '../../style.js';
import type {FlowIo} from './io.js';
import {askQuestions, type QuestionFlowInput} from './questions.js';
import {createSession} from './session.js';

const CLASSES: StorageClassFact[] = [
  {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true, rwx: 'no', allowVolumeExpansion: false},
  {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false, rwx: 'yes', allowVolumeExpansion: true},
];
const CLUSTER = {
  readyNodes: 3,
  storageClasses: CLASSES,
  issuers: ['home-ca'],
  context: {
    nodeCount: 3,
    storageClasses: CLASSES.map((sc) => ({name: sc.name, provisioner: sc.provisioner, isDefault: sc.isDefault})),
  },
};

let questions: QuestionFile;
let defaults: Values;
let output = '';

beforeAll(async () => {
  questions = (await loadQuestions(bundledChartDir(), process.cwd())) as QuestionFile;
  defaults = (await readYamlFile(`${bundledChartDir()}/values.yaml`, {cwd: process.cwd(), what: 'values'}))
    .value as Values;
});

function io(): FlowIo {
  output = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {stdin: Object.assign(new PassThrough(), {isTTY: true}), stdout, interactive: true, style: createStyle(false)};
}

/** No S3 in this test: the backup section is declined before any call is made. */
const NO_S3: QuestionFlowInput['backup'] = {
  check: () => Promise.reject(new Error('no S3 call expected')),
  create: () => Promise.reject(new Error('no S3 call expected')),
};

async function step(expected: string | RegExp, ...keys: Array<string | {type: string}>): Promise<void> {
  await screenShows(expected);
  for (const key of keys) {
    if (typeof key === 'string') screen.keypress(key);
    else screen.type(key.type);
  }
}

describe('question flow (real chart questions, real engine)', () => {
  it('day zero: ingress with cert-manager, one pod, RWX offered for the shared volumes', async () => {
    const session = createSession(questions, {base: defaults});
    const done = askQuestions(io(), {
      mode: 'install',
      session,
      cluster: CLUSTER,
      existingCredentials: {},
      backup: NO_S3,
    });
    await step('Ingress Hostname', {type: 'buntime.example.com'}, 'enter');
    await step('Enable HTTPS', {type: 'y'}, 'enter');
    await step('cert-manager ClusterIssuer', 'down', 'enter');
    await step('Service Type', 'up', 'enter');
    await step('Runtime pods', 'enter');
    await step(/nfs — ReadWriteMany \(recommended/, 'enter');
    await step('In-cluster turso-server', 'enter');
    await step('Change anything else?', 'enter');
    await done;
    const values = session.values();
    expect(getPath(values, 'ingress.host')).toBe('buntime.example.com');
    expect(getPath(values, 'ingress.tls.enabled')).toBe(true);
    expect(getPath(values, 'ingress.tls.clusterIssuer')).toBe('home-ca');
    expect(getPath(values, 'service.type')).toBe('ClusterIP');
    expect(getPath(values, 'replicaCount')).toBe(1);
    expect(getPath(values, 'persistence.plugins')).toMatchObject({accessMode: 'ReadWriteMany', storageClass: 'nfs'});
    expect(getPath(values, 'persistence.apps')).toMatchObject({accessMode: 'ReadWriteMany', storageClass: 'nfs'});
    expect(getPath(values, 'tursoServer.enabled')).toBe(false);
    expect(output.replace(/\s+/g, ' ')).toContain('── Storage');
  });

  it('three pods: explains what they need in place and sets it up', async () => {
    const session = createSession(questions, {base: defaults});
    const done = askQuestions(io(), {
      mode: 'install',
      session,
      cluster: CLUSTER,
      existingCredentials: {},
      backup: NO_S3,
    });
    await step('Ingress Hostname', 'enter');
    await step('Service Type', 'enter');
    await step('Runtime pods', 'backspace', {type: '3'}, 'enter');
    await step('How should 3 pods work?', 'enter');
    await step('turso-server Volume Size', 'enter');
    await step('Max Running Namespaces', 'enter');
    await step('Idle Namespace TTL', 'enter');
    await step('Archive Retention', 'enter');
    await step('Back up every turso-server database', {type: 'n'}, 'enter');
    await step('Change anything else?', 'enter');
    await done;
    const values = session.values();
    expect(getPath(values, 'replicaCount')).toBe(3);
    expect(getPath(values, 'tursoServer.enabled')).toBe(true);
    expect(getPath(values, 'buntime.authDb.mode')).toBe('sync');
    expect(getPath(values, 'plugins.turso.mode')).toBe('sync');
    expect(getPath(values, 'persistence.apps')).toMatchObject({accessMode: 'ReadWriteMany', storageClass: 'nfs'});
    expect(output.replace(/\s+/g, ' ')).toContain('More than one runtime pod needs');
    expect(output.replace(/\s+/g, ' ')).toContain('Tokens: generated now');
    // Storage was settled by the replica choice: the shared-volume question is not asked again.
    expect(output.replace(/\s+/g, ' ')).toContain('/data/plugins and /data/apps: ReadWriteMany on nfs.');
  });

  it('upgrade: existing volumes are not offered for change', async () => {
    const session = createSession(questions, {
      base: defaults,
      answers: {persistence: {plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'}}},
    });
    const done = askQuestions(io(), {
      mode: 'upgrade',
      session,
      cluster: CLUSTER,
      existingCredentials: {tursoAuthToken: 'x'.repeat(43), tursoAdminToken: 'y'.repeat(43)},
      backup: NO_S3,
    });
    await step('Ingress Hostname', 'enter');
    await step('Service Type', 'enter');
    await step('Runtime pods', 'enter');
    await step('In-cluster turso-server', 'enter');
    await step('Change anything else?', 'enter');
    await done;
    expect(output.replace(/\s+/g, ' ')).toContain('immutable on a live PVC');
  });

  it('offline (render-only): storage classes are typed, not picked', async () => {
    const session = createSession(questions, {base: defaults});
    const done = askQuestions(io(), {mode: 'render', session, existingCredentials: {}, backup: NO_S3});
    await step('Ingress Hostname', 'enter');
    await step('Service Type', 'enter');
    await step('Runtime pods', 'enter');
    await step('Plugins Volume Access Mode', 'enter');
    const storageScreen = await screenShows(/Storage Class/);
    expect(storageScreen).not.toContain('cluster default');
    screen.keypress('enter');
    await step(/Apps Volume Access Mode/, 'enter');
    await step(/Storage Class/, 'enter');
    await step('In-cluster turso-server', 'enter');
    await step('Change anything else?', 'enter');
    await done;
    expect(getPath(session.values(), 'persistence.plugins.accessMode')).toBe('ReadWriteOnce');
  });

  it('checks each answer where it is given: a CPU limit of 2Gb is refused at the question, hinting 2 not 2Gi', async () => {
    const session = createSession(questions, {base: defaults});
    const run = () =>
      askQuestions(io(), {mode: 'install', session, cluster: CLUSTER, existingCredentials: {}, backup: NO_S3});
    let done = run();
    for (const label of [
      'Ingress Hostname',
      'Service Type',
      'Runtime pods',
      'Shared volumes',
      'In-cluster turso-server',
    ])
      await step(label, 'enter');
    await openGroup('Resources');
    await step('Runtime CPU Request', 'enter');
    await step('Runtime Memory Request', 'enter');
    await step('? Runtime CPU Limit', {type: '2Gb'}, 'enter');
    const refused = await screenShows('is a memory size, not CPU');
    expect(refused).toContain("Did you mean '2'?");
    expect(refused).not.toContain('2Gi');
    for (let i = 0; i < 3; i++) screen.keypress('backspace');
    screen.type('2');
    screen.keypress('enter');
    await step('Runtime Memory Limit', 'enter');
    await done;
    expect(getPath(session.values(), 'resources.limits.cpu')).toBe('2');

    // Asked again (the Review's "go through every question again"), the group opened before is ticked.
    done = run();
    for (const label of ['Ingress Hostname', 'Service Type', 'Runtime pods', 'In-cluster turso-server'])
      await step(label, 'enter');
    expect(await screenShows('Change anything else?')).toMatch(/◉ Resources/);
    screen.keypress('enter');
    for (const label of ['Runtime CPU Request', 'Runtime Memory Request', 'Runtime CPU Limit', 'Runtime Memory Limit'])
      await step(label, 'enter');
    await done;
  });
});

describe('render-only wording (no cluster was looked at)', () => {
  it('says tokens go to the 0600 file and asks for an RWX class without claiming none exists', async () => {
    const session = createSession(questions, {base: defaults});
    const done = askQuestions(io(), {mode: 'render', session, existingCredentials: {}, backup: NO_S3});
    await step('Ingress Hostname', 'enter');
    await step('Service Type', 'enter');
    await step('Runtime pods', 'backspace', {type: '3'}, 'enter');
    await step('How should 3 pods work?', 'enter');
    await step('RWX StorageClass for plugins and apps', {type: 'cephfs'}, 'enter');
    for (const label of [
      'turso-server Volume Size',
      'Max Running Namespaces',
      'Idle Namespace TTL',
      'Archive Retention',
    ])
      await step(label, 'enter');
    await step('Back up every turso-server database', {type: 'n'}, 'enter');
    await step('Change anything else?', 'enter');
    await done;
    const said = output.replace(/\s+/g, ' ');
    expect(said).toContain('Render only: no cluster was looked at');
    expect(said).not.toContain('No StorageClass here');
    expect(said).toContain('written only to the 0600 secrets file');
    expect(said).not.toContain('stored only in the credentials Secret');
    expect(getPath(session.values(), 'persistence.apps.storageClass')).toBe('cephfs');
  });
});

/** Ticks `group` in the "Change anything else?" list and continues. */
async function openGroup(group: string): Promise<void> {
  await screenShows('Change anything else?');
  for (let i = 0; i < 12 && !screen.getScreen().includes(`❯◯ ${group}`); i++) {
    screen.keypress('down');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(screen.getScreen()).toContain(`❯◯ ${group}`);
  screen.keypress('space');
  screen.keypress('enter');
}
