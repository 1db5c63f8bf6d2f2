import {stripAnsi} from './style.js';

/**
 * Word wrapping for everything we print ourselves (prompt texts, notes between prompts, the live
 * screen's rows), so text breaks between words and is never cut. Widths count code points, with
 * SGR colour codes as zero: our texts use no double-width characters.
 */

const SGR = /\u001B\[[0-9;]*m/y;

/** Visible columns of `text` (colour codes excluded). */
export function textWidth(text: string): number {
  return [...stripAnsi(text)].length;
}

/** Splits text into visible characters, each carrying the colour codes written before it. */
function glyphs(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (let index = 0; index < text.length; ) {
    SGR.lastIndex = index;
    const code = SGR.exec(text);
    if (code) {
      pending += code[0];
      index += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(index) as number);
    out.push(pending + char);
    pending = '';
    index += char.length;
  }
  if (pending && out.length > 0) out[out.length - 1] += pending;
  else if (pending) out.push(pending);
  return out;
}

/** Cuts a word longer than a line into line-sized pieces (the one case where a word breaks). */
function hardSplit(word: string, first: number, rest: number): string[] {
  const chars = glyphs(word);
  const pieces: string[] = [];
  let size = Math.max(1, first);
  while (chars.length > 0) {
    pieces.push(chars.splice(0, size).join(''));
    size = Math.max(1, rest);
  }
  return pieces;
}

export interface WrapOptions {
  /**
   * Start of every continuation line. Default: the paragraph's own leading spaces, so an indented
   * note stays indented when it wraps.
   */
  readonly indent?: string;
}

/**
 * Wraps `text` to lines of at most `width` columns, breaking at spaces; existing line breaks are
 * kept. Every line fits, so a terminal never breaks a word in the middle (`StorageClas`/`s`).
 */
export function wrapWords(text: string, width: number, options: WrapOptions = {}): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Colour codes, then the paragraph's indentation: both start the first line.
    const [head = '', codes = '', lead = ''] = /^((?:\u001B\[[0-9;]*m)*)( *)/.exec(paragraph) ?? [];
    const indent = options.indent ?? lead;
    const indentWidth = textWidth(indent) < width ? textWidth(indent) : 0;
    const continuation = indentWidth > 0 ? indent : '';
    // Words with the spaces before each kept as written (aligned columns in logs stay aligned); a
    // run of spaces where the line breaks is dropped.
    const words = [...paragraph.slice(head.length).matchAll(/( *)([^ ]+)/g)].map(([, gap = '', word = '']) => ({
      gap,
      word,
    }));
    let line = codes + (lead.length < width ? lead : '');
    let used = textWidth(line);
    let empty = true;
    const flush = (): void => {
      lines.push(line.trimEnd());
      line = continuation;
      used = indentWidth;
      empty = true;
    };
    for (const {gap: spaces, word} of words) {
      const size = textWidth(word);
      const gap = empty ? 0 : spaces.length;
      if (used + gap + size <= width) {
        line += (empty ? '' : spaces) + word;
        used += gap + size;
        empty = false;
        continue;
      }
      if (!empty) flush();
      if (used + size <= width) {
        line += word;
        used += size;
        empty = false;
        continue;
      }
      const pieces = hardSplit(word, width - used, width - indentWidth);
      for (const [index, piece] of pieces.entries()) {
        line += piece;
        used += textWidth(piece);
        empty = false;
        if (index < pieces.length - 1) flush();
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** `wrapWords` joined back into one string with line breaks. */
export function wrapText(text: string, width: number, options: WrapOptions = {}): string {
  return wrapWords(text, width, options).join('\n');
}

/** Splits a command at spaces outside quotes: a line break inside '…' would change the command. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (const char of command) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === ' ') {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += char;
  }
  if (word) words.push(word);
  return words;
}

/**
 * A shell command broken between arguments, each continued line ending in ` \` and the next one
 * indented: pasted into a shell it is the same command, where a terminal's own wrap would not be.
 * `lead` (spaces) starts every line, as the command's indent in a block of notes.
 */
export function wrapCommand(command: string, width: number, lead = ''): string[] {
  if (textWidth(lead + command) <= width) return [lead + command];
  const indent = `${lead}  `;
  const lines: string[] = [];
  let line = '';
  const words = shellWords(command);
  for (const [index, word] of words.entries()) {
    const candidate = line === '' ? `${lead}${word}` : `${line} ${word}`;
    // Room for the trailing " \" on every line but the last.
    const reserve = index < words.length - 1 ? 2 : 0;
    if (line !== '' && textWidth(candidate) + reserve > width) {
      lines.push(`${line} \\`);
      line = `${indent}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  // A single argument wider than the line (a long path) can only be cut: wrap it hard, keeping
  // the continuation at the end of its last piece.
  return lines.flatMap((item) => {
    if (textWidth(item) <= width) return [item];
    const continued = item.endsWith(' \\');
    const pieces = wrapWords(continued ? item.slice(0, -2) : item, width, {indent});
    if (!continued) return pieces;
    const last = pieces.pop() ?? '';
    if (textWidth(last) + 2 <= width) return [...pieces, `${last} \\`];
    const chars = [...last];
    return [...pieces, chars.slice(0, width - 2).join(''), `${indent}${chars.slice(width - 2).join('')} \\`];
  });
}

const COMMAND_LINE = /^( *)((?:kubectl|oc|helm|npx|buntime-deploy|mc|curl|echo) .*|[A-Z_]+=\$\(.*)$/;

/**
 * Notes as people read and copy them: prose wraps between words under its own indent, and a line
 * that is a command wraps as a command (wrapCommand), so it still pastes back whole.
 */
export function wrapNotes(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    const command = COMMAND_LINE.exec(line);
    return command ? wrapCommand(command[2] as string, width, command[1]) : wrapWords(line, width);
  });
}
