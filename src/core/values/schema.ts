/**
 * Validation against a chart's values.schema.json, the way helm does it before it renders anything,
 * so `render` and the Review refuse exactly what helm (or Rancher) would refuse — with the value
 * path, and before anything is written. A small validator for the JSON-schema vocabulary charts
 * use (draft 4–7 and 2019/2020 alike): type, enum, const, properties, patternProperties,
 * additionalProperties, required, items, min/maxItems, uniqueItems, min/maxLength, pattern,
 * minimum/maximum (and exclusive ones), multipleOf, min/maxProperties, allOf/anyOf/oneOf/not,
 * if/then/else and local $ref (#/definitions/…, #/$defs/…). Patterns run on the linear-time matcher
 * (core/regex): a chart's schema is user input too. Unknown keywords are ignored (helm still checks
 * them when it applies); a pattern the matcher cannot run is skipped and reported in `skipped`.
 */
import {compileSafeRegex} from '../regex/safe-regex.js';
import {isPlainObject, type Values} from './paths.js';

export interface SchemaViolation {
  /** Value path as the rest of the CLI writes it: `a.b[0].c` (dots in keys escaped). */
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
  /** The schema's `description` at that node, when it has one (a good hint). */
  readonly description?: string;
  /** For `pattern`: the regular expression the value failed. */
  readonly pattern?: string;
}

export interface SchemaResult {
  readonly violations: readonly SchemaViolation[];
  /** Patterns that could not be checked (unsupported syntax), with the reason. */
  readonly skipped: readonly string[];
}

type Schema = Values | boolean;

const MAX_DEPTH = 400;
const MAX_VIOLATIONS = 200;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (isPlainObject(value)) return 'object';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** A value for a message: short, and JSON so "1" and 1 read differently. */
export function shortValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

function joinKey(path: string, key: string): string {
  const escaped = key.replace(/\./g, '\\.');
  return path === '' ? escaped : `${path}.${escaped}`;
}

class Validator {
  readonly violations: SchemaViolation[] = [];
  readonly skipped = new Set<string>();

  constructor(private readonly root: Values) {}

  private resolve(ref: string): Schema | undefined {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.root;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return isPlainObject(node) || typeof node === 'boolean' ? node : undefined;
  }

  private pattern(source: string): ((text: string) => boolean) | undefined {
    const compiled = compileSafeRegex(source);
    if (compiled.ok) return (text) => compiled.regex.test(text);
    this.skipped.add(`${source}: ${compiled.error}`);
    return undefined;
  }

  /** True when `value` satisfies `schema` (used for anyOf/oneOf/not/if without collecting). */
  private passes(value: unknown, schema: Schema, depth: number): boolean {
    const probe = new Validator(this.root);
    probe.check(value, schema, '', depth);
    for (const skipped of probe.skipped) this.skipped.add(skipped);
    return probe.violations.length === 0;
  }

  private add(path: string, keyword: string, message: string, schema: Values): void {
    if (this.violations.length >= MAX_VIOLATIONS) return;
    const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
    const pattern = keyword === 'pattern' && typeof schema['pattern'] === 'string' ? schema['pattern'] : undefined;
    this.violations.push({
      path,
      keyword,
      message,
      ...(description ? {description} : {}),
      ...(pattern ? {pattern} : {}),
    });
  }

