/** Typed reads of merged values for rules: wrong types read as "unset" (the type rules report them). */
import {type Values, getPath} from '../values/paths.js';

export function text(values: Values, path: string): string {
  const value = getPath(values, path);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function flag(values: Values, path: string): boolean {
  const value = getPath(values, path);
  return value === true || value === 'true';
}

export function number(values: Values, path: string): number | undefined {
  const value = getPath(values, path);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
