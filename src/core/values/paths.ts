/**
 * Dotted value paths (`ingress.tls.enabled`), as Rancher questions and `--set` use them.
 * Values are plain JSON-like trees; these helpers never mutate their input.
 */
export type Values = {[key: string]: unknown};

export function isPlainObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits a dotted path; `a\.b` escapes a dot inside a key (as helm --set does). */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < path.length; index++) {
    const char = path[index];
    if (char === '\\' && path[index + 1] === '.') {
      current += '.';
      index++;
    } else if (char === '.') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

export function getPath(values: unknown, path: string): unknown {
  let node: unknown = values;
  for (const key of splitPath(path)) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

export function hasPath(values: unknown, path: string): boolean {
  const keys = splitPath(path);
  let node: unknown = values;
  for (const key of keys) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return true;
}

/** A copy of `values` with `path` set, creating intermediate objects (replacing non-objects). */
export function setPath(values: Values, path: string, value: unknown): Values {
  const [head, ...rest] = splitPath(path);
  if (head === undefined) return values;
  if (rest.length === 0) return {...values, [head]: value};
  const child = values[head];
  return {...values, [head]: setPath(isPlainObject(child) ? child : {}, rest.join('.'), value)};
}

/**
 * A copy of `values` with every `[path, value]` set, in order: each map on the way is copied once,
 * not once per path (setPath in a loop over a 20,000-key map was quadratic).
 */
export function setPaths(values: Values, entries: Iterable<readonly [string, unknown]>): Values {
  const owned = new WeakSet<object>();
  const root: Values = {...values};
  owned.add(root);
  for (const [path, value] of entries) {
    const keys = splitPath(path);
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const child = node[key];
      if (isPlainObject(child) && owned.has(child)) node = child;
      else {
        const copy: Values = isPlainObject(child) ? {...child} : {};
        owned.add(copy);
        node[key] = copy;
        node = copy;
      }
    }
    node[keys[keys.length - 1] as string] = value;
  }
  return root;
}

/** A copy of `values` without `path`; empty parent objects are kept (helm treats {} as set). */
export function deletePath(values: Values, path: string): Values {
  const [head, ...rest] = splitPath(path);
  if (head === undefined || !Object.hasOwn(values, head)) return values;
  if (rest.length === 0) {
    const {[head]: _removed, ...kept} = values;
    return kept;
  }
  const child = values[head];
  if (!isPlainObject(child)) return values;
  return {...values, [head]: deletePath(child, rest.join('.'))};
}

/** Deep merge where `over` wins; arrays and scalars replace, objects merge (helm's -f semantics). */
export function mergeValues(base: Values, over: Values): Values {
  const result: Values = {...base};
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return result;
}

/** Every leaf as [path, value]; empty objects and arrays count as leaves. */
export function leaves(values: Values, prefix = ''): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key.replace(/\./g, '\\.')}` : key.replace(/\./g, '\\.');
    if (isPlainObject(value) && Object.keys(value).length > 0) out.push(...leaves(value, path));
    else out.push([path, value]);
  }
  return out;
}
