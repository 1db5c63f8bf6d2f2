import type {Key} from 'ink';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * One event per key, even when the terminal delivered several at once: a paste or fast typing
 * arrives as one chunk ("abc\r", ten DEL bytes), which Ink passes on as a single input string
 * with no key flags. Splitting it here is what keeps every character.
 */
export function splitKeys(input: string, key: Key): Array<{input: string; key: Key}> {
  // Esc and the next key in one chunk read as Alt+key (esc then a letter, Enter, Home…): they were
  // two keys, esc (back) and then that key. Nothing here uses Alt.
  if (key.meta && !key.escape && !key.ctrl && ([...input].length <= 1 || input === ''))
    return [{input: '', key: {...NO_KEY, escape: true, meta: true}}, ...splitKeys(input, {...key, meta: false})];
  const special =
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.escape ||
    key.ctrl ||
    key.meta;
  if (special || [...input].length <= 1) return [{input, key}];
  return [...input].map((char) => {
    if (char === '\r' || char === '\n') return {input: '', key: {...NO_KEY, return: true}};
    if (char === '\u007f') return {input: '', key: {...NO_KEY, delete: true}};
    if (char === '\b') return {input: '', key: {...NO_KEY, backspace: true}};
    if (char === '\t') return {input: '', key: {...NO_KEY, tab: true}};
    return {input: char, key: {...NO_KEY, shift: /[A-Z]/.test(char)}};
  });
}
