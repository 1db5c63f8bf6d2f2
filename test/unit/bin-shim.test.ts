import {execFileSync, spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {scratchDir} from '../helpers/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A package directory holding only the shim and package.json (a checkout that was never built). */
function unbuilt(): string {
  const dir = scratchDir('bd-shim-');
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'buntime-deploy.js'), join(dir, 'bin', 'buntime-deploy.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  return dir;
}

describe('bin shim', () => {
  it.each([['--version'], ['--help'], []])('without a bundle, %j says how to build it (exit 1)', (...args) => {
    const dir = unbuilt();
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'buntime-deploy.js'), ...args], {encoding: 'utf8'});
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('dist/buntime-deploy.js is missing');
    expect(result.stderr).toContain('npm ci');
  });

  it('with a bundle, a bare --version is answered from package.json', () => {
    const dir = unbuilt();
    mkdirSync(join(dir, 'dist'));
    // A bundle that would fail loudly if it were loaded for --version.
    writeFileSync(join(dir, 'dist', 'buntime-deploy.js'), 'throw new Error("loaded");\n');
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {version: string}).version;
    expect(
      execFileSync(process.execPath, [join(dir, 'bin', 'buntime-deploy.js'), '--version'], {encoding: 'utf8'}),
    ).toBe(`${version}\n`);
  });
});
