/**
 * GitOps on the real API server, with the engines' real CRDs (from their Go modules, installed for
 * this file only): every exported Flux, Argo CD and k3s object passes a server-side dry run with
 * strict field validation, and the same object with a wrong field is refused. A release that carries
 * an engine's marks stops `upgrade`, `install`, `rollback`, `uninstall`, `restart` and `plugins` with
 * the engine named; --force gets past; status is unaffected. (No engine runs here: Flux and Fleet are not served as modules, and no stand-in
 * controller is written.)
 */
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseAllDocuments, stringify} from 'yaml';
import {main} from '../../src/cli.js';
import {installGitopsCrds, removeGitopsCrds} from '../cluster/gitops-crds.js';
import {createNamespace, getCluster, helm, kubectl} from '../cluster/harness.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHART = join(ROOT, 'charts/buntime');
const ANSWERS = join(ROOT, 'test/helm/fixtures/multi-pod-sync.yaml');

let namespace: string;
let argocd: string;
let work: string;

async function cli(argv: string[], cwd = work): Promise<{code: number; out: string; err: string}> {
  const cluster = getCluster();
  const io = captureIo({cwd, env: {KUBECONFIG: cluster.kubeconfig, HOME: cwd, BUNTIME_DEPLOY_HELM: cluster.helm3}});
  const code = await main(argv, io);
  return {code, out: io.out(), err: io.err()};
}

/** `kubectl apply --dry-run=server --validate=strict`: resolves stdout, rejects with kubectl's error. */
function serverDryRun(file: string): Promise<string> {
  return kubectl(['apply', '--dry-run=server', '--validate=strict', '-f', file]);
}

beforeAll(async () => {
  await installGitopsCrds(['flux', 'argocd', 'k3s']);
  namespace = await createNamespace('gitops');
  argocd = await createNamespace('argocd');
  work = scratchDir('gitops-e2e-');
  execFileSync('git', ['init', '-q', work]);
});
afterAll(async () => {
  await removeGitopsCrds();
});

describe('exports are accepted by the engines’ real CRDs', () => {
  const cases: Array<{engine: string; source: string; flags: string[]; files: string[]}> = [
    {engine: 'flux', source: 'bundled chart', flags: [], files: ['helmrelease.yaml']},
    {
      engine: 'flux',
      source: 'chart repository',
      flags: ['--chart-repo', 'https://charts.example.com'],
      files: ['helmrelease.yaml', 'source.yaml'],
    },
    {
      engine: 'flux',
      source: 'OCI',
      flags: ['--chart-oci', 'oci://ghcr.io/example/charts/buntime'],
      files: ['helmrelease.yaml', 'source.yaml'],
    },
    {
      engine: 'flux',
      source: 'git',
      flags: ['--chart-git', 'charts/buntime', '--git-url', 'https://git.example.com/org/infra.git'],
      files: ['helmrelease.yaml', 'source.yaml'],
    },
    {
      engine: 'argocd',
      source: 'bundled chart',
      flags: ['--git-url', 'https://git.example.com/org/infra.git'],
      files: ['application.yaml'],
    },
    {
      engine: 'argocd',
      source: 'OCI',
      flags: ['--chart-oci', 'oci://ghcr.io/example/charts/buntime', '--chart-version', '0.6.0'],
      files: ['application.yaml'],
    },
    {
      engine: 'argocd',
      source: 'chart repository',
      flags: ['--chart-repo', 'https://charts.example.com'],
      files: ['application.yaml'],
    },
    {engine: 'k3s', source: 'bundled chart', flags: [], files: ['buntime-helmchart.yaml']},
    {
      engine: 'k3s',
      source: 'OCI',
      flags: ['--chart-oci', 'oci://ghcr.io/example/charts/buntime'],
      files: ['buntime-helmchart.yaml'],
    },
  ];

  for (const [index, item] of cases.entries()) {
    it(`${item.engine} (${item.source}): server-side strict dry run accepts every object`, async () => {
      const dir = `out-${index}`;
      const result = await cli([
        'export',
        '--to',
        item.engine,
        '-o',
        dir,
        '-f',
        ANSWERS,
        '--namespace',
        namespace,
        '--argocd-namespace',
        argocd,
        '--secrets-file',
        `creds-${index}.yaml`,
        ...item.flags,
      ]);
      expect(result.code, result.err).toBe(0);
      for (const file of item.files) {
        const out = await serverDryRun(join(work, dir, file));
        expect(out).toMatch(/(created|configured) \(server dry run\)/);
      }
    });
  }

  it('a deliberately wrong field is rejected by each CRD', async () => {
    const result = await cli([
      'export',
      '--to',
      'flux',
      '-o',
      'wrong-flux',
      '--namespace',
      namespace,
      '--chart-repo',
      'https://charts.example.com',
    ]);
    expect(result.code, result.err).toBe(0);
    const k3s = await cli(['export', '--to', 'k3s', '-o', 'wrong-k3s', '--namespace', namespace]);
    expect(k3s.code, k3s.err).toBe(0);
    const argo = await cli([
      'export',
      '--to',
      'argocd',
      '-o',
      'wrong-argo',
      '--namespace',
      namespace,
      '--argocd-namespace',
      argocd,
      '--chart-repo',
      'https://charts.example.com',
    ]);
    expect(argo.code, argo.err).toBe(0);
    const files = [
      join(work, 'wrong-flux/helmrelease.yaml'),
      join(work, 'wrong-flux/source.yaml'),
      join(work, 'wrong-k3s/buntime-helmchart.yaml'),
      join(work, 'wrong-argo/application.yaml'),
    ];
    for (const file of files) {
      const [object] = parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS() as {spec: object});
      const broken = join(work, `broken-${files.indexOf(file)}.yaml`);
      writeFileSync(broken, stringify({...object, spec: {...object?.spec, valuez: {replicaCount: 3}}}));
      await expect(serverDryRun(broken), file).rejects.toThrow(/unknown field "spec.valuez"/);
      // The unbroken file still passes: the rejection is about the field, not the object.
      await expect(serverDryRun(file)).resolves.toMatch(/server dry run/);
    }
  });
});

