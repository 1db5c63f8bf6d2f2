/**
 * `buntime-deploy render` output fed to the REAL helm 3 and helm 4 (`helm template` of
 * charts/buntime, which also validates values.schema.json): every preset, and a multi-pod sync +
 * backup + TLS setup with a secrets file. Values reach helm only as files, exactly as the printed
 * command does.
 */
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {parseAllDocuments} from 'yaml';
import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {BUILTIN_PRESETS} from '../../src/core/presets/preset.js';
import {parseQuestions} from '../../src/core/questions/parse.js';
import type {Values} from '../../src/core/values/paths.js';
import {renderValues} from '../../src/core/values/render.js';
import {parse, stringify} from 'yaml';
import {toolPaths} from '../cluster/tools.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';

const CHART = fileURLToPath(new URL('../../charts/buntime', import.meta.url));
const HELMS = {helm3: toolPaths().helm3, helm4: toolPaths().helm4};

async function render(
  args: string[],
  files: Record<string, string> = {},
): Promise<{dir: string; stdout: string; stderr: string}> {
  const dir = scratchDir('bd-render-helm-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, {mode: 0o600});
  const io = captureIo({cwd: dir});
  const code = await main(['render', '-o', 'values.yaml', ...args], io);
  expect(code, io.err()).toBe(0);
  return {dir, stdout: io.out(), stderr: io.err()};
}

/** Runs the printed helm command as `helm template` (same files, same order). */
async function helmTemplate(helm: string, dir: string, stdout: string): Promise<Array<Record<string, unknown>>> {
  const line = stdout.split('\n').find((text) => text.startsWith('helm upgrade --install '));
  expect(line, stdout).toBeDefined();
  const files = [...(line as string).matchAll(/--values (\S+)/g)].map((match) => match[1] as string);
  const result = await execa(
    helm,
    ['template', 'buntime', CHART, '-n', 'buntime', ...files.flatMap((file) => ['-f', file])],
    {cwd: dir, reject: false},
  );
  expect(result.exitCode, result.stderr).toBe(0);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Record<string, unknown>)
    .filter(Boolean);
}

const kinds = (objects: Array<Record<string, unknown>>): string[] =>
  objects
    .map((object) => `${String(object['kind'])}/${String((object['metadata'] as {name?: string})['name'])}`)
    .sort();

