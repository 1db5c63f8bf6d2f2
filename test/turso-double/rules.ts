/**
 * turso-server's validation rules as the admin API applies them (buntime-upstream-facts §6.2, §6.7):
 * namespace names and TTL strings, with the same error detail strings the server sends back.
 * Kept apart from src/ on purpose: the double is an independent reading of the contract, so the
 * product's own validator is checked against it rather than against itself.
 */

/** Go's %q for one rune: 'a', '\'', '\\', '\n', '\x00', 'é'. */
function quoteRune(char: string): string {
  const escapes: Record<string, string> = {
    "'": "\\'",
    '\\': '\\\\',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\u0007': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\v': '\\v',
  };
  const escaped = escapes[char];
  if (escaped) return `'${escaped}'`;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${char}'`;
}

/** The error detail for an invalid name, or undefined when the server would accept it. */
export function namespaceNameError(name: string): string | undefined {
  if (name === '') return 'namespace name is empty';
  // Go measures the length in bytes, and positions are byte offsets.
  if (Buffer.byteLength(name, 'utf8') > 63) return 'namespace name longer than 63 characters';
  let offset = 0;
  for (const char of name) {
    const ok = /^[a-z0-9_-]$/.test(char);
    if (!ok) return `namespace name contains invalid character ${quoteRune(char)} at position ${offset}`;
    // The start check sits inside the loop, so a leading '_' reports this message, not "reserved".
    if (offset === 0 && (char === '-' || char === '_')) return 'namespace name must start with [a-z0-9]';
    offset += Buffer.byteLength(char, 'utf8');
  }
  return undefined;
}

const UNITS: Record<string, number> = {ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** Go's time.ParseDuration, returning milliseconds or the error text Go would print. */
export function parseGoDuration(text: string): {ms: number} | {error: string} {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return {ms: 0};
  if (rest === '') return {error: `time: invalid duration ${quoted}`};
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(\.\d*)?/.exec(rest);
    const digits = number?.[0] ?? '';
    if (digits === '' || digits === '.') return {error: `time: invalid duration ${quoted}`};
    rest = rest.slice(digits.length);
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? '';
    if (unit === '') return {error: `time: missing unit in duration ${quoted}`};
    const factor = UNITS[unit];
    if (factor === undefined) return {error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`};
    total += Number(digits) * factor;
    rest = rest.slice(unit.length);
  }
  return {ms: sign * total};
}

/** ParseTTL: `<digits>d` or a Go duration; the error detail matches the server's. */
export function ttlError(ttl: string): string | undefined {
  if (ttl === '') return undefined;
  const quoted = JSON.stringify(ttl);
  if (ttl.endsWith('d')) {
    const digits = ttl.slice(0, -1);
    if (digits === '') return `invalid TTL ${quoted}: empty number`;
    const bad = [...digits].find((char) => char < '0' || char > '9');
    return bad === undefined ? undefined : `invalid TTL ${quoted}: non-digit ${quoteRune(bad)}`;
  }
  const parsed = parseGoDuration(ttl);
  return 'error' in parsed ? `invalid TTL ${quoted}: ${parsed.error}` : undefined;
}
