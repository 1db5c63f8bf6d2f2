import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {median} from './stats.js';

const ROOT = join(import.meta.dirname, '..');

/** Packs the package once; returns the tarball path and its size in bytes. */
export function pack(): {tarball: string; bytes: number; cleanup(): void} {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pack-'));
  const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(output) as Array<{filename: string; size: number}>;
  if (!info) throw new Error('npm pack printed nothing');
  return {
    tarball: join(dir, info.filename),
    bytes: info.size,
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  };
}

/**
 * A first `npx` of the packed tarball with an empty npm cache each time, as a new user gets it
 * (minus the registry download of the tarball itself), median over `runs`, in ms.
 */
export function coldNpx(tarball: string, runs = 5): {medianMs: number; version: string} {
  const samples: number[] = [];
  let version = '';
  for (let index = 0; index < runs; index++) {
    const cache = mkdtempSync(join(tmpdir(), 'bench-npx-cache-'));
    const cwd = mkdtempSync(join(tmpdir(), 'bench-npx-cwd-'));
    try {
      const start = process.hrtime.bigint();
      version = execFileSync(
        'npx',
        ['--yes', '--cache', cache, `--package=${tarball}`, 'buntime-deploy', '--version'],
        {
          cwd,
          encoding: 'utf8',
          env: {...process.env, npm_config_update_notifier: 'false'},
        },
      ).trim();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    } finally {
      rmSync(cache, {recursive: true, force: true});
      rmSync(cwd, {recursive: true, force: true});
    }
  }
  return {medianMs: median(samples), version};
}
