/**
 * The ONE list of secret value paths and the ONE masking function. Every display path — wizard
 * review, render output, diffs, status, error messages — must go through `mask`/`maskText`, so a
 * token never reaches a terminal, a log or a committed file by accident.
 */
import {editDistance} from '../suggest.js';
import {type Values, deletePath, getPath, isPlainObject, setPath} from './paths.js';

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

/** Lower-case, without `_`, `-` and escape backslashes: `buntime.Root_Key` → `buntime.rootkey`. */
function normalizePath(path: string): string {
  return path.replace(/\\/g, '').replace(/[_-]/g, '').toLowerCase();
}

/**
 * True when `path` is not a secret path but is written like one (`buntime.rootkey`,
 * `tursoServer.backup.s3.SecretAccessKey`, `buntime.rootKye`): whoever wrote it meant a secret, so
 * its value is treated as one (never echoed, never in the committed file).
 */
export function isNearSecretPath(path: string, paths: readonly string[] = SECRET_VALUE_PATHS): boolean {
  if (isSecretPath(path, paths)) return false;
  const bare = path.replace(/\[\d+\]/g, '');
  const normal = normalizePath(bare);
  return paths.some((secret) => {
    const target = normalizePath(secret);
    if (normal === target || normal.startsWith(`${target}.`)) return true;
    return Math.abs(normal.length - target.length) <= 2 && editDistance(normal, target) <= 2;
  });
}

/** Words of an environment variable name that say its value is a secret. */
const SECRET_WORDS = new Set([
  'KEY',
  'KEYS',
  'TOKEN',
  'TOKENS',
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'PASSPHRASE',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'PRIVATE',
]);

/** `RUNTIME_ROOT_KEY`, `dbPassword`, `GITHUB_TOKEN`: a name that says its value is a secret. */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  return words.some((word) => SECRET_WORDS.has(word)) || /PASSWORD|SECRET|TOKEN|APIKEY/.test(name.toUpperCase());
}

/** `scheme://user:password@host`: the userinfo part of every URL in `text`. */
export function urlUserinfo(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/?#@]+)@/gi)) if (match[1]) out.push(match[1]);
  return out;
}

export type SecretReason = 'path' | 'near' | 'env' | 'url';

export interface SecretLeaf {
  /** `a.b[0].c` (dots in keys escaped), as --set and the findings write paths. */
  readonly path: string;
  readonly segments: readonly (string | number)[];
  readonly value: unknown;
  readonly reason: SecretReason;
}

function joinKey(path: string, key: string): string {
  const escaped = key.replace(/\./g, '\\.');
  return path === '' ? escaped : `${path}.${escaped}`;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Every value the one secret policy calls secret: a secret path (the chart's and password
 * questions'), a key written like one, the `value` of an env entry whose name says it is a secret
 * (`extraEnv: [{name: RUNTIME_ROOT_KEY, value: …}]`), and any text holding URL credentials
 * (`http://AK:SK@minio:9000`). Empty values are not secrets.
 */
export function secretLeaves(values: unknown, paths: readonly string[] = SECRET_VALUE_PATHS): SecretLeaf[] {
  const out: SecretLeaf[] = [];
  const walk = (node: unknown, path: string, segments: (string | number)[], depth: number): void => {
    if (depth > 200) return;
    if (path !== '' && isSecretPath(path, paths)) {
      if (isSet(node)) out.push({path, segments, value: node, reason: 'path'});
      return;
    }
    if (path !== '' && isNearSecretPath(path, paths) && !isPlainObject(node)) {
      if (isSet(node)) out.push({path, segments, value: node, reason: 'near'});
      return;
    }
    if (Array.isArray(node)) {
      const envList = /env$/i.test(String(segments[segments.length - 1] ?? ''));
      node.forEach((item, index) => {
        const itemPath = `${path}[${index}]`;
        if (envList && isPlainObject(item) && typeof item['name'] === 'string' && isSecretName(item['name'])) {
          if (isSet(item['value']))
            out.push({
              path: `${itemPath}.value`,
              segments: [...segments, index, 'value'],
              value: item['value'],
              reason: 'env',
            });
          return;
        }
        walk(item, itemPath, [...segments, index], depth + 1);
      });
      return;
    }
    if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) walk(child, joinKey(path, key), [...segments, key], depth + 1);
      return;
    }
    if (typeof node === 'string' && urlUserinfo(node).length > 0)
      out.push({path, segments, value: node, reason: 'url'});
  };
  walk(values, '', [], 0);
  return out;
}

