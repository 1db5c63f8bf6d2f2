/**
 * A port of how the Rancher dashboard decides which questions it shows, for comparing the engine
 * with it. Source: rancher/dashboard shell/components/Questions/index.vue
 * @ 521966520c709a8f7653ad92e5a6f405cb5b5f5f — `migrate()` rewrites show_if into a Jexl
 * expression, `shouldShow()` / `shouldShowSub()` evaluate it against the form's values (an
 * expression that fails to evaluate shows the question), `addQuestion()` walks subquestions under
 * shown parents, and `evaluate()` is the legacy fallback for hyphenated expressions. The key match
 * is the lazy `(.*?)(!?=)` of newer releases; @5219665 matches greedily (see `greedy`).
 *
 * Jexl is not a dependency: `evalExpression` evaluates exactly the subset `migrate()` produces
 * (dotted identifiers, "strings", true/false/null, ==, !=, !, &&, ||) with Jexl's semantics (== is
 * JavaScript's loose equality) and throws where Jexl would fail to parse.
 */
import {getPath} from '../../src/core/values/paths.js';

type Values = Record<string, unknown>;

export interface RawQuestion {
  readonly variable: string;
  readonly show_if?: string;
  readonly show_subquestion_if?: unknown;
  readonly show_subquestions_if?: unknown;
  readonly subquestions?: readonly RawQuestion[];
}

/** `migrate()` of index.vue (minus its Jexl.compile fallback: unmatched text stays as written). */
export function migrate(expr: string, greedy = false): string {
  if (expr.includes('||'))
    return expr
      .split('||')
      .map((part) => migrate(part, greedy))
      .join(' || ');
  if (expr.includes('&&'))
    return expr
      .split('&&')
      .map((part) => migrate(part, greedy))
      .join(' && ');
  const parts = (greedy ? /^(.*)(!?=)(.*)$/ : /^(.*?)(!?=)(.*)$/).exec(expr);
  if (!parts) return expr;
  const key = (parts[1] as string).trim();
  const op = (parts[2] as string).trim() === '!=' ? '!=' : '==';
  const val = (parts[3] as string).trim();
  if (val === 'true' || val === 'false' || val === 'null') return `${key} ${op} ${val}`;
  if (val === '') return op === '!=' ? `!!${key}` : `!${key}`;
  return `${key} ${op} "${val}"`;
}

type Token = {kind: 'id' | 'str' | 'lit' | 'op'; text: string};

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expr.length) {
    const char = expr[index] as string;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"') {
      const end = expr.indexOf('"', index + 1);
      if (end < 0) throw new Error('unterminated string');
      tokens.push({kind: 'str', text: expr.slice(index + 1, end)});
      index = end + 1;
    } else if (['==', '!=', '&&', '||'].includes(expr.slice(index, index + 2))) {
      tokens.push({kind: 'op', text: expr.slice(index, index + 2)});
      index += 2;
    } else if (char === '!' || char === '(' || char === ')' || char === '-') {
      tokens.push({kind: 'op', text: char});
      index++;
    } else {
      const match = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*/.exec(expr.slice(index));
      if (!match) throw new Error(`unexpected ${char}`);
      const text = match[0];
      tokens.push({kind: ['true', 'false', 'null'].includes(text) ? 'lit' : 'id', text});
      index += text.length;
    }
  }
  return tokens;
}

/** Evaluates the Jexl subset migrate() produces; throws on anything Jexl would not parse. */
export function evalExpression(expr: string, values: Values): unknown {
  const tokens = tokenize(expr);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const read = (name: string): unknown => getPath(values, name.replace(/\[(\d+)\]/g, '.$1'));
  const primary = (): unknown => {
    const token = tokens[pos++];
    if (!token) throw new Error('unexpected end');
    if (token.kind === 'op' && token.text === '!') return !primary();
    if (token.kind === 'op' && token.text === '(') {
      const inner = or();
      if (tokens[pos++]?.text !== ')') throw new Error('missing )');
      return inner;
    }
    if (token.kind === 'str') return token.text;
    if (token.kind === 'lit') return token.text === 'true' ? true : token.text === 'false' ? false : null;
    if (token.kind === 'id') return read(token.text);
    throw new Error(`unexpected ${token.text}`);
  };
  const difference = (): unknown => {
    let left = primary();
    while (peek()?.text === '-') {
      pos++;
      left = (left as number) - (primary() as number);
    }
    return left;
  };
  const equality = (): unknown => {
    const left = difference();
    const op = peek();
    if (op?.text === '==' || op?.text === '!=') {
      pos++;
      const right = difference();
      // biome-ignore lint/suspicious/noDoubleEquals: Jexl's == is JavaScript's loose equality.
      const equal = left == right;
      return op.text === '==' ? equal : !equal;
    }
    return left;
  };
  const and = (): unknown => {
    let left = equality();
    while (peek()?.text === '&&') {
      pos++;
      const right = equality();
      left = left && right;
    }
    return left;
  };
  const or = (): unknown => {
    let left = and();
    while (peek()?.text === '||') {
      pos++;
      const right = and();
      left = left || right;
    }
    return left;
  };
  const result = or();
  if (pos < tokens.length) throw new Error(`unexpected ${tokens[pos]?.text}`);
  return result;
}

