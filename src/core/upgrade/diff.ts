/** One changed field, at a dotted path (`spec.template.spec.containers[0].image`). */
export interface FieldChange {
  readonly path: string;
  /** undefined when the field is added. */
  readonly from: unknown;
  /** undefined when the field is removed. */
  readonly to: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality for JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function join(prefix: string, key: string): string {
  const part = /^[A-Za-z_][\w-]*$/.test(key) ? key : `["${key}"]`;
  if (!prefix) return part;
  return part.startsWith('[') ? `${prefix}${part}` : `${prefix}.${part}`;
}

/**
 * Every leaf that differs between two JSON-like values. Arrays of the same length are compared
 * item by item (so one changed container image is one change); arrays of different lengths are one
 * change, because index-by-index output would be misleading there.
 */
export function diffValues(from: unknown, to: unknown, prefix = ''): FieldChange[] {
  if (deepEqual(from, to)) return [];
  if (isObject(from) && isObject(to)) {
    const changes: FieldChange[] = [];
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    for (const key of keys) changes.push(...diffValues(from[key], to[key], join(prefix, key)));
    return changes;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return from.flatMap((item, index) => diffValues(item, to[index], `${prefix}[${index}]`));
  }
  return [{path: prefix || '(root)', from, to}];
}
