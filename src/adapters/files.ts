/**
 * Reading YAML files with positions, and writing files atomically. The only filesystem access of
 * the values/questions/preset pipeline. Every read problem is a UserError naming `file:line:col`;
 * writes go to a temporary file in the same directory and are renamed into place, so a failure
 * never leaves a half-written values file (and secrets files are 0600 from the first byte).
 */
import {createReadStream} from 'node:fs';
import {chmod, link, lstat, open, rename, rm, stat} from 'node:fs/promises';
import {basename, dirname, isAbsolute, join, relative, resolve} from 'node:path';
import {randomBytes} from 'node:crypto';
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import {CancelledError, type Problem, UserError} from '../core/errors.js';
import {indentQuotedContinuations} from '../core/questions/lenient-yaml.js';
import {HELM_YAML_PARSE} from '../core/values/helm-yaml.js';

export type Locate = (path: readonly (string | number)[]) => string;

/**
 * Values, questions and preset files are small; anything bigger is the wrong file (or /dev/zero),
 * and is refused before it is read whole.
 */
export const MAX_YAML_BYTES = 4 * 1024 * 1024;
/** Deeper nesting is refused: the YAML parser and every walker after it recurse. */
export const MAX_YAML_DEPTH = 100;
/** Leading indentation (spaces and `- ` indicators) beyond this makes the YAML parser blow up. */
const MAX_INDENT = 400;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function tooLarge(what: string, display: string, size?: number): UserError {
  return new UserError(
    `The ${what} ${display} is larger than ${mebibytes(MAX_YAML_BYTES)}${size !== undefined ? ` (${mebibytes(size)})` : ''}; nothing was read.`,
    {hint: 'Values, questions and preset files are a few kilobytes: check that this is the file you meant.'},
  );
}

/**
 * A cheap look at the text before the parser sees it: the `yaml` package recurses per nesting
 * level (and builds a regular expression per indentation level), so 5,000 levels of `- - - x`
 * exhaust its memory. Returns the offset of the first line that goes too deep, if any.
 */
function tooDeep(text: string): number | undefined {
  let offset = 0;
  let flow = 0;
  for (const line of text.split('\n')) {
    const indent = /^[ \t?:-]*/.exec(line)?.[0].length ?? 0;
    if (indent > MAX_INDENT) return offset;
    let quote: string | undefined;
    for (let index = 0; index < line.length; index++) {
      const char = line[index];
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '#' && (index === 0 || /\s/.test(line[index - 1] as string))) break;
      else if (char === '[' || char === '{') {
        if (++flow > MAX_YAML_DEPTH) return offset + index;
      } else if (char === ']' || char === '}') flow = Math.max(0, flow - 1);
    }
    offset += line.length + 1;
  }
  return undefined;
}

/**
 * The first value nested deeper than MAX_YAML_DEPTH or containing itself (`a: &x [*x]`, which
 * go-yaml refuses too), as a path; iterative, so the check itself cannot overflow the stack.
 */
function badNesting(value: unknown): {path: Array<string | number>; cycle: boolean} | undefined {
  const stack: Array<{node: unknown; path: Array<string | number>; ancestors: Set<unknown>}> = [
    {node: value, path: [], ancestors: new Set()},
  ];
  while (stack.length > 0) {
    const {node, path, ancestors} = stack.pop() as (typeof stack)[number];
    if (typeof node !== 'object' || node === null) continue;
    if (ancestors.has(node)) return {path, cycle: true};
    if (path.length > MAX_YAML_DEPTH) return {path, cycle: false};
    const inner = new Set(ancestors).add(node);
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.entries(node);
    for (const [key, child] of entries) stack.push({node: child, path: [...path, key], ancestors: inner});
  }
  return undefined;
}

