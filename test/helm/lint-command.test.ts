import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {captureIo} from '../helpers/io.js';
import {CHART, HELMS, ROOT} from './render.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** A copy of the chart to break; without its digest record unless asked (edits are not releases). */
function chartCopy(options: {record?: boolean; plugins?: boolean} = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'buntime-lint-')), 'buntime');
  temps.push(dirname(dir));
  cpSync(CHART, dir, {recursive: true});
  if (!options.record) rmSync(join(dir, 'chart-digests.json'));
  if (options.plugins) cpSync(join(CHART, '..', 'plugins'), join(dirname(dir), 'plugins'), {recursive: true});
  return dir;
}

/** Runs `buntime-deploy lint …` in-process with helm 3 first on PATH (as a user would have it). */
async function lint(args: string[], cwd = ROOT) {
  const io = captureIo({cwd, env: {PATH: `${dirname(HELMS[0].path)}:${process.env['PATH']}`}});
  const code = await main(['lint', ...args], io);
  return {code, out: io.out(), err: io.err()};
}

describe('buntime-deploy lint', () => {
  it('is clean on charts/buntime, templates, values and rendered manifests included', async () => {
    const result = await lint(['charts/buntime']);
    expect(result.out).toBe('');
    expect(result.err).toContain(
      'charts/buntime: no findings (17 templates, values.yaml, chart version, 4 plugin manifests, manifests rendered by helm v3.21.4)',
    );
    expect(result.code).toBe(0);
  });

  it('lints the chart shipped in the package when no directory is given', async () => {
    const result = await lint(['--json'], tmpdir());
    const report = JSON.parse(result.out) as {chart: string; findings: unknown[]};
    // Shown relative to the working directory when it is inside it (a clone under /tmp), else absolute.
    expect(resolve(tmpdir(), report.chart)).toBe(CHART);
    expect(report.findings).toEqual([]);
    expect(result.code).toBe(0);
  });

  it.each(HELMS)(
    'exits 1 naming the rule and file:line when a core variable is wrapped in {{ if }} ($name)',
    async (helm) => {
      const dir = chartCopy();
      const file = join(dir, 'templates/configmap.yaml');
      const lines = readFileSync(file, 'utf8').split('\n');
      const index = lines.findIndex((line) => line.startsWith('  TURSO_MODE:'));
      lines.splice(
        index,
        1,
        '  {{- if .Values.plugins.turso.mode }}',
        '  TURSO_MODE: {{ .Values.plugins.turso.mode | quote }}',
        '  {{- end }}',
      );
      writeFileSync(file, lines.join('\n'));

      const result = await lint([dir, '--helm', helm.path], dirname(dir));
      expect(result.code).toBe(1);
      expect(result.out).toContain(
        `mandatory-env-default buntime/templates/configmap.yaml:${index + 2} TURSO_MODE is inside {{ if .Values.plugins.turso.mode }} (line ${index + 1})`,
      );
      expect(result.out).toMatch(/\n {2}hint: Define it unconditionally with a fallback/);
      expect(result.err).toMatch(/1 error\(s\), 0 warning\(s\)/);
    },
  );

  it('reports a volume that a value can switch off, from the rendered manifests too', async () => {
    const dir = chartCopy();
    const file = join(dir, 'templates/statefulset.yaml');
    const text = readFileSync(file, 'utf8').replace(
      '            - name: state\n              mountPath: /data/state\n',
      '            {{- if .Values.persistence.state.enabled }}\n            - name: state\n              mountPath: /data/state\n            {{- end }}\n',
    );
    writeFileSync(file, text);
    const result = await lint([dir, '--json'], dirname(dir));
    const report = JSON.parse(result.out) as {
      findings: Array<{id: string; file?: string; line?: number; message: string}>;
      checked: {manifests: boolean};
    };
    expect(report.checked.manifests).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({
        id: 'mandatory-volume',
        file: 'buntime/templates/statefulset.yaml',
        message: expect.stringMatching(/\/data\/state is not mounted in the runtime container/),
      }),
      expect.objectContaining({
        id: 'mandatory-volume',
        file: 'buntime/templates/statefulset.yaml',
        line: expect.any(Number),
        message: expect.stringMatching(/state volume .* is inside \{\{ if \.Values\.persistence\.state\.enabled \}\}/),
      }),
    ]);
    expect(result.code).toBe(1);
  });

  it('reports values.yaml problems with their line', async () => {
    const dir = chartCopy();
    const file = join(dir, 'values.yaml');
    const text = readFileSync(file, 'utf8').replace('workerDirs: /data/.apps:/data/apps', 'workerDirs: /data/.apps');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.trim() === 'workerDirs: /data/.apps') + 1;
    const result = await lint([dir], dirname(dir));
    expect(result.out).toContain(
      `mandatory-volume buntime/values.yaml:${line} warning: buntime.workerDirs does not include /data/apps`,
    );
    expect(result.code).toBe(0);
  });

  it('reports chart content changed under a recorded version, with the fix', async () => {
    const dir = chartCopy({record: true});
    const file = join(dir, 'templates/service.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# changed\n`);
    const result = await lint([dir], dirname(dir));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /chart\.version buntime\/Chart\.yaml The chart's content changed, but Chart\.yaml still says version \S+/,
    );
    expect(result.out).toContain('run npm run chart:record and commit buntime/chart-digests.json');
  });

  it('reports a core plugin whose dependency is disabled (Plugin X requires Y)', async () => {
    const dir = chartCopy({plugins: true});
    const turso = join(dirname(dir), 'plugins/turso/manifest.yaml');
    writeFileSync(turso, readFileSync(turso, 'utf8').replace('enabled: true', 'enabled: false'));
    const result = await lint([dir, '--json'], dirname(dir));
    const report = JSON.parse(result.out) as {findings: Array<{id: string; file?: string; message: string}>};
    expect(report.findings.filter((f) => f.id === 'plugins.requires')).toEqual([
      expect.objectContaining({
        file: 'plugins/keyval/manifest.yaml',
        message:
          'Plugin @buntime/plugin-keyval requires @buntime/plugin-turso, which is disabled (enabled: false in plugins/turso/manifest.yaml).',
      }),
      expect.objectContaining({file: 'plugins/proxy/manifest.yaml'}),
    ]);
    expect(result.code).toBe(1);
  });

  it.each([
    ['a directory without Chart.yaml', () => tmpdir(), /is not a Helm chart directory: it has no Chart.yaml/],
    ['a missing directory', () => '/nonexistent/chart', /is not a Helm chart directory: it is not a directory/],
  ])('exits 2 for %s', async (_name, dir, message) => {
    const result = await lint([dir()]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('exits 1 when --helm names a binary that does not exist', async () => {
    const result = await lint(['charts/buntime', '--helm', '/nonexistent/helm']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Cannot run '\/nonexistent\/helm': not found/);
  });
});
