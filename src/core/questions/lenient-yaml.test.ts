import {parse, parseDocument} from 'yaml';
import {describe, expect, it} from 'vitest';
import {indentQuotedContinuations} from './lenient-yaml.js';

const strictErrors = (text: string) => parseDocument(text).errors.length;

describe('indentQuotedContinuations', () => {
  it('re-indents continuation lines of quoted strings that sit at or left of their key, keeping the value', () => {
    const text = [
      'questions:',
      '- variable: a',
      '  description: "first line',
      '  second line"',
      "  label: 'one",
      "two'",
      '- variable: b',
      '  description: "fine',
      '    already indented"',
    ].join('\n');
    expect(strictErrors(text)).toBeGreaterThan(0);
    const repaired = indentQuotedContinuations(text);
    expect(repaired.repairs).toEqual([{line: 4}, {line: 6}]);
    expect(strictErrors(repaired.text)).toBe(0);
    expect(parse(repaired.text)).toEqual({
      questions: [
        {variable: 'a', description: 'first line second line', label: 'one two'},
        {variable: 'b', description: 'fine already indented'},
      ],
    });
  });

  it('leaves block scalars, comments, escaped and doubled quotes alone', () => {
    const text = [
      'a: |',
      '  "not a quote start',
      'b: "say \\"hi\\"" # "comment',
      "c: 'it''s'",
      '- item: "x',
      '  y"',
    ].join('\n');
    const repaired = indentQuotedContinuations(text);
    expect(repaired.repairs).toEqual([{line: 6}]);
    expect(repaired.text.split('\n')[5]).toBe('   y"');
    expect(parseDocument(repaired.text.split('\n').slice(4).join('\n')).errors).toEqual([]);
  });
});
