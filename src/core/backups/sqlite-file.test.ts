import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {sqliteFileProblem, sqliteHeader} from './sqlite-file.js';

// A real SQLite file (3 pages of 4096 bytes), as sqlite3 writes it.
const FILE = readFileSync(join(import.meta.dirname, '../../../test/integration/fixtures/snapshot.db'));
const check = (bytes: Uint8Array): string | undefined => sqliteFileProblem(bytes.subarray(0, 100), bytes.length);

describe('complete SQLite file check', () => {
  it('accepts a complete file and reads its page size and count', () => {
    expect(check(FILE)).toBeUndefined();
    expect(sqliteHeader(FILE)).toEqual({pageSize: 4096, pageCount: 3});
  });

  it('names what is wrong: empty, not SQLite, cut short, padded', () => {
    expect(check(new Uint8Array())).toBe('the file is empty (0 bytes)');
    expect(check(Buffer.from('<html>proxy error</html>'))).toBe('not a SQLite database (24 bytes, no SQLite header)');
    expect(check(FILE.subarray(0, 8192))).toBe(
      'incomplete: its header says 3 page(s) of 4096 bytes (12288 bytes), the file has 8192',
    );
    expect(check(Buffer.concat([FILE, Buffer.alloc(10)]))).toMatch(/^incomplete: .* the file has 12298$/);
  });

  it('reads a page size of 1 as 65536, as SQLite does', () => {
    const header = Buffer.from(FILE.subarray(0, 100));
    header.writeUInt16BE(1, 16);
    header.writeUInt32BE(2, 28);
    expect(sqliteHeader(header)).toEqual({pageSize: 65536, pageCount: 2});
    expect(sqliteFileProblem(header, 131072)).toBeUndefined();
    header.writeUInt16BE(1000, 16);
    expect(sqliteFileProblem(header, 2000)).toBe('not a SQLite database (page size 1000)');
  });
});
