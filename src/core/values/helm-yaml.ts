import {stringify, type ParseOptions, type SchemaOptions, type DocumentOptions, type ToStringOptions} from 'yaml';
import type {Values} from './paths.js';

/**
 * Helm's YAML dialect, for reading and for writing. Helm reads values with sigs.k8s.io/yaml, which
 * is go-yaml v2 (YAML 1.1) followed by a JSON round trip: `yes`/`on`/`y` are true, `010` is 8,
 * `0o17` and `0x1F` are numbers, `1_000` is 1000, `<<` merge keys are resolved, dates and `1:20`
 * stay text, every number is a float64, and `.inf`/`.nan` are refused (JSON has no such number).
 * The `yaml` package's YAML 1.1 schema is close; the number rules below are go-yaml's own, so what
 * the rules check is what helm deploys (the differential test in test/helm/yaml-dialect.test.ts
 * holds both helms to it).
 */

const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(text, 0, 64), falling back to ParseUint as go-yaml does; undefined when neither parses. */
function goParseInt(text: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, body = ''] = match;
  let digits = body;
  if (/^0[0-7]+$/.test(body)) digits = `0o${body.slice(1)}`;
  const magnitude = BigInt(digits.replace(/^0([XOB])/, (_all, letter: string) => `0${letter.toLowerCase()}`));
  const value = sign === '-' ? -magnitude : magnitude;
  if (value < INT64_MIN || value > UINT64_MAX) return undefined;
  return value;
}

/** What go-yaml v2 makes of a plain scalar that starts like a number; undefined = it stays text. */
export function goYamlNumber(text: string): number | undefined {
  const first = text[0];
  if (first === '.') {
    if (!/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }
  if (first === undefined || !/[-+0-9]/.test(first)) return undefined;
  const plain = text.replace(/_/g, '');
  const integer = goParseInt(plain);
  if (integer !== undefined) return Number(integer);
  if (GO_FLOAT.test(plain)) {
    const value = Number(plain);
    // ParseFloat fails on overflow ("1e400"), and go-yaml then keeps the text.
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

/** A RegExp whose test() is go-yaml's number resolution (the `yaml` package calls only .test()). */
class GoNumberTest extends RegExp {
  constructor(private readonly integers: boolean) {
    super('');
  }
  override test(text: string): boolean {
    const value = goYamlNumber(text);
    return value !== undefined && Number.isInteger(value) === this.integers;
  }
}

type Tag = Exclude<NonNullable<SchemaOptions['customTags']>, (...args: never[]) => unknown>[number];

const goInt = {
  identify: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: new GoNumberTest(true),
  resolve: (text: string) => goYamlNumber(text) as number,
} as unknown as Tag;

const goFloat = {
  identify: (value: unknown) => typeof value === 'number' && !Number.isInteger(value),
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: new GoNumberTest(false),
  resolve: (text: string) => goYamlNumber(text) as number,
} as unknown as Tag;

/** YAML 1.1 as go-yaml v2 reads it: its own number rules, no sexagesimal numbers, no timestamps. */
function goYamlTags(tags: Tag[]): Tag[] {
  const kept = tags.filter((tag) => {
    const {tag: name, format, test} = tag as {tag?: string; format?: string; test?: RegExp};
    if (name === 'tag:yaml.org,2002:timestamp') return false;
    if (name === 'tag:yaml.org,2002:int') return false;
    // Keep only the .inf/.nan float tag (the values are then refused, as helm refuses them).
    if (name === 'tag:yaml.org,2002:float') return format !== 'TIME' && format !== 'EXP' && Boolean(test?.test('.nan'));
    return true;
  });
  const at = kept.findIndex((tag) => (tag as {tag?: string}).tag === 'tag:yaml.org,2002:float');
  kept.splice(at === -1 ? kept.length : at, 0, goInt, goFloat);
  return kept;
}

/** Options for parseDocument: helm's dialect, merge keys resolved. */
export const HELM_YAML_PARSE: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  customTags: goYamlTags,
};

const HELM_YAML_STRINGIFY: DocumentOptions & SchemaOptions & ToStringOptions = {
  version: '1.1',
  customTags: goYamlTags,
  lineWidth: 0,
};

/**
 * Values as YAML that helm (YAML 1.1) reads back exactly: strings such as "on", "yes", "0123" or
 * "0o17" stay quoted instead of turning into booleans or numbers. Every values file we write uses this.
 */
export function toHelmYaml(values: Values, header?: string): string {
  const body = Object.keys(values).length === 0 ? '{}\n' : stringify(values, HELM_YAML_STRINGIFY);
  return header ? `${header}\n${body}` : body;
}
