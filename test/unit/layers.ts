import {dirname, join, normalize} from 'node:path';

/**
 * The architecture's import rules, checked over source text (README "Development"):
 * - core is pure: it imports only core modules and the `yaml` parser (no I/O, no React, no Node I/O
 *   modules, not even types from other layers);
 * - only adapters import I/O: execa, @kubernetes/client-node, node:fs, node:net, node:http(s),
 *   node:child_process, node:tls, node:dgram, node:os;
 * - services import no React, Ink or inquirer, and reach the UI only through `src/ui/**\/index.ts`;
 *   they never import commands;
 * - commands map flags to options and call services: no adapters, no UI;
 * - the UI imports no adapters, services or commands; adapters import no services, commands or UI.
 * Type-only imports (erased at build time) are allowed across layers, except into core.
 * Test files are not checked.
 */
export interface SourceFile {
  /** Path relative to the source root, with '/' separators, e.g. `services/deploy/plan.ts`. */
  readonly path: string;
  readonly text: string;
}

interface ImportRef {
  readonly spec: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

const IO_MODULES = [
  'execa',
  '@kubernetes/client-node',
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
  'node:tls',
  'node:dgram',
  'node:os',
];
const REACT_MODULES = ['react', 'ink', '@inkjs/ui', '@inquirer/prompts', '@inquirer/core'];
const CORE_PACKAGES = ['yaml'];

/** Every import/export-from/dynamic import in a file, with whether it is erased (type-only). */
export function importsOf(text: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const lineAt = (index: number): number => text.slice(0, index).split('\n').length;
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(statement)) {
    const [, , typeKeyword, clause = '', spec = ''] = match;
    const names = /\{([^}]*)\}/.exec(clause)?.[1];
    const onlyNamed = names !== undefined && clause.replace(/\{[^}]*\}/, '').replace(/[\s,]/g, '') === '';
    const allTypes =
      onlyNamed &&
      names
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .every((name) => name.startsWith('type '));
    refs.push({spec, typeOnly: Boolean(typeKeyword) || allTypes, line: lineAt(match.index)});
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    refs.push({spec: match[1] ?? '', typeOnly: false, line: lineAt(match.index)});
  }
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    refs.push({spec: match[1] ?? '', typeOnly: false, line: lineAt(match.index)});
  }
  return refs;
}

function layerOf(path: string): string {
  const first = path.split('/')[0] ?? '';
  return path.includes('/') ? first : path.replace(/\.tsx?$/, '');
}

/** The target of a relative import as a source path (`.js` → `.ts`), or undefined for packages. */
function resolveSpec(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return normalize(join(dirname(from), spec))
    .split('\\')
    .join('/')
    .replace(/\.js$/, '.ts');
}

function isPackage(spec: string, names: readonly string[]): boolean {
  return names.some((name) => spec === name || spec.startsWith(`${name}/`));
}

/** One message per broken rule: `file:line: rule — import`. */
export function layerViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (/\.test\.tsx?$/.test(file.path)) continue;
    const layer = layerOf(file.path);
    for (const ref of importsOf(file.text)) {
      const target = resolveSpec(file.path, ref.spec);
      const targetLayer = target ? layerOf(target) : undefined;
      const report = (rule: string): void => {
        out.push(`${file.path}:${ref.line}: ${rule} — '${ref.spec}'`);
      };
      if (layer === 'core') {
        if (target ? targetLayer !== 'core' : !isPackage(ref.spec, CORE_PACKAGES))
          report('core imports only core and yaml');
        continue;
      }
      if (ref.typeOnly) continue;
      if (!target && isPackage(ref.spec, IO_MODULES) && layer !== 'adapters') report('only adapters do I/O');
      if (layer === 'services') {
        if (!target && isPackage(ref.spec, REACT_MODULES)) report('services import no React, Ink or prompts');
        if (targetLayer === 'ui' && !/\/index\.tsx?$/.test(target ?? ''))
          report('services reach the UI only through ui/**/index.ts');
        if (targetLayer === 'commands') report('services never import commands');
      }
      if (layer === 'commands' && (targetLayer === 'adapters' || targetLayer === 'ui')) {
        report('commands map flags to options and call services (no adapters, no UI)');
      }
      if (layer === 'ui' && (targetLayer === 'adapters' || targetLayer === 'services' || targetLayer === 'commands')) {
        report('the UI imports no adapters, services or commands');
      }
      if (layer === 'adapters' && (targetLayer === 'services' || targetLayer === 'commands' || targetLayer === 'ui')) {
        report('adapters import no services, commands or UI');
      }
    }
  }
  return out;
}
