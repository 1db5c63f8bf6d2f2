/**
 * A small condition language over Helm values, for rules that both the CLI and the chart enforce.
 * The CLI evaluates it here; `npm run generate:chart` compiles the same conditions into the chart's
 * template checks (scripts/chart/rules.ts), so a rule is written once. Every operator reads values
 * the way src/core/rules/read.ts does, and the compiled templates read them the same way (a missing
 * or mistyped value reads as unset; the schema reports types).
 */
import type {Values} from '../values/paths.js';
import {flag, number, text} from './read.js';

export type When =
  /** The value is true (or the string "true"). */
  | {readonly flag: string}
  /** The value is a non-empty string or a number. */
  | {readonly set: string}
  /** The value, as text, equals `value`. */
  | {readonly is: string; readonly value: string}
  /** The value is a number above `than` (`unset` when it is not a number). */
  | {readonly above: string; readonly than: number; readonly unset: number}
  /** The value is a path inside one of `dirs` (both cleaned as Go's filepath.Clean does). */
  | {readonly under: string; readonly dirs: readonly string[]}
  | {readonly all: readonly When[]}
  | {readonly any: readonly When[]}
  | {readonly not: When};

/**
 * Go's filepath.Clean (what the chart's sprig `clean` does): `/data//apps/./x.db` → `/data/apps/x.db`,
 * `/data/../data/apps` → `/data/apps`, `..` above the root dropped, "" → ".".
 */
export function cleanPath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** True when `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const clean = cleanPath(path);
  const base = cleanPath(dir);
  return clean === base || clean.startsWith(`${base.replace(/\/$/, '')}/`);
}

export function holds(when: When, values: Values): boolean {
  if ('flag' in when) return flag(values, when.flag);
  if ('set' in when) return text(values, when.set) !== '';
  if ('is' in when) return text(values, when.is) === when.value;
  if ('above' in when) return (number(values, when.above) ?? when.unset) > when.than;
  if ('under' in when) {
    const value = text(values, when.under);
    return value !== '' && when.dirs.some((dir) => isInside(value, dir));
  }
  if ('all' in when) return when.all.every((item) => holds(item, values));
  if ('any' in when) return when.any.some((item) => holds(item, values));
  return !holds(when.not, values);
}

/** Every value path a condition reads, in first-use order (the chart names them in its message). */
export function variables(when: When): string[] {
  const out: string[] = [];
  const visit = (item: When): void => {
    if ('all' in item) item.all.forEach(visit);
    else if ('any' in item) item.any.forEach(visit);
    else if ('not' in item) visit(item.not);
    else {
      const path =
        'flag' in item
          ? item.flag
          : 'set' in item
            ? item.set
            : 'is' in item
              ? item.is
              : 'above' in item
                ? item.above
                : item.under;
      if (!out.includes(path)) out.push(path);
    }
  };
  visit(when);
  return out;
}

/** A phrase that depends on the values: the first alternative whose `when` holds (the last has none). */
export type Phrase = ReadonlyArray<{readonly when?: When; readonly text: string}>;

/**
 * Fills a message: `{a.b}` is the value at a.b (as text), `{@name}` a phrase. The same syntax is
 * compiled into the chart's messages, so both say the same thing.
 */
export function fill(template: string, values: Values, phrases: Readonly<Record<string, Phrase>> = {}): string {
  return template.replace(/\{(@?)([A-Za-z0-9_.-]+)\}/g, (_match, at: string, name: string) => {
    if (at) {
      const phrase = phrases[name];
      if (!phrase) throw new Error(`unknown phrase {@${name}}`);
      const chosen = phrase.find((item) => item.when === undefined || holds(item.when, values));
      return chosen ? fill(chosen.text, values, phrases) : '';
    }
    return text(values, name);
  });
}
