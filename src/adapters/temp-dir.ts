/**
 * Private temporary directories (they may hold values with secrets, mode 0600 inside a 0700
 * directory) that never outlive the process: removed when the work ends, and — if the process is
 * made to exit in the middle (a second Ctrl-C while nothing critical runs) — by an exit hook.
 */
import {rmSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const live = new Set<string>();
let hooked = false;

function removeLeftovers(): void {
  for (const dir of live) rmSync(dir, {recursive: true, force: true});
  live.clear();
}

/** Runs `work` with a fresh private directory under the OS temp dir, removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  if (!hooked) {
    process.once('exit', removeLeftovers);
    hooked = true;
  }
  const dir = await mkdtemp(join(tmpdir(), prefix));
  live.add(dir);
  try {
    return await work(dir);
  } finally {
    live.delete(dir);
    await rm(dir, {recursive: true, force: true});
  }
}