/** A number JSON cannot hold (.inf, .nan): helm refuses the file, so must we. */
function nonFinite(value: unknown, path: Array<string | number> = []): Array<string | number> | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const found = nonFinite(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export interface YamlFile {
  /** The path as shown to the user (relative to cwd when inside it). */
  readonly display: string;
  readonly value: unknown;
  /** `file:line:col` of the key (or item) at `path`, or of its deepest existing ancestor. */
  readonly locate: Locate;
  /** The text of the plain scalar at `path` as written (for secrets: no number coercion). */
  readonly sourceText: (path: readonly (string | number)[]) => string | undefined;
  /** What a lenient read had to accept (see ReadYamlOptions.rancher). */
  readonly warnings: readonly Problem[];
}

export interface ReadYamlOptions {
  readonly cwd: string;
  /** What the file is, for messages: "answers file", "preset", "questions file". */
  readonly what: string;
  /** Refuse anything but a mapping at the root (an empty file counts as {}). Default true. */
  readonly mapping?: boolean;
  /** Content for the path '-' (stdin), read by the caller. */
  readonly stdin?: () => Promise<string>;
  /** Stops a read that waits (a FIFO); Ctrl-C. */
  readonly signal?: AbortSignal;
  /**
   * Read as leniently as Rancher's go-yaml where the `yaml` library is stricter (questions files):
   * a quoted string whose continuation lines are not indented past their key is accepted, with a
   * warning per repaired line.
   */
  readonly rancher?: boolean;
}

/** How a path is shown: relative to cwd when it is inside it. */
export function displayPath(path: string, cwd: string): string {
  if (path === '-') return '<stdin>';
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

type Doc = ReturnType<typeof parseDocument>;

/** An alias node's target; any other node as it is. */
function resolveAlias(doc: Doc, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** A mapping's pairs, followed by those it merges in with `<<` (nearest first, as YAML resolves them). */
function pairsOf(doc: Doc, map: unknown, seen = new Set<unknown>()): Pair[] {
  if (!isMap(map) || seen.has(map)) return [];
  seen.add(map);
  const own = map.items.filter((item): item is Pair => isPair(item));
  const merged: Pair[] = [];
  for (const item of own) {
    if (!isScalar(item.key) || item.key.source !== '<<') continue;
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const source of sources) merged.push(...pairsOf(doc, resolveAlias(doc, source), seen));
  }
  return [...own, ...merged];
}

/**
 * The node at `path` (merge keys and aliases followed) and the offset of its key, or of its deepest
 * existing ancestor when `found` is false.
 */
function nodeAt(
  doc: Doc,
  path: readonly (string | number)[],
): {node: unknown; offset: number | undefined; found: boolean} {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0];
  for (const [index, segment] of path.entries()) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pairs = pairsOf(doc, node);
      const keyText = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);
      let pair = pairs.find((item) => keyText(item) === String(segment));
      // Rancher-style answers write the rest of the path as one flat key (`ingress.host: x`).
      const flat = path.slice(index).join('.');
      pair ??= pairs.find((item) => keyText(item) === flat);
      if (!pair) return {node, offset, found: false};
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      if (keyText(pair) === flat && index < path.length - 1) return {node: pair.value, offset, found: true};
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)];
      if (item === undefined) return {node, offset, found: false};
      offset = (item as YamlNode | null)?.range?.[0] ?? offset;
      node = item;
    } else return {node, offset, found: false};
  }
  return {node: resolveAlias(doc, node), offset, found: true};
}

/** The first key repeated within one mapping, as a parse error (YAML forbids it; so does go-yaml). */
function duplicateKey(doc: Doc): Array<{code: string; message: string; pos: [number, number]}> {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
          if (seen.has(key)) {
            const offset = pair.key.range?.[0] ?? 0;
            return [{code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [offset, offset + 1]}];
          }
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return [];
}

/**
 * Parses YAML text. Syntax errors, duplicate keys, several documents and (by default) a root that
 * is not a mapping are UserErrors located at file:line:col with a hint.
 */