/** The texts to scrub for one secret value: itself, or for a URL only its credentials (and their parts). */
function textsOf(leaf: SecretLeaf): string[] {
  if (leaf.reason === 'url') {
    return urlUserinfo(String(leaf.value)).flatMap((info) => [info, ...info.split(':').filter(Boolean)]);
  }
  if (typeof leaf.value === 'string' || typeof leaf.value === 'number' || typeof leaf.value === 'boolean')
    return [String(leaf.value)];
  return collectStrings(leaf.value);
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number') return [String(value)];
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}

/** A copy of `values` with every secret the policy finds replaced by MASK. Use it for anything displayed. */
export function mask(values: Values, paths: readonly string[] = SECRET_VALUE_PATHS): Values {
  let out: unknown = values;
  for (const leaf of secretLeaves(values, paths)) {
    const masked =
      leaf.reason === 'url'
        ? urlUserinfo(String(leaf.value)).reduce(
            (text, info) => text.split(`${info}@`).join(`${MASK}@`),
            String(leaf.value),
          )
        : MASK;
    out = setIn(out, leaf.segments, masked);
  }
  return out as Values;
}

/** Sets `segments` in a copy of `node` (maps and lists). */
function setIn(node: unknown, segments: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = Array.isArray(node) ? [...node] : [];
    list[head] = setIn(list[head], rest, value);
    return list;
  }
  const map: Values = isPlainObject(node) ? {...node} : {};
  map[head] = setIn(map[head], rest, value);
  return map;
}

/** The secret strings held in `values`, by the one policy (to scrub free text such as helm's stderr). */
export function secretStrings(values: Values, paths: readonly string[] = SECRET_VALUE_PATHS): string[] {
  return [...new Set(secretLeaves(values, paths).flatMap(textsOf))];
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
  // URL credentials are secrets whoever wrote them (a CronJob's S3_ENDPOINT, helm's error text).
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, `$1${MASK}@`);
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
 * Every secret this process has read or made (values files, generated credentials), so the one
 * top-level error handler can scrub whatever it prints — helm's stderr in an ExternalError
 * included — even when the code that failed never knew the secrets.
 */
const remembered = new Set<string>();

export function rememberSecrets(secrets: Iterable<string | undefined>): void {
  for (const secret of secrets) if (secret) remembered.add(secret);
}

export function rememberedSecrets(): string[] {
  return [...remembered];
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
 * Splits values into the committable part and the secrets part (written to a 0600 file), by the
 * one policy. A secret inside a list (an env entry) moves the whole list: helm replaces lists, so
 * the secrets file must carry all of it. Empty secrets stay in the public part: an empty token is
 * not a secret and documents the key.
 */
export function splitSecrets(
  values: Values,
  paths: readonly string[] = SECRET_VALUE_PATHS,
): {public: Values; secrets: Values} {
  let publicValues = values;
  let secrets: Values = {};
  const moved = new Set<string>();
  for (const leaf of secretLeaves(values, paths)) {
    const firstIndex = leaf.segments.findIndex((segment) => typeof segment === 'number');
    const keys = (firstIndex === -1 ? leaf.segments : leaf.segments.slice(0, firstIndex)) as string[];
    if (keys.length === 0) continue;
    const path = keys.map((key) => key.replace(/\./g, '\\.')).join('.');
    if (moved.has(path)) continue;
    moved.add(path);
    secrets = setPath(secrets, path, getPath(values, path));
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

/** Every secret the policy finds in `values`, by path (for "3 secrets in values.secrets.yaml"). */
export function presentSecrets(values: Values, paths: readonly string[] = SECRET_VALUE_PATHS): string[] {
  return secretLeaves(values, paths).map((leaf) => leaf.path);
}

/**
 * A `--set` argument as it may be shown: from the first assignment that names or holds a secret
 * (a secret path or one written like it, an env value, URL credentials) to the end, the text is
 * masked, even when the argument does not parse (`buntime.rootKey=S,x`).
 */
export function maskSetArgument(argument: string, paths: readonly string[] = SECRET_VALUE_PATHS): string {
  let start = 0;
  for (let index = 0; index <= argument.length; index++) {
    const char = argument[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char !== ',' && char !== undefined) continue;
    const part = argument.slice(start, index);
    const equals = unescapedIndex(part, '=');
    if (equals > 0) {
      const key = part.slice(0, equals).replace(/\\(.)/g, (_all, next: string) => (next === '.' ? '\\.' : next));
      const value = part.slice(equals + 1);
      if (
        isSecretPath(key.replace(/\[\d+\]/g, ''), paths) ||
        isNearSecretPath(key, paths) ||
        /env\[\d+\]\.value$/i.test(key) ||
        urlUserinfo(value).length > 0 ||
        /:\/\/[^/]*@/.test(argument.slice(start + equals + 1))
      )
        return `${argument.slice(0, start + equals + 1)}${MASK}`;
    }
    start = index + 1;
  }
  return argument;
}

function unescapedIndex(text: string, char: string): number {
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === char) return index;
  }
  return -1;
}
