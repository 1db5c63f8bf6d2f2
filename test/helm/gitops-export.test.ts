/**
 * `export` for each engine: the values the engine would hand to helm, taken back out of the files it
 * would apply, render through the real helm 3 and helm 4 exactly the manifests the install plan of
 * the same answers renders (secrets aside: both read the credentials Secret); Fleet's per-cluster
 * customizations included. And no secret (generated or typed) in any exported file or in the output.
 */
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {parse, parseAllDocuments, stringify} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {findHelm} from '../../src/adapters/helm/binary.js';
import {helmTemplate} from '../../src/adapters/helm/template.js';
import {loadRenderInputs} from '../../src/adapters/render-inputs.js';
import {main} from '../../src/cli.js';
import {CREDENTIAL_KEYS} from '../../src/core/credentials/keys.js';
import {buildPlan} from '../../src/services/deploy/plan.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';
import {CHART, fixture, HELMS} from './render.js';

const ANSWERS = fixture('multi-pod-sync');
/** The secrets typed into the answers file (moved to the credentials file, never into DIR). */
const TYPED = ['data-token-for-tests', 'admin-token-for-tests', 'minio-access-for-tests', 'minio-secret-for-tests'];

/** Every file under dir (recursively), with its content. */
function allFiles(dir: string): Array<{path: string; text: string}> {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({path, text: readFileSync(path).toString('latin1')}));
}

function yamlObjects(path: string): Record<string, any>[] {
  return parseAllDocuments(readFileSync(path, 'utf8'), {version: '1.1'}).map((doc) => doc.toJS());
}

interface Exported {
  readonly cwd: string;
  readonly dir: string;
  readonly out: string;
  readonly credentials: Record<string, any>;
}

/** Runs the real CLI offline (no kubeconfig) in a fresh git work tree. */
async function runExport(engine: string, extra: string[] = [], files: Record<string, string> = {}): Promise<Exported> {
  const cwd = scratchDir(`gitops-${engine}-`);
  execFileSync('git', ['init', '-q', cwd]);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
  const io = captureIo({cwd, env: {KUBECONFIG: join(cwd, 'no-kubeconfig')}});
  const argv = [
    'export',
    '--to',
    engine,
    '-o',
    'deploy/buntime',
    '-f',
    ANSWERS,
    '--helm',
    HELMS[0].path,
    '--release',
    'buntime',
    '--namespace',
    'apps',
    ...extra,
  ];
  const code = await main(argv, io);
  expect(code, io.err()).toBe(0);
  const credentialsPath = join(cwd, 'buntime.credentials.yaml');
  expect(statSync(credentialsPath).mode & 0o777).toBe(0o600);
  return {
    cwd,
    dir: join(cwd, 'deploy/buntime'),
    out: io.out() + io.err(),
    credentials: parse(readFileSync(credentialsPath, 'utf8')) as Record<string, any>,
  };
}

/** The install's values for the same answers (the plan install and the wizard apply). */
async function installValues(extraFiles: string[] = []): Promise<Record<string, unknown>> {
  const inputs = await loadRenderInputs({cwd: process.cwd(), values: [ANSWERS, ...extraFiles], sets: []});
  const plan = await buildPlan({
    mode: 'install',
    release: 'buntime',
    namespace: 'apps',
    inputs,
    existingCredentials: {},
    online: true,
    helm: await findHelm({path: HELMS[0].path}),
    output: {values: 'values.yaml', secrets: '', chart: CHART},
    timeout: '10m',
  });
  expect(plan.review.blockers).toEqual([]);
  return plan.helmValues;
}

async function manifests(helm: string, chartDir: string, valuesFiles: string[]): Promise<unknown[]> {
  const rendered = await helmTemplate({helm, chartDir, release: 'buntime', namespace: 'apps', valuesFiles});
  return rendered.docs.map((doc) => doc.object);
}

function valuesFile(dir: string, name: string, values: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof values === 'string' ? values : stringify(values, {version: '1.1'}));
  return path;
}

function expectNoSecrets(exported: Exported): void {
  const generated = Object.values(exported.credentials['data'] as Record<string, string>);
  const secrets = [...generated, ...TYPED];
  expect(generated.length).toBeGreaterThanOrEqual(3);
  for (const file of allFiles(exported.dir))
    for (const secret of secrets) expect(file.text.includes(secret), `${secret} in ${file.path}`).toBe(false);
  for (const secret of secrets) expect(exported.out.includes(secret), `${secret} in the output`).toBe(false);
}

