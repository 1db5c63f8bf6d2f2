import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';

// The published bundle stays small because only src/adapters/kube/lib.ts imports
// @kubernetes/client-node (three of its modules) and nothing calls makeApiClient (scripts/build.mjs
// stubs the generated API it needs; src/adapters/kube/rest.ts makes our API calls instead).
const SRC = join(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('bundle boundaries', () => {
  const files = sources(SRC).map((path) => ({path: relative(SRC, path), text: readFileSync(path, 'utf8')}));

  it('only kube/lib.ts loads @kubernetes/client-node at run time', () => {
    const offenders = files.filter(
      (file) =>
        file.path !== join('adapters', 'kube', 'lib.ts') &&
        /(?<!import type[^;]*)from '@kubernetes\/client-node|import\('@kubernetes\/client-node/.test(file.text),
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('nothing calls makeApiClient (not in the bundle)', () => {
    expect(files.filter((file) => file.text.includes('makeApiClient(')).map((file) => file.path)).toEqual([]);
  });
});
