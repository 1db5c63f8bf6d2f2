// Characters every terminal draws one column wide, that are neither emoji, nor zero-width, nor East
// Asian wide, and that every string-width version Ink uses measures as 1: printable ASCII plus the
// symbols our screens use (Latin-1, punctuation, arrows, box drawing, blocks, geometric shapes,
// check/cross marks, chevrons, braille spinner frames). Left out on purpose: characters that
// string-width 7 (wrap-ansi) counts as 2 while 8 says 1 (© ® ‼ ⁉ ↔–↙ ↩ ↪ ▪ ▫ ▶ ◀ ◻ ◼ ✔ ✖) and
// zero-width ones (soft hyphen). test/unit/narrow-chars.test.ts checks every code point.
export const NARROW_CHARS =
  '\\u0020-\\u007E\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u00FF' +
  '\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205E' +
  '\\u2190-\\u2193\\u219A-\\u21A8\\u21AB-\\u21FF' +
  '\\u2500-\\u25A9\\u25AC-\\u25B5\\u25B7-\\u25BF\\u25C1-\\u25FA\\u25FF' +
  '\\u2713\\u2715\\u2717\\u2718\\u276E\\u276F\\u279C\\u2800-\\u28FF';
