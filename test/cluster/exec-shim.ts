import {chmod, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * kwok answers `kubectl exec POD -- sh -c …` by running `sh` as a local process (its Exec CRD).
 * A pod's filesystem is then a directory on this machine: the Exec rule of setPodFilesystem gives
 * BUNTIME_TEST_POD_ROOT, and this `sh` (first on kwok's PATH) rewrites absolute `/data` paths in
 * its arguments into that directory before running the real /bin/sh. Everything else (tar, find,
 * sha256sum, mv) is the machine's own, working on real files; without the variable it is plain sh.
 */
const SHIM = `#!/bin/sh
if [ -n "\${BUNTIME_TEST_POD_ROOT:-}" ]; then
  n=$#
  while [ "$n" -gt 0 ]; do
    arg=$1
    shift
    set -- "$@" "$(printf '%s' "$arg" | sed "s#/data/#\${BUNTIME_TEST_POD_ROOT}/data/#g; s#/data\\$#\${BUNTIME_TEST_POD_ROOT}/data#")"
    n=$((n - 1))
  done
fi
exec /bin/sh "$@"
`;

export async function writeExecShim(dir: string): Promise<void> {
  const file = join(dir, 'sh');
  await writeFile(file, SHIM);
  await chmod(file, 0o755);
}
