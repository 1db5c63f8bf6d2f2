/**
 * The ONE list of secret value paths and the ONE masking function. Every display path — wizard
 * review, render output, diffs, status, error messages — must go through `mask`/`maskText`, so a
 * token never reaches a terminal, a log or a committed file by accident.
 */
import {type Values, deletePath, getPath, isPlainObject, leaves, setPath} from './paths.js';

/** Secret values of the Buntime chart (password-type questions are added by `secretPaths`). */
export const SECRET_VALUE_PATHS: readonly string[] = [
  'buntime.rootKey',
  'buntime.authDb.syncAuthToken',
  'tursoServer.authToken',
  'tursoServer.adminToken',
  'tursoServer.backup.s3.accessKeyId',
  'tursoServer.backup.s3.secretAccessKey',
  'plugins.turso.sync.authToken',
];

/** What a masked secret looks like; the length is not revealed. */
export const MASK = '••••••••';

/** The fixed list plus every `password` question's variable, deduplicated. */
export function secretPaths(
  questions: ReadonlyArray<{readonly variable: string; readonly type: string}> = [],
): string[] {
  const out = new Set(SECRET_VALUE_PATHS);
  for (const question of questions) if (question.type === 'password') out.add(question.variable);
  return [...out];
}

/** True when `path` is (or lies below) a secret path. */
export function isSecretPath(path: string, paths: readonly string[] = SECRET_VALUE_PATHS): boolean {
  return paths.some((secret) => path === secret || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`));
}

/** A copy of `values` with every non-empty secret replaced by MASK. Use it for anything displayed. */
export function mask(values: Values, paths: readonly string[] = SECRET_VALUE_PATHS): Values {
  let out = values;
  for (const path of paths) {
    const value = getPath(out, path);
    if (value !== undefined && value !== null && value !== '') out = setPath(out, path, MASK);
  }
  return out;
}

/** The non-empty secret strings held in `values` (to scrub free text such as helm's stderr). */
export function secretStrings(values: Values, paths: readonly string[] = SECRET_VALUE_PATHS): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const value = getPath(values, path);
    if (typeof value === 'string' && value !== '') out.push(value);
    else if (typeof value === 'number') out.push(String(value));
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Base64 of UTF-8 text: how a secret appears in a Secret manifest's `data`. */
function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Replaces every occurrence of any secret — and of its base64 form, as in rendered Secret manifests
 * or `helm get manifest` — in free text. Very short secrets (< 4 characters) are still replaced,
 * but only as whole words, so "a" does not blank every a in a message.
 */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  const needles = secrets.flatMap((secret) => (secret.length >= 4 ? [secret, toBase64(secret)] : [secret]));
  for (const secret of [...new Set(needles)].sort((a, b) => b.length - a.length)) {
    if (secret === '') continue;
    const pattern =
      secret.length < 4 ? new RegExp(`\\b${escapeRegExp(secret)}\\b`, 'g') : new RegExp(escapeRegExp(secret), 'g');
    out = out.replace(pattern, MASK);
  }
  return out;
}

/**
 * maskText for a fixed set of secrets, for output that streams (helm's lines, errors, screens).
 * Unset secrets are ignored.
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const list = [...secrets].filter((secret): secret is string => Boolean(secret));
  return list.length === 0 ? (text) => text : (text) => maskText(text, list);
}

/**
 * Splits values into the committable part and the secrets part (written to a 0600 file).
 * Empty secrets stay in the public part: an empty token is not a secret and documents the key.
 */
export function splitSecrets(
  values: Values,
  paths: readonly string[] = SECRET_VALUE_PATHS,
): {public: Values; secrets: Values} {
  let publicValues = values;
  let secrets: Values = {};
  for (const path of paths) {
    const value = getPath(values, path);
    if (value === undefined || value === null || value === '') continue;
    secrets = setPath(secrets, path, value);
    publicValues = deletePath(publicValues, path);
  }
  return {public: pruneEmpty(publicValues, values), secrets};
}

/** Removes maps left empty by deletePath, but keeps maps that were empty to begin with. */
function pruneEmpty(values: Values, original: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    const before = original[key];
    if (isPlainObject(value)) {
      const pruned = pruneEmpty(value, isPlainObject(before) ? before : {});
      if (Object.keys(pruned).length > 0 || (isPlainObject(before) && Object.keys(before).length === 0))
        out[key] = pruned;
    } else out[key] = value;
  }
  return out;
}

/** Every secret path that holds a non-empty value (for "3 secrets in values.secrets.yaml"). */
export function presentSecrets(values: Values, paths: readonly string[] = SECRET_VALUE_PATHS): string[] {
  return leaves(values)
    .filter(([path, value]) => isSecretPath(path, paths) && value !== '' && value !== null && value !== undefined)
    .map(([path]) => path);
}
