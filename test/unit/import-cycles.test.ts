import {join} from 'node:path';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';

// In the bundle, modules reached through a dynamic import() initialise lazily and asynchronously
// (Ink's yoga-layout has a top-level await). Two such modules importing each other wait on each
// other forever: `status` once hung with a blank screen that way. No import cycles in src/.
const ROOT = join(import.meta.dirname, '..', '..');

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'active');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'active') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

describe('import graph of src/', () => {
  it('has no static cycles between our modules (type-only imports excluded)', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'entry.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      jsx: 'automatic',
      external: ['react-devtools-core'],
      logLevel: 'silent',
      outdir: join(ROOT, 'dist-cycle-check'),
    });
    const graph = new Map<string, string[]>();
    for (const [file, input] of Object.entries(result.metafile.inputs)) {
      if (!file.startsWith('src/')) continue;
      // A dynamic import() runs after its importer finished initialising, so it cannot close a cycle.
      graph.set(
        file,
        input.imports
          .filter((item) => item.kind !== 'dynamic-import')
          .map((item) => item.path)
          .filter((path) => path.startsWith('src/')),
      );
    }
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)).toBeUndefined();
  });
});
