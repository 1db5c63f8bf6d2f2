import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import type {Values} from './paths.js';
import {validateSchema} from './schema.js';

const paths = (values: unknown, schema: Values): string[] =>
  validateSchema(values, schema).violations.map((item) => `${item.keyword}:${item.path}`);

describe('validateSchema (the JSON-schema subset charts use)', () => {
  it('the chart defaults satisfy the chart schema', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../charts/buntime/values.schema.json', import.meta.url), 'utf8'),
    ) as Values;
    const defaults = parse(readFileSync(new URL('../../../charts/buntime/values.yaml', import.meta.url), 'utf8'));
    expect(validateSchema(defaults, schema)).toEqual({violations: [], skipped: []});
  });

  it('types (integer is a number without fraction), enum, const', () => {
    const schema: Values = {
      type: 'object',
      properties: {
        a: {type: 'integer'},
        b: {type: ['string', 'null']},
        c: {enum: ['x', 'y']},
        d: {const: 3},
        e: {type: 'number'},
      },
    };
    expect(paths({a: 1.5, b: 2, c: 'z', d: 4, e: 1}, schema)).toEqual(['type:a', 'type:b', 'enum:c', 'const:d']);
    expect(paths({a: 3, b: null, c: 'x', d: 3, e: 0.5}, schema)).toEqual([]);
  });

  it('objects: required, additionalProperties, patternProperties, min/maxProperties', () => {
    const schema: Values = {
      type: 'object',
      required: ['name'],
      properties: {name: {type: 'string'}},
      patternProperties: {'^x-': {type: 'string'}},
      additionalProperties: false,
      maxProperties: 3,
    };
    expect(paths({'x-a': 1, other: 1}, schema)).toEqual(['required:name', 'type:x-a', 'additionalProperties:other']);
    expect(paths({name: 'n', 'x-a': 'v', 'x-b': 'w', 'x-c': 'z'}, schema)).toEqual(['maxProperties:']);
  });

  it('arrays: items, prefixItems, min/maxItems, uniqueItems', () => {
    const schema: Values = {type: 'array', items: {type: 'string', minLength: 2}, maxItems: 3, uniqueItems: true};
    expect(paths(['ab', 'a', 'ab', 'cd'], schema)).toEqual(['maxItems:', 'uniqueItems:[2]', 'minLength:[1]']);
    expect(paths([1, 'x'], {type: 'array', prefixItems: [{type: 'number'}], items: {type: 'boolean'}})).toEqual([
      'type:[1]',
    ]);
  });

  it('numbers and strings: bounds (draft 4 and 6+ exclusives), multipleOf, lengths in code points, patterns', () => {
    expect(paths(5, {minimum: 5, exclusiveMinimum: true})).toEqual(['minimum:']);
    expect(paths(5, {exclusiveMaximum: 5})).toEqual(['exclusiveMaximum:']);
    expect(paths(0.3, {multipleOf: 0.1})).toEqual([]);
    expect(paths(7, {multipleOf: 2})).toEqual(['multipleOf:']);
    expect(paths('😀😀', {maxLength: 2})).toEqual([]);
    expect(paths('abc', {pattern: '^a'})).toEqual([]);
    expect(paths('abc', {pattern: 'c$', description: 'ends in c'})).toEqual([]);
    expect(validateSchema('abd', {pattern: 'c$', description: 'ends in c'}).violations[0]).toMatchObject({
      keyword: 'pattern',
      description: 'ends in c',
      pattern: 'c$',
    });
  });

  it('allOf, anyOf, oneOf, not, if/then/else and local $ref', () => {
    const schema: Values = {
      definitions: {port: {type: 'integer', minimum: 1, maximum: 65535}},
      type: 'object',
      properties: {
        port: {$ref: '#/definitions/port'},
        any: {anyOf: [{type: 'string'}, {type: 'integer'}]},
        one: {oneOf: [{type: 'integer'}, {minimum: 0}]},
        not: {not: {type: 'string'}},
        // biome-ignore lint/suspicious/noThenProperty: JSON schema's if/then/else keyword, not a promise
        cond: {if: {type: 'string'}, then: {minLength: 3}, else: {minimum: 10}},
      },
    };
    expect(paths({port: 0, any: true, one: 5, not: 's', cond: 'ab'}, schema)).toEqual([
      'minimum:port',
      'anyOf:any',
      'oneOf:one',
      'not:not',
      'minLength:cond',
    ]);
    expect(paths({port: 80, any: 'a', one: -1, not: 1, cond: 12}, schema)).toEqual([]);
  });

  it('a pattern the safe matcher cannot run is skipped and reported, never run on a backtracking engine', () => {
    const result = validateSchema('aaaa', {pattern: '^(a)\\1$'});
    expect(result.violations).toEqual([]);
    expect(result.skipped[0]).toMatch(/back-references/);
  });

  it('stops at 200 violations', () => {
    const values = Object.fromEntries(Array.from({length: 1000}, (_, index) => [`k${index}`, 1]));
    expect(validateSchema(values, {additionalProperties: false}).violations).toHaveLength(200);
  });
});
