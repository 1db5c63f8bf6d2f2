/**
 * A linear-time regular expression matcher for patterns we did not write: a chart's
 * values.schema.json `pattern`s and questions' `valid_chars`. JavaScript's RegExp backtracks, so
 * `^(a+)+$` against "aaaa…a!" runs for ever and blocks the event loop (SIGTERM included). This one
 * compiles to an NFA and simulates every state at once (Thompson/Pike), so the time is
 * O(text × pattern), whatever the pattern. It accepts the RE2 syntax Helm (Go) runs schema patterns
 * with: literals, `.`, classes with ranges and negation, `\d \w \s` (and negations), POSIX
 * `[:alpha:]`, `\b \B`, `^ $ \A \z`, groups (capturing, `(?:…)`, named), `(?i)` flags,
 * alternation and the quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy: same for a yes/no match).
 * Back-references and look-around are refused (RE2 has neither), as are `\p{…}` classes.
 */

/** A compiled pattern; `test` never takes more than O(text length × program size). */
export interface SafeRegex {
  readonly source: string;
  /** True when the pattern matches somewhere in `text` (like RegExp.prototype.test). */
  test(text: string): boolean;
}

export type SafeRegexResult =
  | {readonly ok: true; readonly regex: SafeRegex}
  | {readonly ok: false; readonly error: string};

/** Bigger programs are refused: `(a{1000}){1000}` would otherwise expand to a million states. */
const MAX_PROGRAM = 20_000;
const MAX_REPEAT = 1000;
const MAX_DEPTH = 200;

type Range = readonly [number, number];

type Node =
  | {readonly kind: 'chars'; readonly ranges: readonly Range[]; readonly negate: boolean; readonly fold: boolean}
  | {readonly kind: 'any'}
  | {readonly kind: 'assert'; readonly what: 'start' | 'end' | 'word' | 'nonword'}
  | {readonly kind: 'concat'; readonly items: readonly Node[]}
  | {readonly kind: 'alt'; readonly items: readonly Node[]}
  | {readonly kind: 'repeat'; readonly item: Node; readonly min: number; readonly max: number}
  | {readonly kind: 'empty'};

class PatternError extends Error {}

const DIGIT: Range[] = [[48, 57]];
const WORD: Range[] = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: Range[] = [
  [9, 13],
  [32, 32],
];
const POSIX: Readonly<Record<string, Range[]>> = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  alpha: [
    [65, 90],
    [97, 122],
  ],
  ascii: [[0, 127]],
  blank: [
    [9, 9],
    [32, 32],
  ],
  cntrl: [
    [0, 31],
    [127, 127],
  ],
  digit: DIGIT,
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
  space: [
    [9, 13],
    [32, 32],
  ],
  upper: [[65, 90]],
  word: WORD,
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
};

