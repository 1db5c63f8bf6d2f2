import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const PACKAGE_NAME = 'buntime-deploy';

/**
 * The directory of the buntime-deploy package, found by walking up from `from` (a file URL, by
 * default this module) to the package.json named buntime-deploy. Works from src/ (tsx, vitest) and
 * from the bundled dist/buntime-deploy.js inside an npx install alike.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as {name?: unknown}).name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(from)}.`);
    dir = parent;
  }
}

/** The Buntime chart shipped inside the package (`<package root>/charts/buntime`). */
export function shippedChartDir(from?: string): string {
  return join(packageRoot(from), 'charts', 'buntime');
}
