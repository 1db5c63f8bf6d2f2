import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {lintQuestions} from './lint.js';
import {parseQuestions} from './parse.js';

const lint = (text: string, chartValues?: Record<string, unknown>) =>
  lintQuestions(parseQuestions(parse(text), {source: 'q.yml'}), chartValues ? {chartValues} : {}).map(
    (item) => `${item.severity}: ${item.message} ${item.hint ?? ''}`,
  );

describe('lintQuestions', () => {
  it('is silent for a clean file', () => {
    expect(
      lint(
        'questions:\n  - {variable: a, label: A, type: int, min: 0, max: 5, default: 0}\n  - {variable: b, label: B, show_if: a=1}',
        {a: 0, b: ''},
      ),
    ).toEqual([]);
  });

  it.each([
    ['questions:\n  - {variable: v, label: V, type: text}', /error: type 'text' is not supported/],
    ['questions:\n  - {variable: v, label: V, type: integer}', /Did you mean 'int'/],
    [
      'questions:\n  - {variable: v, label: V, type: int, default: abc}',
      /error: default "abc": expected a whole number/,
    ],
    [
      'questions:\n  - {variable: v, label: V, type: int, min: 1, max: 5, default: 9}',
      /error: default 9 is invalid: 9 is above the maximum 5/,
    ],
    ['questions:\n  - {variable: v, label: V, type: int, min: 0, default: -1}', /below the minimum 0/],
    [
      'questions:\n  - {variable: v, label: V, type: enum, options: [a, b], default: c}',
      /default "c": 'c' is not one of the options/,
    ],
    ['questions:\n  - {variable: v, label: V, max_length: 2, default: abc}', /too_long|at most 2/],
    ['questions:\n  - {variable: v, label: V, valid_chars: a-z, default: aB}', /contains 'B'/],
    ['questions:\n  - {variable: v, label: V, type: boolean, default: maybe}', /expected true or false/],
    ['questions:\n  - {variable: v, label: V, min: 1}', /warning: min\/max apply to int and float/],
    ['questions:\n  - {variable: v, label: V, type: int, max_length: 1}', /warning: length and character rules/],
    ['questions:\n  - {variable: v, label: V, options: [a]}', /warning: options are ignored/],
    ['questions:\n  - {variable: v, label: V, valid_chars: "^[a-z]+$"}', /warning: .* is a full regex/],
    [
      'questions:\n  - {variable: v, label: V, type: enum, options: [a, b], show_subquestion_if: c, subquestions: [{variable: w, label: W}]}',
      /error: show_subquestion_if 'c' is not one of the options/,
    ],
    ['questions:\n  - {variable: v, label: V, show_if: x=1}', /warning: show_if 'x=1' refers to 'x'.*pass --chart/],
    ['questions:\n  - {variable: vv, label: V}\n  - {variable: w, label: W, show_if: v=1}', /Did you mean 'vv'/],
    [
      'questions:\n  - {variable: a, label: A, show_if: b=1}\n  - {variable: b, label: B, show_if: a=1}',
      /^warning: show_if conditions read each other: a → b → a/,
    ],
    [
      'questions:\n  - {variable: m, label: M}\n  - {variable: v, label: V, show_if: m!=x}',
      /warning: show_if 'm!=x': some dashboard releases misread !=/,
    ],
    [
      'questions:\n  - {variable: m, label: M}\n  - {variable: v, label: V, show_if: (m=a||m=b)&&v=}',
      /does not group with parentheses.*rancher\/dashboard#14523/,
    ],
    [
      'questions:\n  - {variable: m, label: M}\n  - {variable: v, label: V, show_if: \'m="a b"\'}',
      /keeps the quotes as part of the value/,
    ],
    ['questions:\n  - {variable: m, label: M}\n  - {variable: v, label: V, show_if: m=a=b}', /the value contains =/],
    ['questions:\n  - {variable: m, label: M}\n  - {variable: v, label: V, show_if: m}', /a bare variable is a Jexl/],
    [
      'questions:\n  - {variable: m-n, label: M}\n  - {variable: v, label: V, show_if: m-n=a}',
      /contains '-'.*rancher\/dashboard#4706/,
    ],
  ])('%j', (text, expected) => {
    expect(lint(text).join('\n')).toMatch(expected);
  });

  it('passes two questions that each show while the other is empty, and a value with spaces and parentheses', () => {
    expect(
      lint(
        'questions:\n  - {variable: a.secret, label: A, show_if: "a.password="}\n  - {variable: a.password, label: P, show_if: "a.secret="}\n  - {variable: m, label: M, type: enum, options: [Some value (note), other]}\n  - {variable: n, label: N, show_if: m=Some value (note)}',
      ),
    ).toEqual([]);
  });

  it('checks against the chart values when given', () => {
    const values = {ingress: {host: '', annotations: {}}, persistence: {plugins: {accessMode: 'ReadWriteOnce'}}};
    expect(lint('questions:\n  - {variable: ingres.host, label: H}', values).join('\n')).toMatch(
      /error: variable 'ingres.host' is not in the chart's values.yaml.*Did you mean 'ingress.host'/,
    );
    expect(lint('questions:\n  - {variable: ingress.annotations.x, label: H}', values)).toEqual([]);
    expect(
      lint('questions:\n  - {variable: v, label: V, show_if: ingress.host!=}', {...values, v: ''}).filter((item) =>
        item.startsWith('error'),
      ),
    ).toEqual([]);
    expect(lint('questions:\n  - {variable: v, label: V, show_if: nope=1}', {...values, v: ''}).join('\n')).toMatch(
      /^error: show_if 'nope=1'/,
    );
    expect(
      lint(
        'questions:\n  - {variable: persistence.plugins.accessMode, label: M, type: enum, options: [ReadWriteOnce, ReadWriteMany], default: ReadWriteMany}',
        values,
      ).join('\n'),
    ).toMatch(/warning: default "ReadWriteMany" differs from values.yaml \("ReadWriteOnce"\)/);
  });

  it('never prints a password default', () => {
    expect(
      lint('questions:\n  - {variable: v, label: V, type: password, min_length: 20, default: hunter2}').join('\n'),
    ).not.toContain('hunter2');
  });
});
