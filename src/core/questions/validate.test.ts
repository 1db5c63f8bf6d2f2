import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {parseQuestions} from './parse.js';
import type {Question} from './types.js';
import {checkAnswer, validateValue} from './validate.js';

function question(fields: string): Question {
  const file = parseQuestions(parse(`questions:\n  - {variable: v, label: V, ${fields}}`), {source: 'q.yml'});
  const [first] = file.questions;
  if (!first || file.problems.some((problem) => problem.severity === 'error'))
    throw new Error(JSON.stringify(file.problems));
  return first;
}

describe('checkAnswer (coerce + validate), one row per rule', () => {
  it.each([
    // required
    ['required: true', '', 'required'],
    ['required: true', undefined, 'required'],
    ['required: true, type: int', '', 'required'],
    ['required: true, type: int', '  ', 'required'],
    ['required: true, type: boolean', null, 'required'],
    ['required: true, type: boolean', false, undefined],
    ['required: true', 'x', undefined],
    ['required: true, type: password', '', 'required'],
    // int / float types
    ['type: int', '3', undefined],
    ['type: int', 3, undefined],
    ['type: int', '-3', undefined],
    ['type: int', '3.5', 'type'],
    ['type: int', 3.5, 'type'],
    ['type: int', 'abc', 'type'],
    ['type: int', true, 'type'],
    ['type: int', [1], 'type'],
    ['type: float', '0.5', undefined],
    ['type: float', '1e3', undefined],
    ['type: float', 'x1', 'type'],
    // min / max, including 0 (which Rancher ignores)
    ['type: int, min: 0', -1, 'below_min'],
    ['type: int, min: 0', 0, undefined],
    ['type: int, max: 0', 1, 'above_max'],
    ['type: int, max: 0', 0, undefined],
    ['type: int, min: 1, max: 10', 11, 'above_max'],
    ['type: int, min: 1, max: 10', '0', 'below_min'],
    ['type: float, min: 0.5', 0.4, 'below_min'],
    // empty optional values skip range checks
    ['type: int, min: 5', '', undefined],
    ['type: int, min: 5', undefined, undefined],
    ['min_length: 3', '', undefined],
    ['valid_chars: a-z', '', undefined],
    // booleans
    ['type: boolean', 'true', undefined],
    ['type: boolean', 'FALSE', undefined],
    ['type: boolean', 'yes', 'type'],
    ['type: boolean', 1, 'type'],
    // enums
    ['type: enum, options: [a, b]', 'a', undefined],
    ['type: enum, options: [a, b]', 'c', 'option'],
    ['type: enum, options: {x: X, y: Y}', 'X', 'option'],
    ['type: enum, options: {x: X, y: Y}', 'y', undefined],
    ['type: enum, options: [1, 2]', '2', undefined],
    ['type: enum, options: [a]', {a: 1}, 'type'],
    // lengths
    ['min_length: 3', 'ab', 'too_short'],
    ['min_length: 3', 'abc', undefined],
    ['max_length: 3', 'abcd', 'too_long'],
    ['max_length: 0', 'a', 'too_long'],
    ['max_length: 3', 'äöü', undefined],
    ['type: password, max_length: 3', 'abcd', 'too_long'],
    // character classes apply to every character
    ['valid_chars: a-z', 'abc', undefined],
    ['valid_chars: a-z', 'ABCa', 'invalid_chars'],
    ['valid_chars: a-z', 'abc1', 'invalid_chars'],
    ['valid_chars: "[a-z0-9]"', 'ab9', undefined],
    ['valid_chars: "[a-z0-9]"', 'ab-9', 'invalid_chars'],
    ['valid_chars: "a-z0-9.-"', 'my-host.example', undefined],
    ['invalid_chars: " /"', 'a b', 'invalid_chars'],
    ['invalid_chars: " /"', 'a/b', 'invalid_chars'],
    ['invalid_chars: " /"', 'ab', undefined],
    ['valid_chars: "^[a-z]+$"', 'abc', undefined],
    ['valid_chars: "^[a-z]+$"', 'ab1', 'invalid_chars'],
    ['invalid_chars: "^admin$"', 'admin', 'invalid_chars'],
    // hostname type
    ['type: hostname', 'buntime.example.com', undefined],
    ['type: hostname', '*.example.com', undefined],
    ['type: hostname', 'Buntime.example.com', 'type'],
    ['type: hostname', 'https://x.example.com', 'type'],
    ['type: hostname', 'a..b', 'type'],
    ['type: hostname', '10.0.0.1', 'type'],
    ['type: hostname', 'x.*.com', 'type'],
    ['type: hostname', '-x.com', 'type'],
    // strings accept YAML numbers and keep them as text
    ['type: string', 1.1, undefined],
    ['type: string', {a: 1}, 'type'],
    ['type: multiline', 'a\nb', undefined],
    // unknown types run as text but accept structured values (yaml, array[string])
    ['type: yaml', {a: 1}, undefined],
    ['type: "array[string]"', ['a', 'b'], undefined],
    ['type: "array[string]", required: true', [], undefined],
  ] as const)('%s with %j → %s', (fields, raw, reason) => {
    const result = checkAnswer(question(fields), raw);
    expect(result.error?.reason).toBe(reason);
    if (result.error) {
      expect(result.error.variable).toBe('v');
      expect(result.error.message.length).toBeGreaterThan(5);
    }
  });

  it('stores the coerced value', () => {
    expect(checkAnswer(question('type: int'), ' 7 ').value).toBe(7);
    expect(checkAnswer(question('type: boolean'), 'True').value).toBe(true);
    expect(checkAnswer(question('type: string'), 1.1).value).toBe('1.1');
    expect(checkAnswer(question('type: enum, options: [1, 2]'), '2').value).toBe(2);
  });

  it('never echoes a password', () => {
    const error = checkAnswer(question('type: password, valid_chars: a-z'), 'Sup3rSecret').error;
    expect(error?.reason).toBe('invalid_chars');
    expect(error?.message).not.toMatch(/Sup3r|S|3/);
    expect(checkAnswer(question('type: password, min_length: 20'), 'Sup3rSecret').error?.message).not.toContain(
      'Sup3r',
    );
  });

  it('lists the offending characters', () => {
    expect(checkAnswer(question('valid_chars: a-z'), 'a b_c').error?.message).toContain("' ' (space), '_'");
  });

  it('re-validates values that come from the chart or a preset', () => {
    expect(validateValue(question('type: int, max: 5'), '9')?.reason).toBe('above_max');
  });
});
