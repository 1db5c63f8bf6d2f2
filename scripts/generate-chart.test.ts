import {spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** A throwaway copy of what the generator reads and writes, so the repository is never touched. */
function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'generate-chart-'));
  for (const path of ['scripts', 'charts', 'src/core', 'src/adapters']) {
    mkdirSync(join(dir, path, '..'), {recursive: true});
    cpSync(join(ROOT, path), join(dir, path), {recursive: true});
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function generate(dir: string, ...args: string[]) {
  return spawnSync(TSX, [join(dir, 'scripts/generate-chart.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1'},
  });
}

describe('npm run generate:chart', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyRepo();
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('--check passes on the committed files', () => {
    const result = generate(dir, '--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('--check names every stale file, writes nothing, and a normal run fixes them', () => {
    const manifest = join(dir, 'charts/plugins/gateway/manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('default: cpanel', 'default: cpanel,todos'));
    const before = readFileSync(join(dir, 'charts/buntime/values.yaml'), 'utf8');

    const check = generate(dir, '--check');
    expect(check.status).toBe(1);
    const stale = [...check.stderr.matchAll(/stale: (\S+)/g)].map((m) => m[1]).sort();
    expect(stale).toEqual([
      'charts/buntime/questions.yml',
      'charts/buntime/templates/configmap.yaml',
      'charts/buntime/values.yaml',
      'src/core/chart-rules/plugin-env.generated.ts',
    ]);
    expect(readFileSync(join(dir, 'charts/buntime/values.yaml'), 'utf8')).toBe(before);

    expect(generate(dir).status).toBe(0);
    expect(readFileSync(join(dir, 'charts/buntime/values.yaml'), 'utf8')).toContain('shellExcludes: cpanel,todos');
    // Nothing is stale any more; what is left is the version bump the changed content needs.
    const after = generate(dir, '--check');
    expect(after.stderr).not.toContain('stale:');
    expect(after.stderr).toContain('[chart.version]');
  });

  it('fails with exit 2 naming the file when a manifest is invalid', () => {
    writeFileSync(
      join(dir, 'charts/plugins/turso/manifest.yaml'),
      'name: "@buntime/plugin-turso"\nconfig:\n  mode: {type: enum, label: M}\n',
    );
    const result = generate(dir, '--check');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'charts/plugins/turso/manifest.yaml: config.mode: an enum field needs a non-empty list',
    );
  });

  it('fails --check when chart content changed but the version did not, saying what to do', () => {
    const template = join(dir, 'charts/buntime/templates/service.yaml');
    writeFileSync(template, `${readFileSync(template, 'utf8')}# a change\n`);
    const check = generate(dir, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('[chart.version]');
    expect(check.stderr).toMatch(/content changed, but Chart\.yaml still says version \d+\.\d+\.\d+/);
    expect(check.stderr).toContain('Bump version in charts/buntime/Chart.yaml');
    expect(check.stderr).toContain('describe the change in charts/buntime/release-notes.md, run npm run chart:record');
    // A plain generate run says the same, without failing.
    const run = generate(dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('[chart.version]');
  });

  it('records a bumped version in one command, after the release notes describe it', () => {
    const template = join(dir, 'charts/buntime/templates/service.yaml');
    writeFileSync(template, `${readFileSync(template, 'utf8')}# a change\n`);
    const chartYaml = join(dir, 'charts/buntime/Chart.yaml');
    const version = /^version: (\S+)$/m.exec(readFileSync(chartYaml, 'utf8'))?.[1] as string;
    const next = version.replace(/\d+$/, (patch) => String(Number(patch) + 1));
    writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(`version: ${version}`, `version: ${next}`));
    const stale = generate(dir, '--record');
    expect(stale.status).toBe(2);
    expect(stale.stderr).toContain(`describes chart ${version}, but Chart.yaml says version ${next}`);
    const notes = join(dir, 'charts/buntime/release-notes.md');
    writeFileSync(notes, `# Buntime chart ${next}\n\n- Fixed: a change.\n`);
    const recorded = generate(dir, '--record');
    expect(recorded.status, recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain(`recorded charts/buntime ${next}`);
    const digests = JSON.parse(readFileSync(join(dir, 'charts/buntime/chart-digests.json'), 'utf8'));
    expect(Object.keys(digests).at(-1)).toBe(next);
    expect(generate(dir, '--check').status).toBe(0);
    expect(readFileSync(chartYaml, 'utf8')).toContain('- kind: fixed\n      description: "A change."');
    // Going back below a recorded version is refused.
    writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(`version: ${next}`, 'version: 0.0.1'));
    writeFileSync(notes, '# Buntime chart 0.0.1\n\n- Fixed: a change.\n');
    const older = generate(dir, '--record');
    expect(older.status).toBe(1);
    expect(older.stderr).toContain('is already recorded: bump the version above it first');
  });

  it('refuses to generate when a plugin requires a disabled one (Plugin X requires Y)', () => {
    const turso = join(dir, 'charts/plugins/turso/manifest.yaml');
    writeFileSync(turso, readFileSync(turso, 'utf8').replace('enabled: true', 'enabled: false'));
    const result = generate(dir, '--check');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '[plugins.requires] Plugin @buntime/plugin-keyval requires @buntime/plugin-turso, which is disabled (enabled: false in charts/plugins/turso/manifest.yaml).',
    );
  });

  it('rejects unknown arguments', () => {
    expect(generate(dir, '--frobnicate').status).toBe(2);
  });
});
