/**
 * `show_if` expressions as the Rancher dashboard reads them (rancher/dashboard
 * shell/components/Questions/index.vue, `migrate()`): split on `||`, then on `&&` (so `&&` binds
 * tighter), then each part is `key=value` or `key!=value`, where the value is ALL the text after the
 * operator up to the next `&&`/`||` — spaces, parentheses and further `=` included
 * (`mode=Some value (note)` compares with "Some value (note)"). `key=` tests for an empty value,
 * and a bare `key` (which the dashboard evaluates as a Jexl expression) for a non-empty one.
 *
 * Two extensions the dashboard does not have, which `questions check` warns about: parentheses
 * around whole conditions group them (`(a=1||b=2)&&c=3`), and a value written wholly in quotes
 * (`name="a b"`) is compared without the quotes.
 */
export type Condition =
  | {readonly kind: 'compare'; readonly key: string; readonly negate: boolean; readonly value: string}
  | {readonly kind: 'set'; readonly key: string}
  | {readonly kind: 'and' | 'or'; readonly items: readonly Condition[]};

export type ConditionParse = {ok: true; condition: Condition} | {ok: false; error: string};

interface Cursor {
  readonly text: string;
  pos: number;
  /** Open parenthesised groups: only these may take a `)` from the end of a value. */
  depth: number;
}

function skipSpace(cursor: Cursor): void {
  while (cursor.pos < cursor.text.length && /\s/.test(cursor.text[cursor.pos] as string)) cursor.pos++;
}

function startsWith(cursor: Cursor, token: string): boolean {
  return cursor.text.startsWith(token, cursor.pos);
}

class ConditionSyntaxError extends Error {}

function fail(cursor: Cursor, message: string): never {
  throw new ConditionSyntaxError(`${message} at column ${cursor.pos + 1}`);
}

function parseOr(cursor: Cursor): Condition {
  const items = [parseAnd(cursor)];
  while (startsWith(cursor, '||')) {
    cursor.pos += 2;
    items.push(parseAnd(cursor));
  }
  return items.length === 1 ? (items[0] as Condition) : {kind: 'or', items};
}

function parseAnd(cursor: Cursor): Condition {
  const items = [parseUnary(cursor)];
  while (startsWith(cursor, '&&')) {
    cursor.pos += 2;
    items.push(parseUnary(cursor));
  }
  return items.length === 1 ? (items[0] as Condition) : {kind: 'and', items};
}

/** A `(` opens a group only where a condition starts; anywhere else it is part of a value. */
function parseUnary(cursor: Cursor): Condition {
  skipSpace(cursor);
  if (startsWith(cursor, '(')) {
    cursor.pos++;
    cursor.depth++;
    const inner = parseOr(cursor);
    skipSpace(cursor);
    if (!startsWith(cursor, ')')) fail(cursor, "missing ')'");
    cursor.pos++;
    cursor.depth--;
    skipSpace(cursor);
    return inner;
  }
  return parseComparison(cursor);
}

/** Where the current operand ends: the next `&&` or `||`, or the end of the text. */
function operandEnd(cursor: Cursor): number {
  let end = cursor.text.length;
  for (const token of ['&&', '||']) {
    const at = cursor.text.indexOf(token, cursor.pos);
    if (at !== -1 && at < end) end = at;
  }
  return end;
}

/** How many `)` at the end of `body` close open groups rather than belong to the value. */
function closers(body: string, depth: number): number {
  const tail = /[)\s]*$/.exec(body)?.[0] ?? '';
  const available = [...tail].filter((char) => char === ')').length;
  const count = (char: string): number => [...body].filter((item) => item === char).length;
  return Math.max(0, Math.min(available, count(')') - count('('), depth));
}

/** `body` without its last `closing` parentheses (and the spaces around them). */
function withoutClosers(body: string, closing: number): string {
  let cut = body.length;
  for (let left = closing; left > 0 && cut > 0; cut--) if (body[cut - 1] === ')') left--;
  return body.slice(0, cut).trimEnd();
}