/** The legacy (Ember) evaluator the dashboard falls back to for hyphenated expressions. */
function legacy(question: RawQuestion, values: Values): boolean {
  const showIf = question.show_if as string;
  const stringify = (answer: unknown): string => (answer === undefined || answer === null ? '' : `${answer}`);
  const calc = (part: string): boolean => {
    const op = part.includes('!=') ? '!=' : '=';
    const array = part.trim().split(op);
    if (array.length !== 2) return false;
    const left = stringify(getPath(values, array[0] as string) ?? array[0]);
    const right = stringify(array[1]);
    return op === '!=' ? left !== right : left === right;
  };
  const or = showIf.split('||');
  return or.length > 1 ? or.some(calc) : showIf.split('&&').every(calc);
}

function evalOrShow(expr: string, values: Values, question: RawQuestion): boolean {
  try {
    const out = evalExpression(expr, values);
    if (!out && expr.includes('-')) return legacy(question, values);
    return Boolean(out);
  } catch {
    return true; // "Error evaluating expression" → shown
  }
}

export function shouldShow(question: RawQuestion, values: Values, greedy = false): boolean {
  if (question.show_if === undefined) return true;
  return evalOrShow(migrate(question.show_if, greedy), values, question);
}

export function shouldShowSub(question: RawQuestion, values: Values): boolean {
  const old =
    question.show_subquestions_if === undefined ? question.show_subquestion_if : question.show_subquestions_if;
  if (old === undefined) return true;
  const expr =
    old === false || old === 'false'
      ? `!${question.variable}`
      : old === true || old === 'true'
        ? `!!${question.variable}`
        : `${question.variable} == "${String(old)}"`;
  return evalOrShow(expr, values, question);
}

/** The variables the dashboard shows for these values (addQuestion's walk). */
export function dashboardVisible(questions: readonly RawQuestion[], values: Values, greedy = false): string[] {
  const out: string[] = [];
  const add = (question: RawQuestion): void => {
    if (!shouldShow(question, values, greedy)) return;
    out.push(question.variable);
    if (question.subquestions?.length && shouldShowSub(question, values))
      for (const sub of question.subquestions) add(sub);
  };
  for (const question of questions) add(question);
  return out;
}

/**
 * The form after it settles: each shown question whose value is undefined gets its default
 * (Question.js `created()`, boolean defaults given as strings become booleans), which may show
 * further questions, until nothing changes.
 */
export function settledValues(
  questions: readonly (RawQuestion & {readonly default?: unknown; readonly type?: string})[],
  answers: Values,
): Values {
  const values: Values = structuredClone(answers);
  const byVariable = new Map<string, RawQuestion & {default?: unknown; type?: string}>();
  const walk = (list: readonly RawQuestion[]): void => {
    for (const question of list) {
      if (!byVariable.has(question.variable)) byVariable.set(question.variable, question);
      walk(question.subquestions ?? []);
    }
  };
  walk(questions);
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const variable of dashboardVisible(questions, values)) {
      const question = byVariable.get(variable);
      if (!question || question.default === undefined || getPath(values, variable) !== undefined) continue;
      const value =
        question.type === 'boolean' && typeof question.default === 'string'
          ? question.default === 'true'
          : question.default;
      let node = values;
      const keys = variable.split('.');
      for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Values;
      node[keys[keys.length - 1] as string] = value;
      changed = true;
    }
    if (!changed) return values;
  }
  return values;
}
