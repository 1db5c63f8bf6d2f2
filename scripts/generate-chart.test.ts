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
  for (const path of ['scripts', 'charts', 'src/core']) {
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
    expect(generate(dir, '--check').status).toBe(0);
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

  it('rejects unknown arguments', () => {
    expect(generate(dir, '--frobnicate').status).toBe(2);
  });
});
