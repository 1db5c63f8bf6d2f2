/**
 * Just enough of Go's text/template syntax to know, for every line of a Helm template, which
 * blocks enclose it. That is what the mandatory-default rules need: "is this env variable or
 * volume inside an {{ if }}?". Actions are found with string literals, raw strings and comments
 * respected, so a `}}` inside a quoted string or an `{{ if` inside a template comment does not
 * confuse it.
 */

/** Block kinds that make their body conditional (range may run zero times). */
export type ConditionalKind = 'if' | 'with' | 'range';

/** An open block: kind, the action text and the 1-based line it was opened on. */
export interface OpenBlock {
  readonly kind: ConditionalKind | 'define' | 'block';
  readonly action: string;
  readonly line: number;
}

export interface TemplateLine {
  /** 1-based line number. */
  readonly number: number;
  readonly text: string;
  /** Blocks enclosing the first non-template text of the line (or its start). */
  readonly blocks: readonly OpenBlock[];
  /** True when the line starts inside a multi-line action or comment (its text is not output). */
  readonly inAction: boolean;
}

/** A template that cannot be scanned: unbalanced `{{ end }}` or an unterminated action. */
export interface ScanProblem {
  readonly line: number;
  readonly message: string;
}

export interface ScanResult {
  readonly lines: readonly TemplateLine[];
  readonly problems: readonly ScanProblem[];
}

interface Action {
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

/** Finds the `}}` that closes the action opened at `from` (just after `{{`), skipping literals. */
function closeOf(text: string, from: number): number {
  let index = from;
  if (text.startsWith('/*', index) || text.startsWith('- /*', index)) {
    const close = text.indexOf('*/', index);
    return close < 0 ? -1 : text.indexOf('}}', close);
  }
  while (index < text.length) {
    const char = text[index];
    if (char === '"' || char === "'") {
      index++;
      while (index < text.length && text[index] !== char) index += text[index] === '\\' ? 2 : 1;
    } else if (char === '`') {
      index = text.indexOf('`', index + 1);
      if (index < 0) return -1;
    } else if (char === '}' && text[index + 1] === '}') {
      return index;
    }
    index++;
  }
  return -1;
}

function actions(text: string, problems: ScanProblem[], lineOf: (offset: number) => number): Action[] {
  const found: Action[] = [];
  let index = text.indexOf('{{');
  while (index >= 0) {
    const close = closeOf(text, index + 2);
    if (close < 0) {
      problems.push({line: lineOf(index), message: 'unterminated {{ action'});
      break;
    }
    found.push({
      start: index,
      end: close + 2,
      body: text
        .slice(index + 2, close)
        .replace(/^-\s*/, '')
        .replace(/\s*-$/, '')
        .trim(),
    });
    index = text.indexOf('{{', close + 2);
  }
  return found;
}

function keyword(body: string): string {
  if (body.startsWith('/*')) return 'comment';
  return /^([a-z]+)\b/.exec(body)?.[1] ?? '';
}

/** Scans a template; never throws (problems are reported, the scan continues as well as it can). */
export function scanTemplate(text: string): ScanResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const problems: ScanProblem[] = [];
  const found = actions(text, problems, lineOf);
  // Stack snapshots: after each action the stack may change; lines sample it at their text start.
  const changes: Array<{offset: number; stack: OpenBlock[]}> = [];
  let stack: OpenBlock[] = [];
  for (const action of found) {
    const word = keyword(action.body);
    const line = lineOf(action.start);
    if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') {
      stack = [...stack, {kind: word, action: `{{ ${action.body} }}`, line}];
    } else if (word === 'end') {
      if (stack.length === 0) problems.push({line, message: '{{ end }} without an open block'});
      stack = stack.slice(0, -1);
    } else {
      continue;
    }
    changes.push({offset: action.end, stack});
  }
  for (const open of stack) problems.push({line: open.line, message: `${open.action} is never closed`});

  const lines: TemplateLine[] = [];
  const rawLines = text.split('\n');
  let change = 0;
  let current: OpenBlock[] = [];
  let actionIndex = 0;
  for (let n = 0; n < rawLines.length; n++) {
    const start = lineStarts[n] as number;
    const raw = rawLines[n] as string;
    // The line's own text starts at its first character outside a template action.
    let probe = start + (raw.length - raw.trimStart().length);
    while (actionIndex < found.length && (found[actionIndex] as Action).end <= probe) actionIndex++;
    const inAction = actionIndex < found.length && (found[actionIndex] as Action).start < probe;
    for (let a = actionIndex; a < found.length && (found[a] as Action).start === probe; a++) {
      probe = (found[a] as Action).end;
      while (probe < text.length && (text[probe] === ' ' || text[probe] === '\t')) probe++;
    }
    while (change < changes.length && (changes[change] as {offset: number}).offset <= probe) {
      current = (changes[change] as {stack: OpenBlock[]}).stack;
      change++;
    }
    lines.push({number: n + 1, text: raw, blocks: current, inAction});
  }
  return {lines, problems};
}

/** The innermost enclosing conditional block (if/with/range), ignoring define/block bodies' own scope. */
export function enclosingCondition(line: TemplateLine): OpenBlock | undefined {
  for (let i = line.blocks.length - 1; i >= 0; i--) {
    const block = line.blocks[i] as OpenBlock;
    if (block.kind === 'define' || block.kind === 'block') return undefined;
    if (block.kind === 'if' || block.kind === 'with' || block.kind === 'range') return block;
  }
  return undefined;
}