describe.each(Object.entries(HELMS))('render → %s template', (_name, helm) => {
  it.each(BUILTIN_PRESETS)('preset %s renders values the chart accepts', async (preset) => {
    const host =
      preset === 'openshift'
        ? ['--set', 'route.host=buntime.apps.example.com']
        : ['--set', 'ingress.host=buntime.example.com'];
    const {dir, stdout} = await render(['--preset', preset, ...host]);
    const objects = await helmTemplate(helm, dir, stdout);
    expect(kinds(objects)).toContain('StatefulSet/buntime');
    if (preset === 'openshift') {
      expect(kinds(objects)).toContain('Route/buntime');
      expect(kinds(objects).some((kind) => kind.startsWith('Ingress/'))).toBe(false);
    } else expect(kinds(objects)).toContain('Ingress/buntime');
    if (preset === 'gitlab-registry') {
      const sts = objects.find((object) => object['kind'] === 'StatefulSet') as {
        spec: {template: {spec: {imagePullSecrets: unknown; containers: Array<{image: string}>}}};
      };
      expect(sts.spec.template.spec.imagePullSecrets).toEqual([{name: 'gitlab-registry'}]);
      expect(sts.spec.template.spec.containers[0]?.image).toMatch(/^registry\.example\.com\/zomme\/buntime:/);
    }
    if (preset === 'k3s') {
      const ingress = objects.find((object) => object['kind'] === 'Ingress') as {
        metadata: {annotations: Record<string, string>};
        spec: {ingressClassName: string; tls: unknown[]};
      };
      expect(ingress.spec.ingressClassName).toBe('traefik');
      expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('home-ca-issuer');
      expect(ingress.spec.tls).toHaveLength(1);
    }
  });

  it('a multi-pod sync + backup + TLS setup with a 0600 secrets file', async () => {
    const answers = [
      'replicaCount: 3',
      'buntime: {authDb: {mode: sync}}',
      'plugins: {turso: {mode: sync}}',
      'persistence: {plugins: {accessMode: ReadWriteMany, storageClass: nfs}, apps: {accessMode: ReadWriteMany, storageClass: nfs}}',
      'tursoServer: {enabled: true, backup: {enabled: true, s3: {endpoint: "http://minio.minio.svc.cluster.local:9000", bucket: turso-backups}}}',
      'ingress: {host: buntime.example.com, tls: {enabled: true, clusterIssuer: letsencrypt}}',
      'service: {type: ClusterIP}',
    ].join('\n');
    const secrets =
      'buntime: {rootKey: root-1}\ntursoServer: {authToken: data-1, adminToken: admin-1, backup: {s3: {accessKeyId: ak-1, secretAccessKey: sk-1}}}\n';
    const {dir, stdout, stderr} = await render(['-f', 'answers.yaml', '-f', 'in-secrets.yaml'], {
      'answers.yaml': answers,
      'in-secrets.yaml': secrets,
    });
    expect(`${stdout}${stderr}`).not.toMatch(/root-1|data-1|admin-1|ak-1|sk-1/);
    expect(statSync(join(dir, 'values.secrets.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).not.toMatch(/root-1|data-1|admin-1|ak-1|sk-1/);
    const objects = await helmTemplate(helm, dir, stdout);
    expect(kinds(objects)).toEqual(
      expect.arrayContaining([
        'StatefulSet/buntime',
        'StatefulSet/buntime-turso',
        'CronJob/buntime-turso-backup',
        'Service/buntime-turso-admin',
        'Ingress/buntime',
      ]),
    );
    const sts = objects.find(
      (object) => object['kind'] === 'StatefulSet' && (object['metadata'] as {name: string}).name === 'buntime',
    ) as {spec: {replicas: number}};
    expect(sts.spec.replicas).toBe(3);
  });
});

describe("names.length agrees with the chart's own name checks (helm 3)", () => {
  const defaults = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Values;
  const questions = parseQuestions(parse(readFileSync(join(CHART, 'questions.yml'), 'utf8')), {
    source: 'questions.yml',
  });
  const turso = {tursoServer: {enabled: true, authToken: 'a'.repeat(16), adminToken: 'b'.repeat(16)}};
  const backup = {
    tursoServer: {
      ...turso.tursoServer,
      backup: {enabled: true, s3: {endpoint: 'http://minio:9000', accessKeyId: 'ak', secretAccessKey: 'sk'}},
    },
  };
  // [label, values, largest fullname that fits]: runtime StatefulSet 52, turso StatefulSet 52 - 6, CronJob 52 - 13.
  const configs: Array<[string, Values, number]> = [
    ['runtime only', {}, 52],
    ['turso-server', turso, 46],
    ['turso-server + backups', backup, 39],
  ];

  it.each(
    configs.flatMap(
      ([label, values, max]) =>
        [
          [label, values, `${'r'.repeat(max - 7)}buntime`, true],
          [label, values, `${'r'.repeat(max - 6)}buntime`, false],
          [label, values, `${'p'.repeat(max - 8)}`, true],
          [label, values, `${'p'.repeat(max - 7)}`, false],
        ] as const,
    ),
  )('%s, release %s: fits=%s', async (_label, values, release, fits) => {
    const result = renderValues({
      chartDefaults: defaults,
      questions,
      files: [{label: 'v', values: {...values, buntime: {rootKey: 'root'}}}],
      release,
    });
    expect(result.findings.some((item) => item.id === 'names.length')).toBe(!fits);
    const dir = scratchDir('bd-names-');
    writeFileSync(join(dir, 'v.yaml'), stringify({...values, buntime: {rootKey: 'root'}}), {mode: 0o600});
    const helm = await execa(HELMS.helm3, ['template', release, CHART, '-f', join(dir, 'v.yaml')], {reject: false});
    expect(helm.exitCode === 0, helm.stderr).toBe(fits);
    if (!fits) expect(helm.stderr).toMatch(/over the Kubernetes limit/);
  });
});
