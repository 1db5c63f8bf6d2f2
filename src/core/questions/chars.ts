/**
 * `valid_chars` / `invalid_chars`. The Rancher docs describe them as character classes (`a-z0-9`),
 * but the dashboard runs them as unanchored regexes, so `[a-z]` accepts "ABCa". We test EVERY
 * character against `[body]`. Two spellings found in real charts are understood as well:
 * a bracketed class (`[a-z0-9]`, brackets dropped) and a fully anchored regex (`^[a-z]+$`, matched
 * against the whole value) — the lint notes the latter.
 */
export type CharRule =
  | {readonly kind: 'class'; readonly pattern: RegExp; readonly source: string}
  | {readonly kind: 'anchored'; readonly pattern: SafeRegex; readonly source: string};

import {compileSafeRegex, type SafeRegex} from '../regex/safe-regex.js';

const cache = new Map<string, CharRule | string>();

/** Compiles a valid_chars/invalid_chars value; returns an error message when it is not a valid class. */
export function compileCharRule(source: string): CharRule | string {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  let result: CharRule | string;
  try {
    if (source.length > 1 && source.startsWith('^') && source.endsWith('$') && !source.endsWith('\\$')) {
      // The whole value is matched: a backtracking RegExp could run for ever on `^(a+)+$`, so this
      // runs on the linear-time matcher (RE2 syntax, as Rancher's Go side would read it).
      const compiled = compileSafeRegex(source);
      result = compiled.ok
        ? {kind: 'anchored', pattern: compiled.regex, source}
        : `is not a pattern buntime-deploy can check safely: ${compiled.error}`;
    } else {
      const body = /^\[[^\]]*\]$/.test(source) && !source.startsWith('[^') ? source.slice(1, -1) : source;
      if (body === '') return 'is empty';
      result = {kind: 'class', pattern: new RegExp(`^[${body}]$`, 'u'), source};
    }
  } catch (error) {
    result = `is not a valid character class: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  cache.set(source, result);
  return result;
}

/** Characters of `value` that are outside a valid_chars rule (deduplicated, in order). */
export function charsOutside(rule: CharRule, value: string): string[] | 'whole' {
  if (rule.kind === 'anchored') return rule.pattern.test(value) ? [] : 'whole';
  const bad: string[] = [];
  for (const char of value) if (!rule.pattern.test(char) && !bad.includes(char)) bad.push(char);
  return bad;
}

/** Characters of `value` that an invalid_chars rule forbids (deduplicated, in order). */
export function charsInside(rule: CharRule, value: string): string[] | 'whole' {
  if (rule.kind === 'anchored') return rule.pattern.test(value) ? 'whole' : [];
  const bad: string[] = [];
  for (const char of value) if (rule.pattern.test(char) && !bad.includes(char)) bad.push(char);
  return bad;
}

/** `'a', ' ' (space)` — readable even for white space. */
export function showChars(chars: readonly string[]): string {
  const names: Record<string, string> = {' ': "' ' (space)", '\t': 'tab', '\n': 'newline'};
  return chars.map((char) => names[char] ?? `'${char}'`).join(', ');
}
