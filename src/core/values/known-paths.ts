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
  /** Paths whose default is a list: `path[n]` is allowed. */
  readonly lists: ReadonlySet<string>;
}

export type PathCheck =
  | {readonly known: true}
  | {readonly known: false; readonly message: string; readonly closest?: string};

function joinKey(prefix: string, key: string): string {
  const escaped = key.replace(/\./g, '\\.');
  return prefix ? `${prefix}.${escaped}` : escaped;
}

/**
 * What a chart's values.schema.json allows: every `properties` path, and the objects that accept any
 * key (no `additionalProperties: false`). Helm validates values against it, so this is the truth
 * whenever the chart has one.
 */
export function schemaPaths(schema: Values): {paths: string[]; open: string[]} {
  const paths: string[] = [];
  const open: string[] = [];
  const walk = (node: Values, prefix: string): void => {
    const properties = isPlainObject(node['properties']) ? node['properties'] : undefined;
    const types = Array.isArray(node['type']) ? node['type'] : [node['type']];
    if (prefix && types.includes('object') && node['additionalProperties'] !== false) open.push(prefix);
    for (const [key, child] of Object.entries(properties ?? {})) {
      const path = joinKey(prefix, key);
      paths.push(path);
      if (isPlainObject(child)) walk(child, path);
    }
  };
  walk(schema, '');
  return {paths, open};
}

/** Builds the index from chart defaults, question variables, extra open maps and the chart's schema. */
export function knownPaths(
  defaults: Values,
  options: {questions?: readonly string[]; open?: readonly string[]; schema?: Values} = {},
): KnownPaths {
  const paths = new Set<string>();
  const open = new Set<string>(options.open ?? []);
  const scalars = new Set<string>();
  const lists = new Set<string>();
  const walk = (node: Values, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = joinKey(prefix, key);
      paths.add(path);
      if (isPlainObject(value)) {
        if (Object.keys(value).length === 0) open.add(path);
        else walk(value, path);
      } else if (Array.isArray(value)) {
        open.add(path);
        lists.add(path);
      } else if (value !== null) scalars.add(path);
    }
  };
  walk(defaults, '');
  if (options.schema) {
    const fromSchema = schemaPaths(options.schema);
    for (const path of fromSchema.paths) paths.add(path);
    for (const path of fromSchema.open) open.add(path);
  }
  for (const variable of options.questions ?? []) {
    const parts = splitPath(variable);
    for (let end = 1; end <= parts.length; end++)
      paths.add(
        parts
          .slice(0, end)
          .map((part) => part.replace(/\./g, '\\.'))
          .join('.'),
      );
  }
  return {paths, open, scalars, lists};
}

/** Drops list indexes (`imagePullSecrets[0].name` → `imagePullSecrets`), which only lists may take. */
function withoutIndexes(path: string): string {
  const index = path.search(/\[\d+\]/);
  return index === -1 ? path : path.slice(0, index);
}

/** Checks one dotted path (list indexes allowed after a list). */
export function checkPath(known: KnownPaths, path: string): PathCheck {
  const bare = withoutIndexes(path);
  if (bare !== path) {
    if (known.lists.has(bare)) return {known: true};
    if (known.paths.has(bare)) return {known: false, message: `'${bare}' is not a list, so '${path}' cannot index it`};
  } else if (known.paths.has(bare)) return {known: true};
  const parts = splitPath(bare);
  for (let end = parts.length - 1; end >= 1; end--) {
    const prefix = parts
      .slice(0, end)
      .map((part) => part.replace(/\./g, '\\.'))
      .join('.');
    if (known.open.has(prefix)) return {known: true};
    if (known.scalars.has(prefix)) {
      return {
        known: false,
        message: `'${prefix}' is a single value, so '${path}' cannot be set below it`,
        closest: prefix,
      };
    }
  }
  const candidates = [...known.paths];
  const suggestion = closestSibling(bare, candidates) ?? closest(bare, candidates) ?? closestBySuffix(bare, candidates);
  return {
    known: false,
    message: `'${path}' is not a value of this chart`,
    ...(suggestion ? {closest: suggestion} : {}),
  };
}

function commonPrefix(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

/**
 * A sibling under the same parent that the last segment is a typo or a stub of: same letters in
 * another case (`replicacount`), a prefix either way (`clas` → `className`, `tags` → `tag`), or a
 * long shared start (`replicas` → `replicaCount`). Better than plain edit distance for short keys.
 */
function closestSibling(path: string, candidates: readonly string[]): string | undefined {
  const parts = splitPath(path);
  const last = (parts.pop() ?? '').toLowerCase();
  const parent = parts.map((part) => part.replace(/\./g, '\\.')).join('.');
  const siblings = candidates.filter((candidate) => {
    const candidateParts = splitPath(candidate);
    candidateParts.pop();
    return candidateParts.map((part) => part.replace(/\./g, '\\.')).join('.') === parent;
  });
  const lastOf = (candidate: string): string => (splitPath(candidate).pop() ?? '').toLowerCase();
  const exact = siblings.find((candidate) => lastOf(candidate) === last);
  if (exact) return exact;
  const prefixed = siblings.filter(
    (candidate) => last.length >= 3 && (lastOf(candidate).startsWith(last) || last.startsWith(lastOf(candidate))),
  );
  if (prefixed.length > 0) return prefixed.sort((a, b) => a.length - b.length)[0];
  const shared = siblings
    .map((candidate) => ({candidate, shared: commonPrefix(lastOf(candidate), last)}))
    .filter((item) => item.shared >= Math.max(4, last.length - 2))
    .sort((a, b) => b.shared - a.shared);
  if (shared[0]) return shared[0].candidate;
  const near = closest(last, siblings.map(lastOf));
  return near === undefined ? undefined : siblings.find((candidate) => lastOf(candidate) === near);
}

/** Fallback suggestion: a known path ending with the same last segment (`host` → `ingress.host`). */
function closestBySuffix(path: string, candidates: readonly string[]): string | undefined {
  const last = splitPath(path).pop() ?? '';
  const matches = candidates.filter((candidate) => candidate === last || candidate.endsWith(`.${last}`));
  return matches.length > 0 ? matches.sort((a, b) => a.length - b.length)[0] : undefined;
}

/** Every leaf path of values that the index does not know, with the check result. */
export function unknownLeaves(
  known: KnownPaths,
  values: Values,
): Array<{path: string; check: Exclude<PathCheck, {known: true}>}> {
  const out: Array<{path: string; check: Exclude<PathCheck, {known: true}>}> = [];
  for (const [path] of leaves(values)) {
    const check = checkPath(known, path);
    if (!check.known) out.push({path, check});
  }
  return out;
}
