/**
 * A tiny writer (and reader, for tests) of real SQLite 3 database files, so the turso-server double
 * can answer `GET /v1/namespaces/:name/backup` with bytes that `sqlite3` opens, as the real server's
 * `VACUUM INTO` snapshot would be. Only what a snapshot needs: UTF-8, one leaf page per table (rows
 * must fit in one page), integer/text/null values, and no constraint that implies an index (a
 * PRIMARY KEY on a non-INTEGER column, UNIQUE). Layout per https://sqlite.org/fileformat2.html.
 */
export type SqliteValue = string | number | null;

export interface SqliteTable {
  readonly name: string;
  /** Column definitions as written in CREATE TABLE, e.g. ['k TEXT', 'v INTEGER']. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqliteValue[])[];
}

const PAGE_SIZE = 4096;
const HEADER_MAGIC = 'SQLite format 3\0';
const LEAF_TABLE = 0x0d;
/** The largest payload a table leaf cell keeps on its page without overflow (U - 35). */
const MAX_LOCAL = PAGE_SIZE - 35;

function varint(value: number): number[] {
  // Values we write are small non-negative integers (< 2^53); SQLite's varint is big-endian 7 bits
  // per byte with the high bit as "more", the 9th byte carrying 8 bits. We never need 9 bytes.
  if (value < 0 || !Number.isSafeInteger(value)) throw new Error(`varint out of range: ${value}`);
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(rest % 128);
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  for (let i = 0; i < bytes.length - 1; i++) bytes[i] = (bytes[i] as number) | 0x80;
  return bytes;
}

function intBytes(value: number): {type: number; bytes: number[]} {
  if (value === 0) return {type: 8, bytes: []};
  if (value === 1) return {type: 9, bytes: []};
  const sizes: [number, number][] = [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 6],
    [6, 8],
  ];
  for (const [type, size] of sizes) {
    const limit = 2 ** (size * 8 - 1);
    if (value >= -limit && value < limit) {
      const bytes: number[] = [];
      let big = BigInt.asUintN(size * 8, BigInt(value));
      for (let i = 0; i < size; i++) {
        bytes.unshift(Number(big & 0xffn));
        big >>= 8n;
      }
      return {type, bytes};
    }
  }
  throw new Error(`integer out of range: ${value}`);
}

/** One record (header of serial types, then the values), as stored in a cell payload. */
export function encodeRecord(values: readonly SqliteValue[]): Uint8Array {
  const types: number[] = [];
  const body: number[] = [];
  for (const value of values) {
    if (value === null) types.push(0);
    else if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new Error('only integers are supported');
      const {type, bytes} = intBytes(value);
      types.push(type);
      body.push(...bytes);
    } else {
      const bytes = [...Buffer.from(value, 'utf8')];
      types.push(bytes.length * 2 + 13);
      body.push(...bytes);
    }
  }
  const typeBytes = types.flatMap(varint);
  // The header size counts itself; one byte is enough while the header stays under 128 bytes.
  let headerSize = typeBytes.length + 1;
  if (varint(headerSize).length > 1) headerSize = typeBytes.length + varint(typeBytes.length + 2).length;
  return Uint8Array.from([...varint(headerSize), ...typeBytes, ...body]);
}