  check(value: unknown, schema: Schema, path: string, depth: number): void {
    if (depth > MAX_DEPTH || this.violations.length >= MAX_VIOLATIONS) return;
    if (schema === true) return;
    if (schema === false) {
      this.add(path, 'false', 'is not allowed here', {});
      return;
    }
    const ref = schema['$ref'];
    if (typeof ref === 'string') {
      const target = this.resolve(ref);
      if (target !== undefined) this.check(value, target, path, depth + 1);
    }
    const types = schema['type'];
    if (typeof types === 'string' || Array.isArray(types)) {
      const list = (Array.isArray(types) ? types : [types]).filter((type): type is string => typeof type === 'string');
      if (list.length > 0 && !list.some((type) => hasType(value, type))) {
        this.add(path, 'type', `must be ${list.map(article).join(' or ')}, not ${article(typeOf(value))}`, schema);
        return;
      }
    }
    const choices = schema['enum'];
    if (Array.isArray(choices) && !choices.some((choice) => deepEqual(choice, value)))
      this.add(path, 'enum', `${shortValue(value)} is not one of ${choices.map(shortValue).join(', ')}`, schema);
    if (Object.hasOwn(schema, 'const') && !deepEqual(schema['const'], value))
      this.add(path, 'const', `must be ${shortValue(schema['const'])}`, schema);

    if (typeof value === 'string') this.checkString(value, schema, path);
    else if (typeof value === 'number') this.checkNumber(value, schema, path);
    else if (Array.isArray(value)) this.checkArray(value, schema, path, depth);
    else if (isPlainObject(value)) this.checkObject(value, schema, path, depth);

    const all = schema['allOf'];
    if (Array.isArray(all)) for (const part of all) if (isSchema(part)) this.check(value, part, path, depth + 1);
    const any = schema['anyOf'];
    if (
      Array.isArray(any) &&
      any.length > 0 &&
      !any.some((part) => isSchema(part) && this.passes(value, part, depth + 1))
    )
      this.add(path, 'anyOf', 'matches none of the forms the schema allows', schema);
    const one = schema['oneOf'];
    if (Array.isArray(one) && one.length > 0) {
      const matching = one.filter((part) => isSchema(part) && this.passes(value, part, depth + 1)).length;
      if (matching !== 1)
        this.add(
          path,
          'oneOf',
          matching === 0
            ? 'matches none of the forms the schema allows'
            : 'matches more than one of the forms the schema allows',
          schema,
        );
    }
    const not = schema['not'];
    if (isSchema(not) && this.passes(value, not, depth + 1))
      this.add(path, 'not', 'has a form the schema forbids', schema);
    const condition = schema['if'];
    if (isSchema(condition)) {
      const branch = this.passes(value, condition, depth + 1) ? schema['then'] : schema['else'];
      if (isSchema(branch)) this.check(value, branch, path, depth + 1);
    }
  }

  private checkString(value: string, schema: Values, path: string): void {
    const length = [...value].length;
    const min = schema['minLength'];
    const max = schema['maxLength'];
    if (typeof min === 'number' && length < min)
      this.add(
        path,
        'minLength',
        min === 1 ? 'must not be empty' : `is ${length} characters long; at least ${min} needed`,
        schema,
      );
    if (typeof max === 'number' && length > max)
      this.add(path, 'maxLength', `is ${length} characters long; at most ${max} allowed`, schema);
    const pattern = schema['pattern'];
    if (typeof pattern === 'string') {
      const test = this.pattern(pattern);
      if (test && !test(value))
        this.add(path, 'pattern', `${shortValue(value)} is not in the form this value needs`, schema);
    }
  }

  private checkNumber(value: number, schema: Values, path: string): void {
    const minimum = schema['minimum'];
    const maximum = schema['maximum'];
    const exclusiveMin = schema['exclusiveMinimum'];
    const exclusiveMax = schema['exclusiveMaximum'];
    if (typeof minimum === 'number') {
      if (exclusiveMin === true ? value <= minimum : value < minimum)
        this.add(path, 'minimum', `${value} is below the minimum ${minimum}`, schema);
    }
    if (typeof maximum === 'number') {
      if (exclusiveMax === true ? value >= maximum : value > maximum)
        this.add(path, 'maximum', `${value} is above the maximum ${maximum}`, schema);
    }
    if (typeof exclusiveMin === 'number' && value <= exclusiveMin)
      this.add(path, 'exclusiveMinimum', `${value} must be greater than ${exclusiveMin}`, schema);
    if (typeof exclusiveMax === 'number' && value >= exclusiveMax)
      this.add(path, 'exclusiveMaximum', `${value} must be less than ${exclusiveMax}`, schema);
    const step = schema['multipleOf'];
    if (typeof step === 'number' && step > 0) {
      const ratio = value / step;
      if (Math.abs(ratio - Math.round(ratio)) > 1e-9)
        this.add(path, 'multipleOf', `${value} is not a multiple of ${step}`, schema);
    }
  }

