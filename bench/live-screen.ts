import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {bundlePlugins, requireBanner} from '../scripts/bundle-plugins.mjs';
import {type Figure, median} from './stats.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * The live screen at scale (1000 pods, 300 namespaces, 5000 backup objects), measured in its own
 * process from a production bundle: time from a store update (one pod changing state) to Ink
 * writing the frame (median, target ≤ 16 ms), and that process's RSS (target ≤ 150 MB).
 */
export async function benchLiveScreen(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
  try {
    const outfile = join(dir, 'live-screen.mjs');
    await build({
      entryPoints: [join(ROOT, 'bench', 'live-screen-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      jsx: 'automatic',
      plugins: bundlePlugins,
      banner: {js: requireBanner},
      define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined'},
      logLevel: 'warning',
    });
    // CI must be absent, not empty: Ink (is-in-ci) treats any CI variable as CI and draws only the last frame.
    const {CI: _ci, ...env} = process.env;
    const output = execFileSync(process.execPath, [outfile], {encoding: 'utf8', env: {...env, FORCE_COLOR: '1'}});
    // Ink restores the cursor on exit, so pick the JSON line out of the output.
    const line = output.split('\n').find((text) => text.startsWith('{"samples"'));
    if (!line) throw new Error(`The live-screen benchmark printed no result:\n${output}`);
    const {samples, rss} = JSON.parse(line) as {samples: number[]; rss: number};
    const sorted = [...samples].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)] as number;
    return [
      {
        name: 'Live screen: store update → frame (1000 pods, 300 namespaces, 5000 objects)',
        value: Math.round(median(samples) * 10) / 10,
        unit: 'ms',
        target: 16,
        detail: `median of ${samples.length}, p90 ${Math.round(p90 * 10) / 10} ms, 120×50 terminal`,
      },
      {
        name: 'Live screen: RSS at that scale',
        value: Math.round(rss / 1024 / 1024),
        unit: 'MB',
        target: 150,
        detail: 'the screen process alone, production bundle',
      },
    ];
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  for (const figure of await benchLiveScreen())
    console.log(
      `${figure.name}: ${figure.value} ${figure.unit} (target ≤ ${figure.target} ${figure.unit}) ${figure.detail ?? ''}`,
    );
}