/** Writes a table-leaf b-tree page; `offset` is 100 on page 1 (after the file header). */
function writeLeafPage(page: Uint8Array, offset: number, records: readonly Uint8Array[]): void {
  const cells = records.map((record, index) => {
    if (record.length > MAX_LOCAL) throw new Error('row too large for one page');
    return Uint8Array.from([...varint(record.length), ...varint(index + 1), ...record]);
  });
  let contentStart = PAGE_SIZE;
  const pointers: number[] = [];
  for (const cell of cells) {
    contentStart -= cell.length;
    page.set(cell, contentStart);
    pointers.push(contentStart);
  }
  if (offset + 8 + pointers.length * 2 > contentStart) throw new Error('rows do not fit in one page');
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  page[offset] = LEAF_TABLE;
  view.setUint16(offset + 1, 0); // no freeblocks
  view.setUint16(offset + 3, cells.length);
  view.setUint16(offset + 5, contentStart); // an empty page's content area starts at its end
  page[offset + 7] = 0;
  for (const [index, pointer] of pointers.entries()) view.setUint16(offset + 8 + index * 2, pointer);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A complete database file holding `tables` (page 1 = sqlite_schema, then one page per table). */
export function buildSqliteDatabase(tables: readonly SqliteTable[]): Uint8Array {
  const pageCount = 1 + tables.length;
  const file = new Uint8Array(PAGE_SIZE * pageCount);
  const view = new DataView(file.buffer);
  file.set(Buffer.from(HEADER_MAGIC, 'latin1'), 0);
  view.setUint16(16, PAGE_SIZE);
  file[18] = 1; // legacy (rollback journal) write version
  file[19] = 1; // read version
  file[20] = 0; // reserved bytes per page
  file[21] = 64; // max embedded payload fraction (must be 64)
  file[22] = 32; // min embedded payload fraction (must be 32)
  file[23] = 32; // leaf payload fraction (must be 32)
  view.setUint32(24, 1); // file change counter
  view.setUint32(28, pageCount); // in-header database size, valid because 92 == 24
  view.setUint32(40, tables.length > 0 ? 1 : 0); // schema cookie
  view.setUint32(44, 4); // schema format 4
  view.setUint32(56, 1); // UTF-8
  view.setUint32(92, 1); // version-valid-for
  view.setUint32(96, 3_046_001); // SQLITE_VERSION_NUMBER of the "writer"
  const schemaRows = tables.map((table, index) =>
    encodeRecord([
      'table',
      table.name,
      table.name,
      index + 2,
      `CREATE TABLE ${quoteIdent(table.name)}(${table.columns.join(', ')})`,
    ]),
  );
  writeLeafPage(file.subarray(0, PAGE_SIZE), 100, schemaRows);
  tables.forEach((table, index) => {
    const page = file.subarray(PAGE_SIZE * (index + 1), PAGE_SIZE * (index + 2));
    writeLeafPage(
      page,
      0,
      table.rows.map((row) => encodeRecord(row)),
    );
  });
  return file;
}

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i] as number;
    if (i === 8) return [value * 256 + byte, at + 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value, at + 9];
}

function decodeRecord(bytes: Uint8Array): SqliteValue[] {
  const [headerSize, afterSize] = readVarint(bytes, 0);
  const types: number[] = [];
  for (let at = afterSize; at < headerSize; ) {
    const [type, next] = readVarint(bytes, at);
    types.push(type);
    at = next;
  }
  const values: SqliteValue[] = [];
  let at = headerSize;
  const intSize: Record<number, number> = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8};
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type === 8 || type === 9) values.push(type - 8);
    else if (intSize[type] !== undefined) {
      const size = intSize[type] as number;
      let big = 0n;
      for (let i = 0; i < size; i++) big = (big << 8n) | BigInt(bytes[at + i] as number);
      values.push(Number(BigInt.asIntN(size * 8, big)));
      at += size;
    } else if (type >= 13 && type % 2 === 1) {
      const length = (type - 13) / 2;
      values.push(Buffer.from(bytes.subarray(at, at + length)).toString('utf8'));
      at += length;
    } else throw new Error(`unsupported serial type ${type}`);
  }
  return values;
}

/** Reads the rows of a table-leaf page; throws on anything this writer would not produce. */
function readLeafPage(file: Uint8Array, pageNumber: number): SqliteValue[][] {
  const base = PAGE_SIZE * (pageNumber - 1);
  const headerAt = base + (pageNumber === 1 ? 100 : 0);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file[headerAt] !== LEAF_TABLE) throw new Error(`page ${pageNumber} is not a table leaf`);
  const count = view.getUint16(headerAt + 3);
  const rows: SqliteValue[][] = [];
  for (let index = 0; index < count; index++) {
    const pointer = view.getUint16(headerAt + 8 + index * 2);
    const [length, afterLength] = readVarint(file, base + pointer);
    const [, afterRowid] = readVarint(file, afterLength);
    rows.push(decodeRecord(file.subarray(afterRowid, afterRowid + length)));
  }
  return rows;
}

/** Parses a file written by buildSqliteDatabase back into tables (used by the contract tests). */
export function readSqliteDatabase(file: Uint8Array): {pageSize: number; pageCount: number; tables: SqliteTable[]} {
  if (Buffer.from(file.subarray(0, 16)).toString('latin1') !== HEADER_MAGIC) throw new Error('not a SQLite file');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const pageSize = view.getUint16(16);
  const pageCount = view.getUint32(28);
  if (file.length !== pageSize * pageCount) throw new Error('file size does not match the header page count');
  const tables = readLeafPage(file, 1).map((row) => {
    const [type, name, , rootPage, sql] = row;
    if (type !== 'table' || typeof name !== 'string' || typeof rootPage !== 'number' || typeof sql !== 'string') {
      throw new Error('unexpected sqlite_schema row');
    }
    const columns = /\((.*)\)$/s.exec(sql)?.[1]?.split(', ') ?? [];
    return {name, columns, rows: readLeafPage(file, rootPage)};
  });
  return {pageSize, pageCount, tables};
}