  private checkArray(value: readonly unknown[], schema: Values, path: string, depth: number): void {
    const min = schema['minItems'];
    const max = schema['maxItems'];
    if (typeof min === 'number' && value.length < min)
      this.add(path, 'minItems', `has ${value.length} entries; at least ${min} needed`, schema);
    if (typeof max === 'number' && value.length > max)
      this.add(path, 'maxItems', `has ${value.length} entries; at most ${max} allowed`, schema);
    if (schema['uniqueItems'] === true) {
      const seen: unknown[] = [];
      value.forEach((item, index) => {
        if (seen.some((other) => deepEqual(other, item)))
          this.add(`${path}[${index}]`, 'uniqueItems', 'repeats an earlier entry', schema);
        seen.push(item);
      });
    }
    const items = schema['items'];
    const prefix = Array.isArray(schema['prefixItems'])
      ? schema['prefixItems']
      : Array.isArray(items)
        ? items
        : undefined;
    value.forEach((item, index) => {
      const itemSchema =
        prefix && index < prefix.length
          ? prefix[index]
          : prefix
            ? Array.isArray(items)
              ? schema['additionalItems']
              : items
            : items;
      if (isSchema(itemSchema)) this.check(item, itemSchema, `${path}[${index}]`, depth + 1);
    });
  }

  private checkObject(value: Values, schema: Values, path: string, depth: number): void {
    const keys = Object.keys(value);
    const required = schema['required'];
    if (Array.isArray(required))
      for (const key of required)
        if (typeof key === 'string' && !Object.hasOwn(value, key))
          this.add(joinKey(path, key), 'required', 'is required', schema);
    const min = schema['minProperties'];
    const max = schema['maxProperties'];
    if (typeof min === 'number' && keys.length < min)
      this.add(path, 'minProperties', `has ${keys.length} keys; at least ${min} needed`, schema);
    if (typeof max === 'number' && keys.length > max)
      this.add(path, 'maxProperties', `has ${keys.length} keys; at most ${max} allowed`, schema);
    const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
    const patterns = isPlainObject(schema['patternProperties'])
      ? Object.entries(schema['patternProperties']).flatMap(([source, sub]) => {
          const test = this.pattern(source);
          return test && isSchema(sub) ? [{test, sub}] : [];
        })
      : [];
    const additional = schema['additionalProperties'];
    for (const key of keys) {
      const child = value[key];
      const childPath = joinKey(path, key);
      let matched = false;
      const own = properties[key];
      if (Object.hasOwn(properties, key) && isSchema(own)) {
        matched = true;
        this.check(child, own, childPath, depth + 1);
      }
      for (const {test, sub} of patterns) {
        if (!test(key)) continue;
        matched = true;
        this.check(child, sub, childPath, depth + 1);
      }
      if (matched) continue;
      if (additional === false) this.add(childPath, 'additionalProperties', 'is not a value the schema allows', schema);
      else if (isPlainObject(additional)) this.check(child, additional, childPath, depth + 1);
    }
  }
}

function isSchema(value: unknown): value is Schema {
  return isPlainObject(value) || typeof value === 'boolean';
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  return names[type] ?? type;
}

/** Validates `values` against `schema`; at most 200 violations, in document order. */
export function validateSchema(values: unknown, schema: Values): SchemaResult {
  const validator = new Validator(schema);
  validator.check(values, schema, '', 0);
  return {violations: validator.violations, skipped: [...validator.skipped]};
}