export function parseYaml(
  text: string,
  display: string,
  options: {what: string; mapping?: boolean; rancher?: boolean},
): YamlFile {
  let lineCounter = new LineCounter();
  const deep = tooDeep(text);
  const position = (offset: number): string => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `${display}:${line}:${offset - before.lastIndexOf('\n')}`;
  };
  if (deep !== undefined) {
    throw new UserError(`The ${options.what} ${display} is nested too deeply.`, {
      problems: [
        {
          where: position(deep),
          message: `more than ${MAX_YAML_DEPTH} levels of nesting`,
          hint: 'Values files are a few levels deep; check that this is the file you meant.',
        },
      ],
    });
  }
  // The parser's own duplicate-key check compares every key with every other (20,000 keys took
  // 12 s); duplicateKey() below does it with one Set per mapping.
  const parseOptions = {...HELM_YAML_PARSE, uniqueKeys: false, prettyErrors: false};
  let doc = parseDocument(text, {...parseOptions, lineCounter});
  const warnings: Problem[] = [];
  if (doc.errors.length > 0 && options.rancher) {
    const repaired = indentQuotedContinuations(text);
    const retryCounter = new LineCounter();
    const retry = parseDocument(repaired.text, {...parseOptions, lineCounter: retryCounter});
    if (repaired.repairs.length > 0 && retry.errors.length === 0) {
      doc = retry;
      lineCounter = retryCounter;
      for (const {line} of repaired.repairs)
        warnings.push({
          where: `${display}:${line}`,
          message:
            "this continuation line of a quoted string is not indented past its key: YAML forbids it, Rancher's parser (go-yaml) accepts it, and so does buntime-deploy",
          hint: 'Indent it further (or use a block scalar, description: >-) so every YAML tool reads the file.',
        });
    }
  }
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return display;
    const {line, col} = lineCounter.linePos(offset);
    return `${display}:${line}:${col}`;
  };
  const [first] = doc.errors.length > 0 ? doc.errors : duplicateKey(doc);
  if (first) {
    // A missing closing quote is reported at the end of the file; point at the opening quote instead.
    const quote = first.code === 'MISSING_CHAR' ? /closing (["'])/.exec(first.message)?.[1] : undefined;
    const where = at(quote ? Math.max(0, text.lastIndexOf(quote, first.pos[0] - 1)) : first.pos[0]);
    const reason = first.message.split(' at line ')[0]?.replace(/:$/, '') ?? first.message;
    const hint =
      first.code === 'DUPLICATE_KEY'
        ? 'Each key may appear once per mapping; delete or merge the repeated key.'
        : first.code === 'TAB_AS_INDENT'
          ? 'Indent YAML with spaces, not tabs.'
          : /multiple documents/i.test(first.message)
            ? 'Keep one YAML document per file (remove the extra ---).'
            : 'Check the indentation and quoting around that line (strings with : or # need quotes).';
    throw new UserError(`The ${options.what} ${display} is not valid YAML.`, {
      problems: [{where, message: reason, hint}],
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({maxAliasCount: 1000});
  } catch (error) {
    // Unresolved aliases (*name without &name) and alias bombs only fail when converting.
    let offset: number | undefined;
    visit(doc, {
      Alias: (_key, node) => {
        if (offset === undefined && node.resolve(doc) === undefined) offset = node.range?.[0];
      },
    });
    throw new UserError(`The ${options.what} ${display} is not valid YAML.`, {
      problems: [
        {
          where: at(offset),
          message: (error as Error).message,
          hint: 'Define the &anchor before using *alias, or write the value out.',
        },
      ],
    });
  }
  const locate: Locate = (path) => at(nodeAt(doc, path).offset);
  const nesting = badNesting(value);
  if (nesting) {
    throw new UserError(`The ${options.what} ${display} is not valid here.`, {
      problems: [
        {
          where: locate(nesting.path),
          message: nesting.cycle
            ? 'an alias refers to a value that contains it'
            : `more than ${MAX_YAML_DEPTH} levels of nesting`,
          hint: nesting.cycle
            ? 'Helm refuses self-referencing anchors; write the value out.'
            : 'Check that this is the file you meant.',
        },
      ],
    });
  }
  const infinite = nonFinite(value);
  if (infinite) {
    throw new UserError(`The ${options.what} ${display} holds a number helm cannot read.`, {
      problems: [
        {
          where: locate(infinite),
          message: '.inf and .nan are not numbers JSON (and so helm) can hold',
          hint: 'Write a finite number, or quote the text ".inf".',
        },
      ],
    });
  }
  if ((options.mapping ?? true) && (value === null || value === undefined)) value = {};
  if ((options.mapping ?? true) && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    const kind = Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`;
    throw new UserError(`The ${options.what} ${display} must be a YAML mapping (key: value), but it holds ${kind}.`, {
      problems: [
        {
          where: at(doc.contents?.range?.[0]),
          message: 'the top level is not a mapping',
          hint: 'Start the file with keys, e.g. replicaCount: 1.',
        },
      ],
    });
  }
  return {display, value, locate, ...textAt(doc), warnings};
}

/**
 * The source text of a plain scalar at `path` (`0123…` before YAML made it a number): secrets are
 * kept exactly as written. undefined when there is no plain scalar there.
 */
function textAt(doc: Doc): Pick<YamlFile, 'sourceText'> {
  return {
    sourceText: (path) => {
      const {node, found} = nodeAt(doc, path);
      if (!found || !isScalar(node) || node.type !== 'PLAIN') return undefined;
      return typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

/** A read that stopped at the size limit. */
class TooLarge extends Error {
  constructor(readonly size: number | undefined) {
    super('too large');
  }
}

/**
 * Reads a file of at most `limit` bytes. A bigger regular file is refused from its size alone;
 * devices and pipes (`/dev/zero`, `-f <(sops -d …)`) are read until the limit is passed. Aborting
 * `signal` stops the read (a FIFO nobody writes to would otherwise wait for ever).
 */
async function readLimited(file: string, limit: number, signal?: AbortSignal): Promise<string> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), {code: 'EISDIR'});
  if (info.isFile() && info.size > limit) throw new TooLarge(info.size);
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = createReadStream(file, {highWaterMark: 64 * 1024, ...(signal ? {signal} : {})});
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > limit) throw new TooLarge(info.isFile() ? total : undefined);
      chunks.push(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and parses a YAML file ('-' reads stdin through options.stdin). */
export async function readYamlFile(path: string, options: ReadYamlOptions): Promise<YamlFile> {
  const display = displayPath(path, options.cwd);
  let text: string;
  try {
    if (path === '-') {
      if (!options.stdin) throw new UserError(`Reading the ${options.what} from stdin is not possible here.`);
      text = await options.stdin();
      if (Buffer.byteLength(text) > MAX_YAML_BYTES) throw new TooLarge(Buffer.byteLength(text));
    } else text = await readLimited(resolve(options.cwd, path), MAX_YAML_BYTES, options.signal);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof TooLarge) throw tooLarge(options.what, display, error.size);
    if ((error as Error).name === 'AbortError' || options.signal?.aborted)
      throw new CancelledError(`Stopped while reading ${display}.`);
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'is not readable (permission denied)'
            : `cannot be read (${code ?? String(error)})`;
    throw new UserError(`The ${options.what} ${display} ${reason}.`, {
      hint:
        code === 'EISDIR'
          ? 'Pass the YAML file inside it.'
          : 'Check the path (it is relative to the current directory).',
    });
  }
  return parseYaml(text, display, {
    what: options.what,
    ...(options.mapping !== undefined ? {mapping: options.mapping} : {}),
    ...(options.rancher ? {rancher: true} : {}),
  });
}

export interface FileToWrite {
  readonly path: string;
  /** Text is written as UTF-8; bytes as they are (e.g. a downloaded snapshot). */
  readonly content: string | Uint8Array;
  /** 0o600 for anything holding secrets. */
  readonly mode?: number;
}

/** Why a path cannot be written, as a UserError naming it (exit 2: the path given is wrong). */
function unwritable(path: string, code: string | undefined, display: (path: string) => string): UserError {
  const shown = display(path);
  const reasons: Record<string, [string, string]> = {
    EISDIR: [`${shown} is a directory`, 'Give a file name, e.g. -o values.yaml (its secrets go next to it).'],
    ENOENT: [`the directory of ${shown} does not exist`, 'Create the directory first, or write somewhere that exists.'],
    ENOTDIR: [`a part of ${shown} is not a directory`, 'Check the path.'],
    EACCES: [`${shown} is not writable (permission denied)`, 'Write somewhere you may write, or fix the permissions.'],
    EPERM: [`${shown} is not writable (operation not permitted)`, 'Write somewhere you may write.'],
    EROFS: [`${shown} is on a read-only file system`, 'Write somewhere else.'],
    EEXIST: [`${shown} exists and cannot be replaced`, 'Remove it or choose another name.'],
  };
  const [message, hint] = reasons[code ?? ''] ?? [
    `could not write ${shown}${code ? ` (${code})` : ''}`,
    'Check that the directory exists and is writable.',
  ];
  const usage = code !== undefined && code in reasons;
  return new UserError(`Cannot write: ${message}; nothing was written.`, {hint, exitCode: usage ? 2 : 1});
}

async function removeQuietly(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, {force: true}).catch(() => undefined)));
}

export interface WriteOptions {
  /** Checked after everything is written and before anything is renamed: Ctrl-C writes nothing. */
  readonly signal?: AbortSignal;
  /** How paths are shown in messages (default: as given). */
  readonly display?: (path: string) => string;
}

/**
 * Writes several files all or nothing. Every target is checked first (a directory, a missing
 * directory); every temporary file is written in its target's directory and synced; only then,
 * unless `signal` was aborted, are they renamed over their targets. A target that existed is kept
 * as a hard link until every rename succeeded, so a failure half way puts the old files back. On any
 * failure every temporary file is removed, and the error names the path that could not be written.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[], options: WriteOptions = {}): Promise<void> {
  const display = options.display ?? ((path: string) => path);
  const targets = files.map((file) => resolve(file.path));
  for (const target of targets) {
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw unwritable(target, 'EISDIR', display);
    const parent = await stat(dirname(target)).catch((error: NodeJS.ErrnoException) => error);
    if (parent instanceof Error) throw unwritable(target, parent.code === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT', display);
    if (!parent.isDirectory()) throw unwritable(target, 'ENOTDIR', display);
  }
  const temps: Array<{temp: string; target: string; mode: number}> = [];
  const tempName = (target: string, kind: string): string =>
    join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.${kind}`);
  for (const [index, file] of files.entries()) {
    const target = targets[index] as string;
    const temp = tempName(target, 'tmp');
    const mode = file.mode ?? 0o644;
    try {
      const handle = await open(temp, 'wx', mode);
      temps.push({temp, target, mode});
      try {
        await (typeof file.content === 'string'
          ? handle.writeFile(file.content, 'utf8')
          : handle.writeFile(file.content));
        await handle.sync();
      } finally {
        await handle.close();
      }
      // open()'s mode is filtered by the umask; make the final mode exact.
      await chmod(temp, mode);
    } catch (error) {
      await removeQuietly(temps.map(({temp: path}) => path));
      throw unwritable(target, (error as NodeJS.ErrnoException).code, display);
    }
  }
  if (options.signal?.aborted) {
    await removeQuietly(temps.map(({temp}) => temp));
    throw new CancelledError('Stopped before writing; nothing was written.');
  }
  // Keep the old files reachable until every rename has succeeded.
  const backups: Array<{backup: string; target: string}> = [];
  const renamed: string[] = [];
  try {
    for (const {target} of temps) {
      const existing = await lstat(target).catch(() => undefined);
      if (!existing?.isFile()) continue;
      const backup = tempName(target, 'bak');
      await link(target, backup);
      backups.push({backup, target});
    }
    for (const {temp, target} of temps) {
      await rename(temp, target);
      renamed.push(target);
    }
  } catch (error) {
    const failed = temps[renamed.length]?.target ?? temps[0]?.target ?? '';
    for (const target of renamed) {
      const backup = backups.find((item) => item.target === target);
      if (backup) await rename(backup.backup, target).catch(() => undefined);
      else await rm(target, {force: true}).catch(() => undefined);
    }
    await removeQuietly([...temps.map(({temp}) => temp), ...backups.map(({backup}) => backup)]);
    throw unwritable(failed, (error as NodeJS.ErrnoException).code, display);
  }
  await removeQuietly(backups.map(({backup}) => backup));
}

/** Which of `paths` exist (files or directories). */
export async function existingPaths(paths: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        () => true,
        () => false,
      ),
    ),
  );
  return paths.filter((_path, index) => found[index]);
}

