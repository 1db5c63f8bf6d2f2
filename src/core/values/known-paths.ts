/**
 * Which value paths a chart knows, so `--set ingres.host=x` fails with "did you mean ingress.host"
 * instead of being silently ignored by helm. Known = a path of the chart's values.yaml (leaf or
 * intermediate map), anything below an empty map or a list (free-form: annotations, extraEnv), anything
 * below a declared open map (resources), or a question variable.
 */
import {closest} from '../suggest.js';
import {type Values, isPlainObject, leaves, splitPath} from './paths.js';

export interface KnownPaths {
  /** Every known path (leaves and intermediate maps), for exact matches and suggestions. */
  readonly paths: ReadonlySet<string>;
  /** Paths below which any key is accepted. */
  readonly open: ReadonlySet<string>;
  /** Paths whose default is a scalar: nothing may be set below them. */
  readonly scalars: ReadonlySet<string>;
}

export type PathCheck = {readonly known: true} | {readonly known: false; readonly message: string; readonly closest?: string};

function joinKey(prefix: string, key: string): string {
  const escaped = key.replace(/\./g, '\\.');
  return prefix ? `${prefix}.${escaped}` : escaped;
}

/** Builds the index from chart defaults, question variables and extra open maps. */
export function knownPaths(defaults: Values, options: {questions?: readonly string[]; open?: readonly string[]} = {}): KnownPaths {
  const paths = new Set<string>();
  const open = new Set<string>(options.open ?? []);
  const scalars = new Set<string>();
  const walk = (node: Values, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = joinKey(prefix, key);
      paths.add(path);
      if (isPlainObject(value)) {
        if (Object.keys(value).length === 0) open.add(path);
        else walk(value, path);
      } else if (Array.isArray(value)) open.add(path);
      else if (value !== null) scalars.add(path);
    }
  };
  walk(defaults, '');
  for (const variable of options.questions ?? []) {
    const parts = splitPath(variable);
    for (let end = 1; end <= parts.length; end++) paths.add(parts.slice(0, end).map((part) => part.replace(/\./g, '\\.')).join('.'));
  }
  return {paths, open, scalars};
}

/** Drops list indexes (`imagePullSecrets[0].name` → `imagePullSecrets`), which only lists may take. */
function withoutIndexes(path: string): string {
  const index = path.search(/\[\d+\]/);
  return index === -1 ? path : path.slice(0, index);
}

/** Checks one dotted path (list indexes allowed after a list). */
export function checkPath(known: KnownPaths, path: string): PathCheck {
  const bare = withoutIndexes(path);
  if (bare !== path && (known.open.has(bare) || known.paths.has(bare))) return {known: true};
  if (known.paths.has(bare)) return {known: true};
  const parts = splitPath(bare);
  for (let end = parts.length - 1; end >= 1; end--) {
    const prefix = parts.slice(0, end).map((part) => part.replace(/\./g, '\\.')).join('.');
    if (known.open.has(prefix)) return {known: true};
    if (known.scalars.has(prefix)) {
      return {known: false, message: `'${prefix}' is a single value, so '${path}' cannot be set below it`, closest: prefix};
    }
  }
  const candidates = [...known.paths];
  const suggestion = closest(bare, candidates) ?? closestBySuffix(bare, candidates);
  return {known: false, message: `'${path}' is not a value of this chart`, ...(suggestion ? {closest: suggestion} : {})};
}

/** Fallback suggestion: a known path ending with the same last segment (`host` → `ingress.host`). */
function closestBySuffix(path: string, candidates: readonly string[]): string | undefined {
  const last = splitPath(path).pop() ?? '';
  const matches = candidates.filter((candidate) => candidate === last || candidate.endsWith(`.${last}`));
  return matches.length > 0 ? matches.sort((a, b) => a.length - b.length)[0] : undefined;
}

/** Every leaf path of values that the index does not know, with the check result. */
export function unknownLeaves(known: KnownPaths, values: Values): Array<{path: string; check: Exclude<PathCheck, {known: true}>}> {
  const out: Array<{path: string; check: Exclude<PathCheck, {known: true}>}> = [];
  for (const [path] of leaves(values)) {
    const check = checkPath(known, path);
    if (!check.known) out.push({path, check});
  }
  return out;
}
