/**
 * Whether bytes are a complete SQLite database file, from its 100-byte header and its size: the
 * magic string, and page size × page count (header offsets 16 and 28) equal to the file size. It
 * catches an empty object, an HTML error page and a download cut short.
 */
const MAGIC = 'SQLite format 3\0';

export interface SqliteHeader {
  readonly pageSize: number;
  readonly pageCount: number;
}

/** The problem with the file, or undefined when it is complete. */
export function sqliteFileProblem(header: Uint8Array, size: number): string | undefined {
  if (size === 0) return 'the file is empty (0 bytes)';
  if (header.length < 100 || String.fromCharCode(...header.subarray(0, 16)) !== MAGIC)
    return `not a SQLite database (${size} bytes, no SQLite header)`;
  const {pageSize, pageCount} = sqliteHeader(header);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `not a SQLite database (page size ${pageSize})`;
  if (pageSize * pageCount !== size)
    return `incomplete: its header says ${pageCount} page(s) of ${pageSize} bytes (${pageSize * pageCount} bytes), the file has ${size}`;
  return undefined;
}

export function sqliteHeader(header: Uint8Array): SqliteHeader {
  const raw = ((header[16] ?? 0) << 8) | (header[17] ?? 0);
  const pageCount =
    (((header[28] ?? 0) << 24) >>> 0) + ((header[29] ?? 0) << 16) + ((header[30] ?? 0) << 8) + (header[31] ?? 0);
  return {pageSize: raw === 1 ? 65536 : raw, pageCount};
}
