/**
 * Reading YAML files with positions, and writing files atomically. The only filesystem access of
 * the values/questions/preset pipeline. Every read problem is a UserError naming `file:line:col`;
 * writes go to a temporary file in the same directory and are renamed into place, so a failure
 * never leaves a half-written values file (and secrets files are 0600 from the first byte).
 */
import {chmod, open, readFile, rename, rm, stat} from 'node:fs/promises';
import {basename, dirname, isAbsolute, join, relative, resolve} from 'node:path';
import {randomBytes} from 'node:crypto';
import {LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node as YamlNode} from 'yaml';
import {type Problem, UserError} from '../core/errors.js';
import {indentQuotedContinuations} from '../core/questions/lenient-yaml.js';

export type Locate = (path: readonly (string | number)[]) => string;

export interface YamlFile {
  /** The path as shown to the user (relative to cwd when inside it). */
  readonly display: string;
  readonly value: unknown;
  /** `file:line:col` of the key (or item) at `path`, or of its deepest existing ancestor. */
  readonly locate: Locate;
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

function nodeAt(root: unknown, path: readonly (string | number)[]): {node: unknown; offset: number | undefined} {
  let node = root;
  let offset = (root as YamlNode | null)?.range?.[0];
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      let pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      // Rancher-style answers write the rest of the path as one flat key (`ingress.host: x`).
      const flat = path.slice(index).join('.');
      pair ??= node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === flat);
      if (!pair) break;
      if (String((pair.key as {value: unknown}).value) === flat && index < path.length - 1) {
        offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
        break;
      }
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      offset = (item as YamlNode | null)?.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return {node, offset};
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
  let doc = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false});
  const warnings: Problem[] = [];
  if (doc.errors.length > 0 && options.rancher) {
    const repaired = indentQuotedContinuations(text);
    const retryCounter = new LineCounter();
    const retry = parseDocument(repaired.text, {lineCounter: retryCounter, uniqueKeys: true, prettyErrors: false});
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
  const [first] = doc.errors;
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
  return {display, value, locate: (path) => at(nodeAt(doc.contents, path).offset), warnings};
}

/** Reads and parses a YAML file ('-' reads stdin through options.stdin). */
export async function readYamlFile(path: string, options: ReadYamlOptions): Promise<YamlFile> {
  const display = displayPath(path, options.cwd);
  let text: string;
  try {
    if (path === '-') {
      if (!options.stdin) throw new UserError(`Reading the ${options.what} from stdin is not possible here.`);
      text = await options.stdin();
    } else text = await readFile(resolve(options.cwd, path), 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
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

/**
 * Writes several files "all or nothing" as far as a filesystem allows: every temporary file is
 * written and synced first; only then are they renamed over their targets. If any write fails,
 * the temporaries are removed and no target is touched.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  const temps: Array<{temp: string; target: string; mode: number}> = [];
  try {
    for (const file of files) {
      const target = resolve(file.path);
      const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      const mode = file.mode ?? 0o644;
      temps.push({temp, target, mode});
      const handle = await open(temp, 'wx', mode);
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
    }
  } catch (error) {
    await Promise.all(temps.map(({temp}) => rm(temp, {force: true})));
    const code = (error as NodeJS.ErrnoException).code;
    const failed = temps[temps.length - 1]?.target ?? '';
    throw new UserError(`Could not write ${failed}${code ? ` (${code})` : ''}; nothing was written.`, {
      hint: 'Check that the directory exists and is writable.',
      exitCode: 1,
    });
  }
  for (const {temp, target} of temps) await rename(temp, target);
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

/** Reads a whole stream as UTF-8 (for `-f -`). */
export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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
