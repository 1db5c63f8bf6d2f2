/**
 * A POSIX ustar archive, built in memory: how `plugins push` carries a folder into a pod (the pod's
 * `tar -xf -` unpacks it), like `kubectl cp`. Only regular files and directories; owner 0:0.
 */
export interface TarEntry {
  /** Relative path with '/' separators; directories end without a slash. */
  readonly path: string;
  readonly type: 'file' | 'dir';
  /** Permission bits (0o644, 0o755…). */
  readonly mode: number;
  readonly data?: Uint8Array;
  /** Seconds since the epoch. */
  readonly mtime: number;
}

const BLOCK = 512;
/** GNU tar's default record: archives are padded to a multiple of it. */
const RECORD = 20 * BLOCK;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function write(header: Uint8Array, offset: number, text: string): void {
  header.set(new TextEncoder().encode(text), offset);
}

/** ustar splits long names into prefix (≤ 155 bytes) and name (≤ 100 bytes) at a '/'. */
function splitName(path: string): {name: string; prefix: string} {
  const bytes = new TextEncoder().encode(path).length;
  if (bytes <= 100) return {name: path, prefix: ''};
  for (let index = path.indexOf('/'); index !== -1; index = path.indexOf('/', index + 1)) {
    const prefix = path.slice(0, index);
    const name = path.slice(index + 1);
    if (new TextEncoder().encode(prefix).length <= 155 && new TextEncoder().encode(name).length <= 100)
      return {name, prefix};
  }
  throw new Error(`Path too long for a tar archive: ${path}`);
}

function header(entry: TarEntry): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const path = entry.type === 'dir' ? `${entry.path}/` : entry.path;
  const {name, prefix} = splitName(path);
  write(block, 0, name);
  write(block, 100, octal(entry.mode & 0o7777, 8));
  write(block, 108, octal(0, 8));
  write(block, 116, octal(0, 8));
  write(block, 124, octal(entry.type === 'file' ? (entry.data?.length ?? 0) : 0, 12));
  write(block, 136, octal(Math.floor(entry.mtime), 12));
  write(block, 148, '        ');
  write(block, 156, entry.type === 'dir' ? '5' : '0');
  write(block, 257, 'ustar\0');
  write(block, 263, '00');
  write(block, 345, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  write(block, 148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** The archive: each entry's header and data (padded to 512), two zero blocks, padded to a record. */
export function tarArchive(entries: readonly TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const entry of entries) {
    const head = header(entry);
    parts.push(head);
    size += head.length;
    if (entry.type === 'file' && entry.data && entry.data.length > 0) {
      const padded = Math.ceil(entry.data.length / BLOCK) * BLOCK;
      const body = new Uint8Array(padded);
      body.set(entry.data);
      parts.push(body);
      size += padded;
    }
  }
  size += 2 * BLOCK;
  const total = Math.ceil(size / RECORD) * RECORD;
  const archive = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    archive.set(part, offset);
    offset += part.length;
  }
  return archive;
}
