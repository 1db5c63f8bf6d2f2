/**
 * Values whose type contradicts the chart default: a map where the chart has a string, a string where
 * it has a number or boolean, a scalar where it has a list. Helm would accept many of these and the
 * templates would render nonsense (`enabled: "false"` is truthy in a template!).
 */
import {type Values, isPlainObject} from './paths.js';

export interface TypeMismatch {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'mapping';
  return typeof value;
}

function compatible(expected: unknown, actual: unknown): boolean {
  if (actual === null || expected === null || expected === undefined) return true;
  const want = kind(expected);
  const got = kind(actual);
  if (want === got) return true;
  // Numbers where the chart has text are fine (cpu: 2 vs "2"); helm renders both the same.
  if (want === 'string' && got === 'number') return true;
  return false;
}

/** Every path where `values` and `defaults` disagree on the kind of value (recursing into maps). */
export function typeMismatches(values: Values, defaults: Values, prefix = ''): TypeMismatch[] {
  const out: TypeMismatch[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key.replace(/\./g, '\\.')}` : key.replace(/\./g, '\\.');
    if (!Object.hasOwn(defaults, key)) continue;
    const expected = defaults[key];
    if (!compatible(expected, value)) out.push({path, expected: kind(expected), actual: kind(value)});
    else if (isPlainObject(value) && isPlainObject(expected) && Object.keys(expected).length > 0)
      out.push(...typeMismatches(value, expected, path));
  }
  return out;
}
