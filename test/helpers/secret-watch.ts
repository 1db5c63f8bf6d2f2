import {readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {allCommandLines} from './procs.js';

/**
 * Samples every process's command line while something runs (helm included), so a test can prove
 * afterwards that no secret was ever visible in a process list.
 */
export function watchCommandLines(intervalMs = 25): {stop(): Set<string>} {
  const seen = new Set<string>();
  const sample = (): void => {
    for (const line of allCommandLines()) seen.add(line);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return seen;
    },
  };
}

/** Files under `dir` (recursively) whose content contains any of `needles`. */
export async function filesContaining(dir: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return;
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) await walk(join(path, entry));
    } else if (info.isFile() && info.size < 5_000_000) {
      const text = await readFile(path, 'utf8').catch(() => '');
      if (needles.some((needle) => needle && text.includes(needle))) hits.push(path);
    }
  };
  await walk(dir);
  return hits;
}
