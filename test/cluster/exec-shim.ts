import {chmod, copyFile} from 'node:fs/promises';
import {join} from 'node:path';

/** Puts exec-shim.sh as `sh` into `dir`, which goes first on kwok's PATH (see exec-shim.sh). */
export async function writeExecShim(dir: string): Promise<void> {
  const file = join(dir, 'sh');
  await copyFile(join(import.meta.dirname, 'exec-shim.sh'), file);
  await chmod(file, 0o755);
}
