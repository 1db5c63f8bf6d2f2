import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {isBuilt, toolPaths} from '../cluster/tools.js';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Makes sure the real helm 3 and helm 4 exist before any chart test runs: `build.sh helm` is a
 * no-op when both are cached and builds them from Go modules otherwise. Without Go the suite fails
 * here with build.sh's explanation instead of skipping.
 */
export default function setup(): void {
  const {helm3, helm4} = toolPaths();
  if (isBuilt(helm3) && isBuilt(helm4)) return;
  const result = spawnSync('bash', [join(ROOT, 'test/cluster/build.sh'), 'helm'], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status !== 0 || !isBuilt(helm3) || !isBuilt(helm4)) {
    const why = result.error ? result.error.message : (result.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    throw new Error(
      `The helm chart tests need the real helm 3 and helm 4 binaries, and building them failed (exit ${result.status}).\n${why}\n` +
        'Install Go >= 1.26 and make sure `go` is on PATH, then rerun; binaries are cached under ~/.cache/buntime-deploy-test.',
    );
  }
}