function parseComparison(cursor: Cursor): Condition {
  const start = cursor.pos;
  const body = cursor.text.slice(start, operandEnd(cursor)).trimEnd();
  const operand = withoutClosers(body, closers(body, cursor.depth));
  // The group's `)` stay in the text for parseUnary.
  cursor.pos = start + operand.length;
  // The dashboard splits at the first operator (`(.*?)(!?=)`): the key is everything before it.
  const match = /^(.*?)(!=|==|=)/s.exec(operand);
  const key = (match ? (match[1] as string) : operand).trim();
  if (key === '') fail({...cursor, pos: start}, 'expected a variable name');
  if (/[()]/.test(key)) fail({...cursor, pos: start}, `unexpected '${key}' (parentheses group whole conditions only)`);
  if (/\s/.test(key))
    fail(
      {...cursor, pos: start},
      match ? `variable '${key}' contains a space` : `expected '=' or '!=' after '${key.split(/\s/)[0]}'`,
    );
  skipSpace(cursor);
  if (!match) return {kind: 'set', key};
  let value = operand.slice(match[0].length).trim();
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  if (quoted) value = quoted[2] as string;
  return {kind: 'compare', key, negate: match[2] === '!=', value};
}

/** Parses a show_if string. Errors name the column, so `questions check` can point at it. */
export function parseCondition(text: string): ConditionParse {
  const cursor: Cursor = {text, pos: 0, depth: 0};
  try {
    if (text.trim() === '') return {ok: false, error: 'empty condition'};
    const condition = parseOr(cursor);
    skipSpace(cursor);
    if (cursor.pos < text.length) fail(cursor, `unexpected '${text.slice(cursor.pos)}'`);
    return {ok: true, condition};
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return {ok: false, error: error.message};
    throw error;
  }
}

/**
 * Rancher's empty-value test for `key=`: the dashboard rewrites it to `!key`, so undefined, null,
 * '', false and 0 all count as empty ("existing charts expect `foo=` with {foo: null} to be true").
 */
export function isEmptyForCondition(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === false || value === 0 || Number.isNaN(value);
}

function matches(actual: unknown, expected: string): boolean {
  if (expected === '') return isEmptyForCondition(actual);
  if (expected === 'null') return actual === undefined || actual === null;
  if (actual === undefined || actual === null) return false;
  // Loose comparison by text, as Jexl's `==` does for "1" vs 1; booleans compare as "true"/"false".
  return typeof actual === 'object' ? false : String(actual) === expected;
}

/** Evaluates against a lookup of dotted variables (question answers first, then values). */
export function evaluateCondition(condition: Condition, lookup: (variable: string) => unknown): boolean {
  switch (condition.kind) {
    case 'compare': {
      const result = matches(lookup(condition.key), condition.value);
      return condition.negate ? !result : result;
    }
    case 'set':
      return !isEmptyForCondition(lookup(condition.key));
    case 'and':
      return condition.items.every((item) => evaluateCondition(item, lookup));
    case 'or':
      return condition.items.some((item) => evaluateCondition(item, lookup));
  }
}

/** Every variable a condition reads, for dependency checks and lint. */
export function conditionVariables(condition: Condition): string[] {
  if (condition.kind === 'compare' || condition.kind === 'set') return [condition.key];
  return [...new Set(condition.items.flatMap(conditionVariables))];
}

/** `true`/`false`/value from `show_subquestion_if`, tested against the parent's value. */
export function subquestionsShown(trigger: boolean | string | undefined, parentValue: unknown): boolean {
  if (trigger === undefined) return true;
  if (trigger === true || trigger === 'true') return !isEmptyForCondition(parentValue);
  if (trigger === false || trigger === 'false') return isEmptyForCondition(parentValue);
  return matches(parentValue, trigger);
}
