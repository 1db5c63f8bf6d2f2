/**
 * Helm-style `--set` arguments: `a.b=c`, several per argument (`a=1,b=2`), lists `{x,y}`, list
 * indexes `imagePullSecrets[0].name=x`, backslash escapes (`ingress.annotations.cert-manager\.io/x=y`,
 * `a=x\,y`) and helm's typed scalars (true/false/null/integers; everything else a string).
 * One improvement over helm: where the chart's default is a string (image tags!), the text is kept as
 * text, so `--set image.tag=1.10` stays "1.10" instead of becoming a number.
 */
import {type Values, isPlainObject} from './paths.js';

export type SetSegment = {readonly key: string} | {readonly index: number};

export interface SetAssignment {
  readonly segments: readonly SetSegment[];
  /** Dotted form for messages and known-path checks: `a.b[0].c`, dots inside keys escaped. */
  readonly path: string;
  readonly value: unknown;
  /** The value's text before typing; a list for `{a,b}`. */
  readonly raw: string | readonly string[];
  /** The `--set` argument this came from. */
  readonly source: string;
}

export type SetParse = {ok: true; assignments: SetAssignment[]} | {ok: false; error: string};

/** helm's typing of one scalar. */
export function typedScalar(text: string): unknown {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  if (/^-?[1-9]\d*$/.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : text;
  }
  return text;
}

export function segmentsToPath(segments: readonly SetSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if ('index' in segment) out += `[${segment.index}]`;
    else out += `${out === '' ? '' : '.'}${segment.key.replace(/\./g, '\\.')}`;
  }
  return out;
}

class SetSyntaxError extends Error {}

/** Reads up to an unescaped stop character; returns the text and the stop (or '' at the end). */
function readUntil(text: string, start: number, stops: string): {value: string; stop: string; next: number} {
  let value = '';
  for (let index = start; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '\\' && index + 1 < text.length) {
      value += text[++index];
      continue;
    }
    if (stops.includes(char)) return {value, stop: char, next: index + 1};
    value += char;
  }
  return {value, stop: '', next: text.length};
}

/** No chart value is nested this deep; longer paths are typos or abuse (and would recurse). */
export const MAX_SET_SEGMENTS = 64;

function parseKey(text: string, start: number): {segments: SetSegment[]; next: number} {
  const segments: SetSegment[] = [];
  let position = start;
  for (;;) {
    if (segments.length > MAX_SET_SEGMENTS)
      throw new SetSyntaxError(`the key has more than ${MAX_SET_SEGMENTS} levels; no chart value is that deep`);
    const {value, stop, next} = readUntil(text, position, '=.[,');
    if (value !== '') segments.push({key: value});
    else if (stop !== '[' || segments.length === 0) {
      if (stop === '' && segments.length === 0) throw new SetSyntaxError('empty assignment');
      throw new SetSyntaxError(`empty key name before '${stop || 'end'}'`);
    }
    if (stop === '=') return {segments, next};
    if (stop === '' || stop === ',')
      throw new SetSyntaxError(`'${segmentsToPath(segments)}' has no value (write ${segmentsToPath(segments)}=VALUE)`);
    if (stop === '[') {
      const close = text.indexOf(']', next);
      const body = close === -1 ? '' : text.slice(next, close);
      if (!/^\d+$/.test(body)) throw new SetSyntaxError(`list index '[${body}' must be a number followed by ']'`);
      const index = Number(body);
      if (index > 65536) throw new SetSyntaxError(`list index ${index} is too large`);
      segments.push({index});
      position = close + 1;
      const after = text[position];
      if (after === '=') return {segments, next: position + 1};
      if (after === '.') position++;
      else if (after !== '[') throw new SetSyntaxError(`unexpected '${after ?? 'end'}' after [${index}]`);
      continue;
    }
    position = next;
  }
}

/** Parses one `--set` argument into assignments (in order). */
export function parseSet(argument: string): SetParse {
  const assignments: SetAssignment[] = [];
  try {
    let position = 0;
    while (position < argument.length) {
      const {segments, next} = parseKey(argument, position);
      let value: unknown;
      let raw: string | string[];
      if (argument[next] === '{') {
        const items: string[] = [];
        let cursor = next + 1;
        for (;;) {
          const item = readUntil(argument, cursor, ',}');
          if (item.stop === '') throw new SetSyntaxError(`list for '${segmentsToPath(segments)}' must end with '}'`);
          items.push(item.value);
          cursor = item.next;
          if (item.stop === '}') break;
        }
        if (cursor < argument.length && argument[cursor] !== ',')
          throw new SetSyntaxError(`unexpected '${argument.slice(cursor)}' after a list`);
        position = cursor + 1;
        raw = items;
        value = items.length === 1 && items[0] === '' ? [] : items.map(typedScalar);
      } else {
        const read = readUntil(argument, next, ',');
        raw = read.value;
        value = typedScalar(read.value);
        position = read.next;
      }
      assignments.push({segments, path: segmentsToPath(segments), value, raw, source: argument});
    }
    if (assignments.length === 0) throw new SetSyntaxError('empty assignment');
    return {ok: true, assignments};
  } catch (error) {
    if (error instanceof SetSyntaxError) return {ok: false, error: error.message};
    throw error;
  }
}

function setIn(node: unknown, segments: readonly SetSegment[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (!head) return value;
  if ('index' in head) {
    const list = Array.isArray(node) ? [...node] : [];
    while (list.length < head.index) list.push(null);
    list[head.index] = setIn(list[head.index], rest, value);
    return list;
  }
  const map: Values = isPlainObject(node) ? {...node} : {};
  map[head.key] = setIn(map[head.key], rest, value);
  return map;
}

/**
 * Applies assignments in order. `typeOf(path)` returns the chart default at that path so a string
 * default keeps the raw text (see the module comment).
 */
export function applySets(
  values: Values,
  assignments: readonly SetAssignment[],
  defaultAt: (path: string) => unknown = () => undefined,
): Values {
  let out = values;
  for (const assignment of assignments) {
    const current = defaultAt(assignment.path);
    const value =
      typeof current === 'string' && typeof assignment.raw === 'string' && assignment.value !== null
        ? assignment.raw
        : assignment.value;
    out = setIn(out, assignment.segments, value) as Values;
  }
  return out;
}
