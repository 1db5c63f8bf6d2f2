import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {main} from '../cli.js';
import {captureIo} from '../../test/helpers/io.js';
import {scratchDir} from '../../test/helpers/scratch.js';

const CHART = fileURLToPath(new URL('../../test/fixtures/chart', import.meta.url));

function workdir(files: Record<string, string> = {}): string {
  const dir = scratchDir('bd-render-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function run(argv: string[], dir: string, input?: string) {
  const io = captureIo({cwd: dir, ...(input !== undefined ? {input} : {})});
  const code = await main(argv, io);
  return {code, out: io.out(), err: io.err()};
}

const SECRETS =
  'buntime:\n  rootKey: root-value-1\ntursoServer:\n  authToken: data-value-1\n  adminToken: admin-value-1\n';

describe('render', () => {
  it('writes values (0644, no secrets) and secrets (0600), and prints the helm command with files only', async () => {
    const dir = workdir({'a.yaml': 'tursoServer:\n  enabled: true\nservice:\n  type: ClusterIP\n', 's.yaml': SECRETS});
    const result = await run(
      [
        'render',
        '--chart',
        CHART,
        '-f',
        'a.yaml',
        '-f',
        's.yaml',
        '-o',
        'values.yaml',
        '--release',
        'prod',
        '-n',
        'zomme',
      ],
      dir,
    );
    // No findings; only the note that helm 3's flags were assumed (no helm on this PATH).
    expect(result.err).toMatch(/^Note: helm was not found here[^\n]*--rollback-on-failure instead\.\n$/);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `helm upgrade --install prod ${CHART} --namespace zomme --create-namespace --reset-values --values values.yaml --values values.secrets.yaml --wait --timeout 10m --atomic`,
    );
    expect(result.out).toContain('values.secrets.yaml (3 secrets, mode 0600');
    expect(result.out).not.toMatch(/root-value-1|data-value-1|admin-value-1/);
    const values = readFileSync(join(dir, 'values.yaml'), 'utf8');
    expect(parse(values)).toEqual({service: {type: 'ClusterIP'}, tursoServer: {enabled: true}});
    expect(statSync(join(dir, 'values.yaml')).mode & 0o777).toBe(0o644);
    expect(statSync(join(dir, 'values.secrets.yaml')).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(join(dir, 'values.secrets.yaml'), 'utf8'))).toEqual({
      buntime: {rootKey: 'root-value-1'},
      tursoServer: {authToken: 'data-value-1', adminToken: 'admin-value-1'},
    });
  });

  it('without -o prints the masked overrides on stdout and the next step on stderr', async () => {
    const dir = workdir({'s.yaml': SECRETS});
    const result = await run(['render', '--chart', CHART, '-f', 's.yaml', '--set', 'image.tag=1.10'], dir);
    expect(result.code).toBe(0);
    const shown = parse(result.out) as {buntime: {rootKey: string}; image: {tag: string}};
    expect(shown.buntime.rootKey).toBe('••••••••');
    expect(shown.image.tag).toBe('1.10');
    expect(result.err).toContain('render with -o values.yaml');
    expect(`${result.out}${result.err}`).not.toMatch(/root-value-1|data-value-1|admin-value-1/);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
  });

  it('writes values that YAML 1.1 (helm) reads back as the same strings', async () => {
    const dir = workdir({'a.yaml': 'ingress:\n  className: "on"\nimage:\n  tag: "yes"\n'});
    expect((await run(['render', '--chart', CHART, '-f', 'a.yaml', '-o', 'v.yaml'], dir)).code).toBe(0);
    const text = readFileSync(join(dir, 'v.yaml'), 'utf8');
    expect(text).toContain('className: "on"');
    expect(text).toContain('tag: "yes"');
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'v.yaml']);
  });

  it('reads an answers file from stdin with -f -', async () => {
    const dir = workdir();
    const result = await run(['render', '--chart', CHART, '-f', '-', '-o', 'v.yaml'], dir, SECRETS);
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['v.secrets.yaml', 'v.yaml']);
  });

  it('--json reports findings, masked values and the helm argv; exit 2 and no files on errors', async () => {
    const dir = workdir({'s.yaml': SECRETS, 'bad.yaml': 'replicaCount: 3\n'});
    const ok = await run(['render', '--chart', CHART, '--preset', 'generic', '-f', 's.yaml', '--json'], dir);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: true,
      release: 'buntime',
      namespace: 'buntime',
      preset: 'generic',
      files: {values: null, secrets: null, chart: null},
      secrets: ['buntime.rootKey'],
    });
    // The turso tokens' questions are hidden while turso-server is off: dropped, with a warning.
    expect(
      (report['findings'] as Array<{id: string; path: string}>)
        .filter((item) => item.id === 'question.hidden')
        .map((item) => item.path),
    ).toEqual(['tursoServer.authToken', 'tursoServer.adminToken']);
    expect((report['helm'] as {argv: string[]}).argv).toEqual([
      'helm',
      'upgrade',
      '--install',
      'buntime',
      CHART,
      '--namespace',
      'buntime',
      '--create-namespace',
      '--reset-values',
      '--values',
      'values.yaml',
      '--values',
      'values.secrets.yaml',
      '--wait',
      '--timeout',
      '10m',
      '--atomic',
    ]);
    expect(report['values']).toMatchObject({buntime: {rootKey: '••••••••'}});
    expect(ok.out).not.toMatch(/root-value-1|data-value-1|admin-value-1/);

    const bad = await run(['render', '--chart', CHART, '-f', 'bad.yaml', '-o', 'v.yaml', '--json'], dir);
    expect(bad.code).toBe(2);
    const failed = JSON.parse(bad.out) as {
      ok: boolean;
      findings: Array<{id: string; severity: string}>;
      files: unknown;
    };
    expect(failed.ok).toBe(false);
    expect(failed.files).toEqual({values: null, secrets: null, chart: null});
    expect(failed.findings.filter((item) => item.severity === 'error').map((item) => item.id)).toContain(
      'replicas.rwx',
    );
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 's.yaml']);
  });

  it('prints preset notes and warnings but still succeeds', async () => {
    const dir = workdir();
    const result = await run(
      ['render', '--chart', CHART, '--preset', 'k3s', '--set', 'ingress.host=buntime.home', '-o', 'v.yaml'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.err).toContain('▲ warning [security.root-key]');
    expect(result.err).toContain('Note: ingress.tls.clusterIssuer is home-ca-issuer');
    expect(parse(readFileSync(join(dir, 'v.yaml'), 'utf8'))).toMatchObject({
      ingress: {host: 'buntime.home', tls: {enabled: true, clusterIssuer: 'home-ca-issuer'}},
      service: {type: 'ClusterIP'},
    });
  });
});