/** The permission bits of a file (e.g. 0o600). */
export async function fileMode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/**
 * Reads a whole stream as UTF-8 (for `-f -`), at most MAX_YAML_BYTES (+1 byte, so the reader can
 * tell it was more): stdin from /dev/zero or a runaway pipe is cut off instead of filling memory.
 */
export async function readStream(stream: NodeJS.ReadableStream, limit = MAX_YAML_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    total += buffer.length;
    if (total > limit) break;
  }
  return Buffer.concat(chunks)
    .subarray(0, limit + 1)
    .toString('utf8');
}

/** `values.yaml` → `values.secrets.yaml`; `vals` → `vals.secrets`: where the secrets of an output go. */
export function secretsPathFor(path: string): string {
  const match = /^(.*?)(\.ya?ml)$/i.exec(path);
  return match ? `${match[1]}.secrets${match[2]}` : `${path}.secrets`;
}

/** The first `length` bytes of a file and its size (to check a snapshot without reading it all). */
export async function readFileHead(path: string, length: number): Promise<{head: Uint8Array; size: number}> {
  const handle = await open(path, 'r');
  try {
    const {size} = await handle.stat();
    const head = new Uint8Array(Math.min(length, size));
    await handle.read(head, 0, head.length, 0);
    return {head, size};
  } finally {
    await handle.close();
  }
}