describe('export: the engine hands helm the install values', () => {
  let install: Record<string, unknown>;
  beforeAll(async () => {
    install = await installValues();
  });

  const engines = [
    {
      engine: 'flux',
      values: (dir: string) => yamlObjects(join(dir, 'helmrelease.yaml'))[0]?.['spec']?.values,
      chart: (dir: string) => join(dir, 'chart'),
    },
    {
      engine: 'argocd',
      extra: ['--git-url', 'https://git.example.com/org/infra.git'],
      values: (dir: string) => yamlObjects(join(dir, 'application.yaml'))[0]?.['spec']?.source?.helm?.valuesObject,
      chart: (dir: string) => join(dir, 'chart'),
    },
    {
      engine: 'k3s',
      // valuesContent is handed to helm as a values file, text as written.
      values: (dir: string) => yamlObjects(join(dir, 'buntime-helmchart.yaml'))[0]?.['spec']?.valuesContent as string,
      chart: (dir: string) => join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz'),
    },
    {
      engine: 'fleet',
      values: (dir: string) =>
        (parse(readFileSync(join(dir, 'fleet.yaml'), 'utf8'), {version: '1.1'}) as any).helm.values,
      chart: (dir: string) => join(dir, 'chart'),
    },
  ] as const;

  for (const spec of engines) {
    it(`${spec.engine}: same manifests as the install with helm 3 and 4, no secret in DIR or the output`, async () => {
      const exported = await runExport(spec.engine, 'extra' in spec ? [...spec.extra] : []);
      expect(readFileSync(join(exported.dir, 'README.md'), 'utf8')).toContain('secrets apply --kube-context');
      expect(exported.credentials['data']).toHaveProperty(CREDENTIAL_KEYS.rootKey);
      const engineValues = valuesFile(exported.cwd, 'engine-values.yaml', spec.values(exported.dir));
      const installFile = valuesFile(exported.cwd, 'install-values.yaml', install);
      for (const helm of HELMS) {
        const fromEngine = await manifests(helm.path, spec.chart(exported.dir), [engineValues]);
        expect(fromEngine.length).toBeGreaterThan(5);
        expect(fromEngine, helm.name).toEqual(await manifests(helm.path, CHART, [installFile]));
      }
      expectNoSecrets(exported);
    });
  }

  it('fleet with several clusters: each cluster renders its own install (shared values + its customization)', async () => {
    const exported = await runExport('fleet', ['--cluster', 'prod-a=a.yaml', '--cluster', 'prod-b=b.yaml'], {
      'a.yaml': 'replicaCount: 5\n',
      'b.yaml': 'ingress:\n  host: b.example.com\npodDisruptionBudget:\n  enabled: false\n',
    });
    const fleet = parse(readFileSync(join(exported.dir, 'fleet.yaml'), 'utf8'), {version: '1.1'}) as any;
    expect(fleet.targetCustomizations.map((target: any) => target.clusterName)).toEqual(['prod-a', 'prod-b']);
    const shared = valuesFile(exported.cwd, 'shared.yaml', fleet.helm.values);
    for (const [index, file] of ['a.yaml', 'b.yaml'].entries()) {
      const overlay = valuesFile(exported.cwd, `overlay-${index}.yaml`, fleet.targetCustomizations[index].helm.values);
      const expected = valuesFile(
        exported.cwd,
        `install-${index}.yaml`,
        await installValues([join(exported.cwd, file)]),
      );
      for (const helm of HELMS) {
        expect(
          await manifests(helm.path, join(exported.dir, 'chart'), [shared, overlay]),
          `${file} ${helm.name}`,
        ).toEqual(await manifests(helm.path, CHART, [expected]));
      }
    }
    expectNoSecrets(exported);
  });

  it('exporting again keeps the credentials, and a blocked plan writes nothing', async () => {
    const first = await runExport('flux');
    const io = captureIo({cwd: first.cwd, env: {KUBECONFIG: join(first.cwd, 'none')}});
    const argv = [
      'export',
      '--to',
      'flux',
      '-o',
      'deploy/buntime',
      '-f',
      ANSWERS,
      '--helm',
      HELMS[0].path,
      '--release',
      'buntime',
      '--namespace',
      'apps',
    ];
    // The files exist now: without --yes (and no terminal) nothing is overwritten.
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toContain('--yes');
    expect(
      await main([...argv, '--yes'], captureIo({cwd: first.cwd, env: {KUBECONFIG: join(first.cwd, 'none')}})),
    ).toBe(0);
    const again = parse(readFileSync(join(first.cwd, 'buntime.credentials.yaml'), 'utf8')) as any;
    expect(again.data).toEqual(first.credentials['data']);

    const blocked = captureIo({cwd: first.cwd, env: {KUBECONFIG: join(first.cwd, 'none')}});
    expect(
      await main(
        ['export', '--to', 'k3s', '-o', 'other', '--set', 'replicaCount=-3', '--helm', HELMS[0].path],
        blocked,
      ),
    ).toBe(2);
    expect(() => statSync(join(first.cwd, 'other'))).toThrow();
    const inside = captureIo({cwd: first.cwd, env: {KUBECONFIG: join(first.cwd, 'none')}});
    expect(await main(['export', '--to', 'flux', '-o', 'x', '--secrets-file', 'x/creds.yaml'], inside)).toBe(2);
    expect(inside.err()).toContain('inside the export directory');
  });
});
