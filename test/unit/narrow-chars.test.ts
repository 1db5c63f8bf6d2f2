import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {NARROW_CHARS} from '../../scripts/narrow-chars.mjs';

// The bundle answers string-width for strings made only of NARROW_CHARS with their length
// (scripts/bundle-plugins.mjs). That is only right if string-width itself says 1 for every one of
// those characters: checked here for each code point, with each string-width version Ink uses.
const ROOT = join(import.meta.dirname, '..', '..');

function codePoints(): number[] {
  const out: number[] = [];
  for (const match of NARROW_CHARS.matchAll(/\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?/g)) {
    const from = Number.parseInt(match[1] as string, 16);
    const to = match[2] ? Number.parseInt(match[2], 16) : from;
    for (let point = from; point <= to; point++) out.push(point);
  }
  return out;
}

describe('NARROW_CHARS', () => {
  const points = codePoints();
  const narrow = new RegExp(`^[${NARROW_CHARS}]*$`);

  it('is the class the bundle tests, and covers the symbols our screens draw', () => {
    expect(points.length).toBeGreaterThan(850);
    for (const symbol of '─│┌┐└┘●◌…·•→←↑↓✓✗❯⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏') expect(narrow.test(symbol), symbol).toBe(true);
    for (const other of ['✅', '◾', '⚡', '漢', '\u0301', '\u200B', '\u00AD', '😀', '✔', '✖', '▶', '©'])
      expect(narrow.test(other), other).toBe(false);
  });

  it.each([
    ['string-width 8 (ink)', async () => stringWidth],
    [
      'string-width 7 (wrap-ansi)',
      async () =>
        (await import(pathToFileURL(join(ROOT, 'node_modules/wrap-ansi/node_modules/string-width/index.js')).href))
          .default as typeof stringWidth,
    ],
  ])('%s gives every character width 1', async (_name, load) => {
    const width = await load();
    const wrong = points.filter((point) => width(String.fromCodePoint(point)) !== 1).map((point) => point.toString(16));
    expect(wrong).toEqual([]);
  });
});
