// Characters every terminal draws one column wide, that are neither emoji, nor zero-width, nor East
// Asian wide: printable ASCII plus the symbols our screens use (Latin-1, punctuation, arrows, box
// drawing, blocks, geometric shapes except the two emoji-presentation squares, check/cross marks,
// chevrons, braille spinner frames). test/unit/narrow-chars.test.ts proves string-width agrees on
// every one of them.
export const NARROW_CHARS =
  '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u25FC\\u25FF' +
  '\\u2713-\\u2718\\u276E\\u276F\\u279C\\u2800-\\u28FF';
