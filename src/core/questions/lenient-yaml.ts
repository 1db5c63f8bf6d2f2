/**
 * Rancher reads questions files with go-yaml, which accepts a multi-line quoted string whose
 * continuation lines are indented no deeper than their key (a libyaml leniency); the `yaml`
 * library refuses it as the YAML spec says. Real charts ship such files, so when strict parsing
 * fails the reader retries with those continuation lines indented one column past their key. Flow
 * scalars fold leading white space away, so the value is unchanged; every repaired line is
 * reported (a warning in `questions check`). Pure text in, text out.
 */

export interface YamlRepair {
  /** 1-based line that was re-indented. */
  readonly line: number;
}

/** `key: |`, `- >-`, `|2`…: the following more-indented lines are block scalar content. */
const BLOCK_SCALAR = /(^\s*|:\s+|-\s+)[|>][-+0-9]*\s*(\s#.*)?$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Column of the key (or sequence item) a line's value belongs to: past any `- ` markers. */
function keyColumn(line: string): number {
  const match = /^(\s*(?:-\s+)*)/.exec(line);
  return (match?.[1] ?? '').length;
}

/** Where a quoted scalar may open: line start (after indent/`- `), after `: `, `[`, `{` or `,`. */
function canOpenScalar(line: string, index: number): boolean {
  const before = line.slice(0, index).trimEnd();
  return before === '' || /(^|\s)-$/.test(before) || /:$/.test(before) || /[[{,]$/.test(before);
}

/**
 * Scans `line` from `from` outside any quote. Returns the quote character left open at the end of
 * the line (a multi-line scalar), or undefined.
 */
function scanLine(line: string, from: number): '"' | "'" | undefined {
  let index = from;
  while (index < line.length) {
    const char = line[index];
    if (char === '#' && (index === 0 || /\s/.test(line[index - 1] as string))) return undefined;
    if ((char === '"' || char === "'") && canOpenScalar(line, index)) {
      const close = closeQuote(line, index + 1, char);
      if (close < 0) return char;
      index = close + 1;
      continue;
    }
    index++;
  }
  return undefined;
}

/** Index of the quote closing a scalar opened with `quote`, from `from`; -1 when not on this line. */
function closeQuote(line: string, from: number, quote: '"' | "'"): number {
  for (let index = from; index < line.length; index++) {
    const char = line[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && line[index + 1] === "'") index++;
      else return index;
    }
  }
  return -1;
}

export function indentQuotedContinuations(text: string): {text: string; repairs: YamlRepair[]} {
  const lines = text.split('\n');
  const repairs: YamlRepair[] = [];
  let blockIndent: number | undefined;
  let open: {quote: '"' | "'"; minIndent: number} | undefined;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] as string;
    if (open) {
      if (line.trim() !== '' && indentOf(line) < open.minIndent) {
        line = ' '.repeat(open.minIndent) + line.trimStart();
        lines[n] = line;
        repairs.push({line: n + 1});
      }
      const close = closeQuote(line, 0, open.quote);
      if (close < 0) continue;
      open = undefined;
      const still = scanLine(line, close + 1);
      if (still) open = {quote: still, minIndent: keyColumn(line) + 1};
      continue;
    }
    if (blockIndent !== undefined) {
      if (line.trim() === '' || indentOf(line) > blockIndent) continue;
      blockIndent = undefined;
    }
    const quote = scanLine(line, 0);
    if (quote) open = {quote, minIndent: keyColumn(line) + 1};
    else if (!/^\s*#/.test(line) && BLOCK_SCALAR.test(line)) blockIndent = indentOf(line);
  }
  return {text: lines.join('\n'), repairs};
}