describe('secrets apply puts the credentials Secret into the cluster from the 0600 file', () => {
  it('dry run, apply (namespace created), unchanged on a second run, --print only on request', async () => {
    const target = `${namespace}-secrets`;
    const exported = await cli([
      'export',
      '--to',
      'flux',
      '-o',
      'sec',
      '-f',
      ANSWERS,
      '--namespace',
      target,
      '--secrets-file',
      'sec.yaml',
    ]);
    expect(exported.code, exported.err).toBe(0);
    const file = parseAllDocuments(readFileSync(join(work, 'sec.yaml'), 'utf8'))[0]?.toJS() as {
      data: Record<string, string>;
    };
    const values = Object.values(file.data);
    expect(values.length).toBe(5);
    const refused = await cli(['secrets', 'apply', '--secrets-file', 'sec.yaml']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    const dry = await cli(['secrets', 'apply', '--secrets-file', 'sec.yaml', '--dry-run', '--json']);
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({exists: false, outcome: 'dry-run', keys: {RUNTIME_ROOT_KEY: 'create'}});
    const applied = await cli(['secrets', 'apply', '--secrets-file', 'sec.yaml', '--yes']);
    expect(applied.code, applied.err).toBe(0);
    const secret = JSON.parse(await kubectl(['get', 'secret', '-n', target, 'buntime-credentials', '-o', 'json'])) as {
      data: Record<string, string>;
      metadata: {labels: Record<string, string>};
    };
    expect(
      Object.fromEntries(
        Object.entries(secret.data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
      ),
    ).toEqual(file.data);
    expect(secret.metadata.labels['app.kubernetes.io/managed-by']).toBe('buntime-deploy');
    const again = await cli(['secrets', 'apply', '--secrets-file', 'sec.yaml', '--yes', '--json']);
    expect(JSON.parse(again.out)).toMatchObject({exists: true, keys: {RUNTIME_ROOT_KEY: 'same'}});
    // No value in what apply prints (only key names), nor anywhere the export wrote.
    for (const value of values) {
      for (const text of [exported.out, exported.err, dry.out, applied.out, applied.err, again.out])
        expect(text.includes(value)).toBe(false);
      for (const name of ['helmrelease.yaml', 'kustomization.yaml', 'README.md'])
        expect(readFileSync(join(work, 'sec', name), 'utf8').includes(value)).toBe(false);
    }
    // --print is the one explicit way to see them: a Secret manifest on stdout, for SOPS or kubeseal.
    const printed = await cli(['secrets', 'apply', '--print', '--secrets-file', 'sec.yaml']);
    expect(printed.code).toBe(0);
    expect(parseAllDocuments(printed.out)[0]?.toJS()).toMatchObject({
      kind: 'Secret',
      metadata: {name: 'buntime-credentials', namespace: target},
      stringData: file.data,
    });
    await kubectl(['delete', 'namespace', target, '--wait=false']);
  });
});

describe('a release owned by an engine is not changed directly', () => {
  const release = 'owned';
  beforeAll(async () => {
    // A real release (no --wait: no pod has to run), whose objects then get an engine's marks.
    await helm(3, ['install', release, CHART, '-n', namespace]);
  });

  const marks: Array<{engine: string; name: RegExp; apply: () => Promise<unknown>; undo: () => Promise<unknown>}> = [
    {
      engine: 'Flux',
      name: /Flux \(HelmRelease flux-system\/owned\)/,
      apply: () =>
        kubectl([
          'label',
          '-n',
          namespace,
          'statefulset',
          '-l',
          `app.kubernetes.io/instance=${release}`,
          'helm.toolkit.fluxcd.io/name=owned',
          'helm.toolkit.fluxcd.io/namespace=flux-system',
        ]),
      undo: () =>
        kubectl([
          'label',
          '-n',
          namespace,
          'statefulset',
          '-l',
          `app.kubernetes.io/instance=${release}`,
          'helm.toolkit.fluxcd.io/name-',
          'helm.toolkit.fluxcd.io/namespace-',
        ]),
    },
    {
      engine: 'Argo CD',
      name: /Argo CD \(Application web\)/,
      apply: () =>
        kubectl([
          'annotate',
          '-n',
          namespace,
          'service',
          '-l',
          `app.kubernetes.io/instance=${release}`,
          `argocd.argoproj.io/tracking-id=web:/Service:${namespace}/${release}`,
        ]),
      undo: () =>
        kubectl([
          'annotate',
          '-n',
          namespace,
          'service',
          '-l',
          `app.kubernetes.io/instance=${release}`,
          'argocd.argoproj.io/tracking-id-',
        ]),
    },
    {
      engine: 'Rancher Fleet',
      name: /Rancher Fleet \(GitRepo fleet-default\/platform\)/,
      apply: () =>
        kubectl([
          'label',
          '-n',
          namespace,
          'configmap',
          '-l',
          `app.kubernetes.io/instance=${release}`,
          'fleet.cattle.io/managed-by-kind=gitrepo',
          'fleet.cattle.io/managed-by-namespace=fleet-default',
          'fleet.cattle.io/managed-by-name=platform',
        ]),
      undo: () =>
        kubectl([
          'label',
          '-n',
          namespace,
          'configmap',
          '-l',
          `app.kubernetes.io/instance=${release}`,
          'fleet.cattle.io/managed-by-kind-',
          'fleet.cattle.io/managed-by-namespace-',
          'fleet.cattle.io/managed-by-name-',
        ]),
    },
    {
      engine: "k3s's helm-controller",
      name: /k3s's helm-controller \(HelmChart .*\/owned\)/,
      apply: () =>
        kubectl(['apply', '-f', '-'], {
          input: stringify({
            apiVersion: 'helm.cattle.io/v1',
            kind: 'HelmChart',
            metadata: {name: release, namespace: argocd},
            spec: {chart: 'buntime', repo: 'https://charts.example.com', targetNamespace: namespace},
          }),
        }),
      undo: () => kubectl(['delete', '-n', argocd, 'helmchart', release]),
    },
  ];

  for (const mark of marks) {
    it(`${mark.engine}: upgrade and install stop with the engine named and offer the export; --force gets past`, async () => {
      await mark.apply();
      try {
        const flags = ['--namespace', namespace, '--release', release];
        const upgrade = await cli(['upgrade', ...flags, '--yes']);
        expect(upgrade.code).toBe(2);
        expect(upgrade.err).toMatch(mark.name);
        expect(upgrade.err).toContain('Nothing was changed');
        expect(upgrade.err).toMatch(/buntime-deploy export --to (flux|argocd|k3s|fleet)/);
        expect(upgrade.err).toContain('--force');
        const install = await cli(['install', ...flags, '--yes']);
        expect(install.code).toBe(2);
        expect(install.err).toMatch(mark.name);
        // Day-2 changes stop the same way, before anything is touched.
        for (const day2 of [['rollback'], ['uninstall'], ['restart'], ['plugins', 'remove', 'x']]) {
          const refused = await cli([...day2, ...flags, '--yes']);
          expect(refused.code, `${day2.join(' ')}: ${refused.err}`).toBe(2);
          expect(refused.err).toMatch(mark.name);
          expect(refused.err).toContain('Nothing was changed');
        }
        // --force: past the guard, to the plan (a dry run changes nothing).
        const forced = await cli(['upgrade', ...flags, '--dry-run', '--force']);
        expect(forced.err).not.toContain('Nothing was changed');
        expect(forced.err).toContain('--force: changing a release managed by');
        // status reads as usual.
        const status = await cli(['status', ...flags, '--json']);
        expect(status.err).not.toMatch(mark.name);
        expect(status.out).toContain(release);
      } finally {
        await mark.undo();
      }
    });
  }

  it('without marks the same release upgrades as before (dry run)', async () => {
    const plain = await cli(['upgrade', '--namespace', namespace, '--release', release, '--dry-run']);
    expect(plain.err).not.toContain('managed by');
    expect(plain.code, plain.err).toBe(0);
  });
});
