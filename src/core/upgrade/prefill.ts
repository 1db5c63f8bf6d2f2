import {credentialsFromValues, INLINE_VALUE_PATHS, type Credentials} from '../credentials/keys.js';
import {getPath, isPlainObject, leaves, mergeValues, setPath, splitPath, type Values} from '../values/paths.js';

export interface Prefill {
  /** The live release's user values, inline secrets removed: the answers to start the questions from. */
  readonly answers: Values;
  /** The new chart's defaults with those answers on top: what the questions show as current values. */
  readonly values: Values;
  /** Inline secrets found in the live values; they move into the credentials Secret. */
  readonly credentials: Credentials;
  /** Live answers the new chart does not know (kept, but shown so nobody is surprised). */
  readonly unknownPaths: readonly string[];
}

/** True when the new defaults have `path`, or a prefix of it that is a free-form map/list (annotations, extraEnv…). */
function knownPath(defaults: Values, path: string): boolean {
  const keys = splitPath(path);
  let node: unknown = defaults;
  for (const key of keys) {
    if (!isPlainObject(node)) return Array.isArray(node);
    if (!Object.hasOwn(node, key)) return Object.keys(node).length === 0;
    node = node[key];
  }
  return true;
}

/**
 * Pre-fills an upgrade from the live release: its user-supplied values (`helm get values`) over the
 * NEW chart defaults. This is what `--reset-then-reuse-values` means, done in the open: the wizard
 * then applies everything explicitly with `--reset-values -f …`, so new defaults are never dropped
 * (the `--reuse-values` trap) and old answers are never lost.
 */
export function prefillFromLive(liveUserValues: Values, newDefaults: Values): Prefill {
  const credentials = credentialsFromValues(liveUserValues);
  let answers = liveUserValues;
  for (const path of Object.values(INLINE_VALUE_PATHS)) {
    if (getPath(answers, path) !== undefined) answers = setPath(answers, path, '');
  }
  const unknownPaths = leaves(answers)
    .map(([path]) => path)
    .filter((path) => !knownPath(newDefaults, path));
  return {answers, values: mergeValues(newDefaults, answers), credentials, unknownPaths};
}