function invert(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [low, high] of sorted) {
    if (low > next) out.push([next, low - 1]);
    next = Math.max(next, high + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

class Parser {
  private pos = 0;
  private fold = false;
  private depth = 0;
  private readonly chars: number[];

  constructor(source: string) {
    this.chars = [...source].map((char) => char.codePointAt(0) as number);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) throw new PatternError(`unmatched ')' at position ${this.pos + 1}`);
    return node;
  }

  private peek(offset = 0): number | undefined {
    return this.chars[this.pos + offset];
  }

  private eat(char: string): boolean {
    if (this.peek() === char.codePointAt(0)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private alternation(): Node {
    if (++this.depth > MAX_DEPTH) throw new PatternError(`groups nested deeper than ${MAX_DEPTH}`);
    const saved = this.fold;
    const items = [this.concatenation()];
    while (this.eat('|')) items.push(this.concatenation());
    this.fold = saved;
    this.depth--;
    return items.length === 1 ? (items[0] as Node) : {kind: 'alt', items};
  }

  private concatenation(): Node {
    const items: Node[] = [];
    for (;;) {
      const char = this.peek();
      if (char === undefined || char === 0x7c /* | */ || char === 0x29 /* ) */) break;
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return items.length === 0 ? {kind: 'empty'} : items.length === 1 ? (items[0] as Node) : {kind: 'concat', items};
  }

  private number(): number | undefined {
    let text = '';
    while (this.peek() !== undefined && (this.peek() as number) >= 48 && (this.peek() as number) <= 57)
      text += String.fromCodePoint(this.chars[this.pos++] as number);
    return text === '' ? undefined : Number(text);
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const char = this.peek();
      let min: number;
      let max: number;
      if (char === 0x2a /* * */) [min, max] = [0, Infinity];
      else if (char === 0x2b /* + */) [min, max] = [1, Infinity];
      else if (char === 0x3f /* ? */) [min, max] = [0, 1];
      else if (char === 0x7b /* { */) {
        const start = this.pos;
        this.pos++;
        const low = this.number();
        let high = low;
        if (low !== undefined && this.eat(',')) high = this.number() ?? Infinity;
        if (low === undefined || !this.eat('}')) {
          // Not a repetition: `{` is a literal (as in RE2 and JavaScript).
          this.pos = start;
          return node;
        }
        if (low > MAX_REPEAT || (high !== Infinity && (high as number) > MAX_REPEAT))
          throw new PatternError(`repetition count above ${MAX_REPEAT}`);
        if ((high as number) < low) throw new PatternError(`{${low},${high}} has its bounds reversed`);
        [min, max] = [low, high as number];
        this.pos--;
      } else return node;
      this.pos++;
      if (node.kind === 'assert' || node.kind === 'empty') throw new PatternError('nothing to repeat');
      this.eat('?'); // lazy: the same yes/no answer
      if (this.peek() === 0x2b /* possessive */) throw new PatternError('possessive quantifiers are not supported');
      node = {kind: 'repeat', item: node, min, max};
    }
  }

  private literal(code: number): Node {
    return {kind: 'chars', ranges: [[code, code]], negate: false, fold: this.fold};
  }

  private atom(): Node | undefined {
    const char = this.chars[this.pos++] as number;
    switch (char) {
      case 0x2e /* . */:
        return {kind: 'any'};
      case 0x5e /* ^ */:
        return {kind: 'assert', what: 'start'};
      case 0x24 /* $ */:
        return {kind: 'assert', what: 'end'};
      case 0x5b /* [ */:
        return this.charClass();
      case 0x28 /* ( */:
        return this.group();
      case 0x5c /* \ */:
        return this.escape(false);
      case 0x2a:
      case 0x2b:
      case 0x3f:
        throw new PatternError(`nothing to repeat at position ${this.pos}`);
      default:
        return this.literal(char);
    }
  }

  private group(): Node | undefined {
    if (this.eat('?')) {
      if (this.eat(':')) return this.groupBody();
      if (this.eat('P') || this.peek() === 0x3c /* < */) {
        if (!this.eat('<')) throw new PatternError('bad named group');
        if (this.peek() === 0x3d /* = */ || this.peek() === 0x21 /* ! */)
          throw new PatternError('look-behind is not supported');
        while (this.peek() !== undefined && this.peek() !== 0x3e) this.pos++;
        if (!this.eat('>')) throw new PatternError('unterminated group name');
        return this.groupBody();
      }
      if (this.peek() === 0x3d || this.peek() === 0x21) throw new PatternError('look-ahead is not supported');
      // Flags: (?i) for the rest of the group, (?i:…) for a sub-pattern. Only i is meaningful here.
      let on = true;
      let fold = this.fold;
      for (;;) {
        const flag = this.chars[this.pos++];
        if (flag === undefined) throw new PatternError('unterminated flag group');
        if (flag === 0x69 /* i */) fold = on;
        else if (flag === 0x2d /* - */) on = false;
        else if (flag === 0x6d /* m */ || flag === 0x73 /* s */ || flag === 0x55 /* U */)
          throw new PatternError(`flag '${String.fromCodePoint(flag)}' is not supported`);
        else if (flag === 0x29 /* ) */) {
          this.fold = fold;
          return undefined;
        } else if (flag === 0x3a /* : */) {
          const saved = this.fold;
          this.fold = fold;
          const body = this.groupBody();
          this.fold = saved;
          return body;
        } else throw new PatternError(`unknown group syntax '(?${String.fromCodePoint(flag)}'`);
      }
    }
    return this.groupBody();
  }

  private groupBody(): Node {
    const inner = this.alternation();
    if (!this.eat(')')) throw new PatternError("missing ')'");
    return inner;
  }

  /** One escape; `inClass` when inside [...] (no assertions there). */
  private escape(inClass: boolean): Node {
    const char = this.chars[this.pos++];
    if (char === undefined) throw new PatternError('trailing backslash');
    const letter = String.fromCodePoint(char);
    const chars = (ranges: Range[], negate = false): Node => ({kind: 'chars', ranges, negate, fold: false});
    switch (letter) {
      case 'd':
        return chars(DIGIT);
      case 'D':
        return chars(DIGIT, true);
      case 'w':
        return chars(WORD);
      case 'W':
        return chars(WORD, true);
      case 's':
        return chars(SPACE);
      case 'S':
        return chars(SPACE, true);
      case 'n':
        return this.literal(10);
      case 't':
        return this.literal(9);
      case 'r':
        return this.literal(13);
      case 'f':
        return this.literal(12);
      case 'v':
        return this.literal(11);
      case 'a':
        return this.literal(7);
      case '0':
        return this.literal(0);
      case 'x':
      case 'u':
        return this.literal(this.hexEscape(letter));
      case 'p':
      case 'P':
        throw new PatternError('Unicode classes (\\p{…}) are not supported');
      case 'b':
        if (inClass) return this.literal(8);
        return {kind: 'assert', what: 'word'};
      case 'B':
        if (inClass) throw new PatternError('\\B inside a class');
        return {kind: 'assert', what: 'nonword'};
      case 'A':
        if (inClass) throw new PatternError('\\A inside a class');
        return {kind: 'assert', what: 'start'};
      case 'z':
        if (inClass) throw new PatternError('\\z inside a class');
        return {kind: 'assert', what: 'end'};
      default:
        if (/[1-9k]/.test(letter)) throw new PatternError('back-references are not supported');
        if (/[A-Za-z]/.test(letter)) throw new PatternError(`unknown escape \\${letter}`);
        return this.literal(char);
    }
  }

  private hexEscape(letter: string): number {
    let digits = '';
    if (this.eat('{')) {
      while (this.peek() !== undefined && this.peek() !== 0x7d)
        digits += String.fromCodePoint(this.chars[this.pos++] as number);
      if (!this.eat('}')) throw new PatternError(`unterminated \\${letter}{…}`);
    } else {
      const length = letter === 'x' ? 2 : 4;
      for (let index = 0; index < length; index++) {
        const next = this.chars[this.pos++];
        if (next === undefined) break;
        digits += String.fromCodePoint(next);
      }
    }
    if (!/^[0-9a-fA-F]{1,6}$/.test(digits) || Number.parseInt(digits, 16) > 0x10ffff)
      throw new PatternError(`bad escape \\${letter}${digits}`);
    return Number.parseInt(digits, 16);
  }

  private charClass(): Node {
    const negate = this.eat('^');
    const ranges: Range[] = [];
    let first = true;
    for (;;) {
      const char = this.peek();
      if (char === undefined) throw new PatternError("missing ']'");
      if (char === 0x5d /* ] */ && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (char === 0x5b /* [ */ && this.peek(1) === 0x3a /* : */) {
        const end = this.chars.indexOf(0x5d, this.pos);
        const name = String.fromCodePoint(...this.chars.slice(this.pos + 2, end - 1));
        if (end > 0 && this.chars[end - 1] === 0x3a) {
          const negated = name.startsWith('^');
          const set = POSIX[negated ? name.slice(1) : name];
          if (!set) throw new PatternError(`unknown class [:${name}:]`);
          ranges.push(...(negated ? invert(set) : set));
          this.pos = end + 1;
          continue;
        }
      }
      const low = this.classAtom(ranges);
      if (low === undefined) continue;
      if (this.peek() === 0x2d /* - */ && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.pos++;
        const high = this.classAtom(ranges);
        if (high === undefined) throw new PatternError('a range cannot end with a class escape');
        if (high < low) throw new PatternError('range out of order in a character class');
        ranges.push([low, high]);
      } else ranges.push([low, low]);
    }
    return {kind: 'chars', ranges, negate, fold: this.fold};
  }

  /** A class member: a code point, or undefined after adding an escape class (\d…) to `ranges`. */
  private classAtom(ranges: Range[]): number | undefined {
    const char = this.chars[this.pos++] as number;
    if (char !== 0x5c) return char;
    const node = this.escape(true);
    if (node.kind !== 'chars') throw new PatternError('bad escape in a character class');
    if (node.ranges.length === 1 && !node.negate && node.ranges[0]?.[0] === node.ranges[0]?.[1])
      return node.ranges[0]?.[0];
    ranges.push(...(node.negate ? invert(node.ranges) : node.ranges));
    return undefined;
  }
}

// The program: an array of instructions; `next` indexes into it.
type Instruction =
  | {op: 'chars'; ranges: readonly Range[]; negate: boolean; fold: boolean; next: number}
  | {op: 'any'; next: number}
  | {op: 'assert'; what: 'start' | 'end' | 'word' | 'nonword'; next: number}
  | {op: 'split'; a: number; b: number}
  | {op: 'jump'; next: number}
  | {op: 'match'};

class Compiler {
  readonly program: Instruction[] = [];

  private emit(instruction: Instruction): number {
    if (this.program.length >= MAX_PROGRAM) throw new PatternError('the pattern is too large');
    this.program.push(instruction);
    return this.program.length - 1;
  }

  /** Compiles `node` so that it continues at `next`; returns its entry. Built back to front. */
  compile(node: Node, next: number): number {
    switch (node.kind) {
      case 'empty':
        return next;
      case 'chars':
        return this.emit({op: 'chars', ranges: node.ranges, negate: node.negate, fold: node.fold, next});
      case 'any':
        return this.emit({op: 'any', next});
      case 'assert':
        return this.emit({op: 'assert', what: node.what, next});
      case 'concat': {
        let entry = next;
        for (let index = node.items.length - 1; index >= 0; index--)
          entry = this.compile(node.items[index] as Node, entry);
        return entry;
      }
      case 'alt': {
        const entries = node.items.map((item) => this.compile(item, next));
        let entry = entries[entries.length - 1] as number;
        for (let index = entries.length - 2; index >= 0; index--)
          entry = this.emit({op: 'split', a: entries[index] as number, b: entry});
        return entry;
      }
      case 'repeat': {
        let entry = next;
        if (node.max === Infinity) {
          // x* : loop = split(x → loop, next)
          const loop = this.emit({op: 'split', a: -1, b: next});
          (this.program[loop] as {a: number}).a = this.compile(node.item, loop);
          entry = loop;
        } else {
          // x{0,k} as nested optionals (x(x(x)?)?)?: skipping one skips the rest.
          for (let index = node.min; index < node.max; index++)
            entry = this.emit({op: 'split', a: this.compile(node.item, entry), b: next});
        }
        for (let index = 0; index < node.min; index++) entry = this.compile(node.item, entry);
        return entry;
      }
    }
  }
}

function isWord(code: number | undefined): boolean {
  return code !== undefined && WORD.some(([low, high]) => code >= low && code <= high);
}

function inRanges(ranges: readonly Range[], code: number): boolean {
  for (const [low, high] of ranges) if (code >= low && code <= high) return true;
  return false;
}

function charMatches(instruction: Extract<Instruction, {op: 'chars'}>, code: number): boolean {
  let hit = inRanges(instruction.ranges, code);
  if (!hit && instruction.fold) {
    const char = String.fromCodePoint(code);
    for (const variant of [char.toLowerCase(), char.toUpperCase()]) {
      const other = variant.codePointAt(0) as number;
      if ([...variant].length === 1 && other !== code && inRanges(instruction.ranges, other)) hit = true;
    }
  }
  return hit !== instruction.negate;
}

function run(program: readonly Instruction[], start: number, text: string): boolean {
  const codes = [...text].map((char) => char.codePointAt(0) as number);
  const size = program.length;
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  let currentCount = 0;
  let nextCount = 0;
  // Generation marks: a state is in the list for position p when mark[state] === p + 1.
  const mark = new Int32Array(size);
  const stack = new Int32Array(size * 2 + 2);

  const addClosure = (list: Int32Array, count: number, state: number, position: number): number => {
    let top = 0;
    stack[top++] = state;
    let added = count;
    while (top > 0) {
      const pc = stack[--top] as number;
      if (mark[pc] === position + 1) continue;
      mark[pc] = position + 1;
      const instruction = program[pc] as Instruction;
      switch (instruction.op) {
        case 'jump':
          stack[top++] = instruction.next;
          break;
        case 'split':
          stack[top++] = instruction.b;
          stack[top++] = instruction.a;
          break;
        case 'assert': {
          const before = codes[position - 1];
          const after = codes[position];
          const ok =
            instruction.what === 'start'
              ? position === 0
              : instruction.what === 'end'
                ? position === codes.length
                : (isWord(before) !== isWord(after)) === (instruction.what === 'word');
          if (ok) stack[top++] = instruction.next;
          break;
        }
        default:
          list[added++] = pc;
      }
    }
    return added;
  };

  for (let position = 0; position <= codes.length; position++) {
    // Unanchored search: a new thread may start at every position.
    currentCount = addClosure(current, currentCount, start, position);
    const code = codes[position];
    nextCount = 0;
    for (let index = 0; index < currentCount; index++) {
      const instruction = program[current[index] as number] as Instruction;
      if (instruction.op === 'match') return true;
      if (code === undefined) continue;
      if (instruction.op === 'any' ? code !== 10 : instruction.op === 'chars' && charMatches(instruction, code))
        nextCount = addClosure(next, nextCount, (instruction as {next: number}).next, position + 1);
    }
    [current, next] = [next, current];
    currentCount = nextCount;
  }
  for (let index = 0; index < currentCount; index++) if (program[current[index] as number]?.op === 'match') return true;
  return false;
}

const cache = new Map<string, SafeRegexResult>();

/** Compiles `source`; an error names what is wrong or unsupported. Results are cached. */
export function compileSafeRegex(source: string): SafeRegexResult {
  const cached = cache.get(source);
  if (cached) return cached;
  let result: SafeRegexResult;
  try {
    const tree = new Parser(source).parse();
    const compiler = new Compiler();
    const match = compiler.program.push({op: 'match'}) - 1;
    const start = compiler.compile(tree, match);
    const program = compiler.program;
    result = {ok: true, regex: {source, test: (text) => run(program, start, text)}};
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    result = {ok: false, error: error.message};
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, result);
  return result;
}
