import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {importsOf, layerViolations, type SourceFile} from './layers.js';

function tree(root: string): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );
  return walk(root).map((path) => ({
    path: relative(root, path).split('\\').join('/'),
    text: readFileSync(path, 'utf8'),
  }));
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'layers');

describe('layer rules', () => {
  it('hold for src/', () => {
    expect(layerViolations(tree(join(import.meta.dirname, '..', '..', 'src')))).toEqual([]);
  });

  it('a tree that follows them passes', () => {
    expect(layerViolations(tree(join(FIXTURES, 'good')))).toEqual([]);
  });

  it('catch each deliberate break in the bad tree, and nothing else', () => {
    expect(layerViolations(tree(join(FIXTURES, 'bad'))).sort()).toEqual(
      [
        "adapters/kube.ts:1: adapters import no services, commands or UI — '../services/job/run.js'",
        "commands/install.ts:1: commands map flags to options and call services (no adapters, no UI) — '../adapters/kube.js'",
        "commands/install.ts:2: only adapters do I/O — 'node:fs'",
        "core/rule.ts:1: core imports only core and yaml — 'node:fs'",
        "core/rule.ts:2: core imports only core and yaml — '../adapters/kube.js'",
        "core/rule.ts:3: core imports only core and yaml — 'react'",
        "services/job/run.ts:1: services import no React, Ink or prompts — 'react'",
        "services/job/run.ts:2: services reach the UI only through ui/**/index.ts — '../../ui/screen/Screen.js'",
        "services/job/run.ts:3: services never import commands — '../../commands/install.js'",
        "services/job/run.ts:4: only adapters do I/O — 'execa'",
        "ui/screen/Screen.ts:1: the UI imports no adapters, services or commands — '../../adapters/kube.js'",
      ].sort(),
    );
  });

  it('treats `import type` and all-type named imports as erased, dynamic imports as real', () => {
    expect(
      importsOf(
        "import type {A} from './a.js';\nimport {type B, type C} from './b.js';\nimport {type D, e} from './c.js';\nconst f = await import('./d.js');\nexport {g} from './e.js';",
      ),
    ).toEqual([
      {spec: './a.js', typeOnly: true, line: 1},
      {spec: './b.js', typeOnly: true, line: 2},
      {spec: './c.js', typeOnly: false, line: 3},
      {spec: './e.js', typeOnly: false, line: 5},
      {spec: './d.js', typeOnly: false, line: 4},
    ]);
  });
});
