/**
 * `show_if` expressions: `key=value`, `key!=value`, empty `key=`, joined with `&&` and `||`
 * (`&&` binds tighter, as in the Rancher dashboard's Jexl rewrite) and — unlike Rancher —
 * parentheses. Values may be quoted ("a b", 'x&&y') when they contain operators or spaces.
 */
export type Condition =
  | {readonly kind: 'compare'; readonly key: string; readonly negate: boolean; readonly value: string}
  | {readonly kind: 'and' | 'or'; readonly items: readonly Condition[]};

export type ConditionParse = {ok: true; condition: Condition} | {ok: false; error: string};

interface Cursor {
  readonly text: string;
  pos: number;
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

/** Parentheses nested deeper than this are refused (the parser recurses per level). */
const MAX_CONDITION_DEPTH = 32;

function parseUnary(cursor: Cursor): Condition {
  skipSpace(cursor);
  if (startsWith(cursor, '(')) {
    if (++cursor.depth > MAX_CONDITION_DEPTH) fail(cursor, `parentheses nested more than ${MAX_CONDITION_DEPTH} deep`);
    cursor.pos++;
    const inner = parseOr(cursor);
    cursor.depth--;
    skipSpace(cursor);
    if (!startsWith(cursor, ')')) fail(cursor, "missing ')'");
    cursor.pos++;
    skipSpace(cursor);
    return inner;
  }
  return parseComparison(cursor);
}

function parseComparison(cursor: Cursor): Condition {
  const keyStart = cursor.pos;
  while (cursor.pos < cursor.text.length && !/[=!()&|]/.test(cursor.text[cursor.pos] as string)) cursor.pos++;
  const key = cursor.text.slice(keyStart, cursor.pos).trim();
  if (key === '') fail(cursor, 'expected a variable name');
  if (/\s/.test(key)) fail(cursor, `variable '${key}' contains a space`);
  let negate = false;
  if (startsWith(cursor, '!=')) {
    negate = true;
    cursor.pos += 2;
  } else if (startsWith(cursor, '==')) cursor.pos += 2;
  else if (startsWith(cursor, '=')) cursor.pos += 1;
  else fail(cursor, `expected '=' or '!=' after '${key}'`);
  skipSpace(cursor);
  const quote = cursor.text[cursor.pos];
  let value: string;
  if (quote === '"' || quote === "'") {
    const end = cursor.text.indexOf(quote, cursor.pos + 1);
    if (end === -1) fail(cursor, 'unterminated quoted value');
    value = cursor.text.slice(cursor.pos + 1, end);
    cursor.pos = end + 1;
  } else {
    const valueStart = cursor.pos;
    while (
      cursor.pos < cursor.text.length &&
      !startsWith(cursor, '&&') &&
      !startsWith(cursor, '||') &&
      cursor.text[cursor.pos] !== ')'
    ) {
      cursor.pos++;
    }
    value = cursor.text.slice(valueStart, cursor.pos).trim();
    if (/[=(]/.test(value))
      fail(
        {text: cursor.text, pos: valueStart, depth: cursor.depth},
        `unexpected '${value}' (quote values that contain = or parentheses)`,
      );
  }
  skipSpace(cursor);
  return {kind: 'compare', key, negate, value};
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
    case 'and':
      return condition.items.every((item) => evaluateCondition(item, lookup));
    case 'or':
      return condition.items.some((item) => evaluateCondition(item, lookup));
  }
}

/** Every variable a condition reads, for dependency checks and lint. */
export function conditionVariables(condition: Condition): string[] {
  if (condition.kind === 'compare') return [condition.key];
  return [...new Set(condition.items.flatMap(conditionVariables))];
}

/** `true`/`false`/value from `show_subquestion_if`, tested against the parent's value. */
export function subquestionsShown(trigger: boolean | string | undefined, parentValue: unknown): boolean {
  if (trigger === undefined) return true;
  if (trigger === true || trigger === 'true') return !isEmptyForCondition(parentValue);
  if (trigger === false || trigger === 'false') return isEmptyForCondition(parentValue);
  return matches(parentValue, trigger);
}
