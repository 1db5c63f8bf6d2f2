/**
 * The package as a user gets it: `npm pack`, then `npx --package=<tarball>` from an empty npm cache.
 * It must carry no runtime dependencies, print its version, and find the chart and presets it ships.
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {scratchDir} from '../helpers/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string}).version;

describe('the packed package', () => {
  let tarball: string;
  let files: string[];
  beforeAll(() => {
    const dir = scratchDir('bd-pack-');
    // `npm test` has built dist/ already; --ignore-scripts keeps prepack from rebuilding here.
    const [info] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as Array<{
      filename: string;
      files: Array<{path: string}>;
    }>;
    if (!info) throw new Error('npm pack printed nothing');
    tarball = join(dir, info.filename);
    files = info.files.map((file) => file.path);
  }, 120_000);

  it('holds only what runs, and declares no runtime dependencies', () => {
    expect(files).toContain('bin/buntime-deploy.js');
    expect(files).toContain('dist/buntime-deploy.js');
    expect(files).toContain('charts/buntime/Chart.yaml');
    expect(files).toContain('charts/buntime/values.schema.json');
    expect(files).toContain('presets/k3s.yaml');
    expect(
      files.filter((file) => /^(src|test|bench|scripts|node_modules)\//.test(file) || file.endsWith('.map')),
    ).toEqual([]);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], {encoding: 'utf8'}),
    ) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['bin']).toEqual({'buntime-deploy': 'bin/buntime-deploy.js'});
  });

  function npx(args: string[], cwd: string): string {
    return execFileSync(
      'npx',
      ['--yes', '--cache', scratchDir('bd-npx-cache-'), `--package=${tarball}`, 'buntime-deploy', ...args],
      {
        cwd,
        encoding: 'utf8',
        env: {...process.env, npm_config_update_notifier: 'false', CI: 'true'},
      },
    );
  }

  it('runs from an empty npm cache and prints its version', () => {
    expect(npx(['--version'], scratchDir('bd-npx-'))).toBe(`${VERSION}\n`);
  });

  it('renders with the chart and presets it ships', () => {
    const cwd = scratchDir('bd-npx-');
    const out = npx(
      ['render', '--preset', 'k3s', '--set', 'ingress.host=buntime.example.com', '-o', 'values.yaml'],
      cwd,
    );
    expect(out).toMatch(
      /helm upgrade --install buntime \S*charts\/buntime --namespace buntime --create-namespace --reset-values --values values\.yaml --wait --timeout 10m --atomic/,
    );
    expect(readFileSync(join(cwd, 'values.yaml'), 'utf8')).toContain('host: buntime.example.com');
  });
});
