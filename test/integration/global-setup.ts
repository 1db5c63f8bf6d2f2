import {execFileSync} from 'node:child_process';
import {join} from 'node:path';

/**
 * The integration project runs real tools (helm, MinIO) without a cluster. Build them, or reuse
 * the cache, before any test starts; a missing Go toolchain fails the run with the fix.
 */
export default function setup(): void {
  try {
    execFileSync('go', ['version'], {stdio: 'ignore'});
  } catch {
    throw new Error(
      'Integration tests need Go >= 1.26 to build helm and MinIO from Go modules. Install Go (https://go.dev/dl/) and re-run.',
    );
  }
  execFileSync('bash', [join(import.meta.dirname, '..', 'cluster', 'build.sh'), 'all'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
