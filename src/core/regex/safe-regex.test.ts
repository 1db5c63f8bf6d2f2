import {describe, expect, it} from 'vitest';
import {compileSafeRegex} from './safe-regex.js';

function test(pattern: string, text: string): boolean {
  const compiled = compileSafeRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.error}`);
  return compiled.regex.test(text);
}

// Patterns whose JavaScript meaning equals their RE2 meaning, so RegExp is the oracle.
const PATTERNS = [
  '^[0-9]+(\\.[0-9]+)?([EPTGMK]i|[EPTGMk])?$',
  '^$|^(\\*\\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
  '^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$',
  '^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|\\S+(\\s+\\S+){4})$',
  '^(/[A-Za-z0-9._~-]+)*$',
  '^[^,]+$',
  '^/',
  '^[0-9]+%?$',
  'a|b|',
  'x{2,3}y',
  'x{2}',
  'x{2,}',
  '(ab)*c',
  '\\bfoo\\b',
  '\\Bo',
  '^\\d\\w\\s\\D\\W\\S$',
  '[\\d.-]+',
  '[^a-c]',
  'a.c',
  '(?:a|bc)+$',
  '\\x41\\u0042',
  '^a*?b+?c??$',
  'é+',
  '^(a+)+$',
  '^((a|aa)+)+b$',
  '\\.',
  '[a-]',
];
const TEXTS = [
  '',
  'a',
  'abc',
  '10Gi',
  '1e3',
  '.5Gi',
  '+1Gi',
  'x.example.com',
  'Bad_SC',
  '0 2 * * *',
  '@daily',
  '/api',
  '/_/',
  'a,b',
  'aaaa',
  'xx',
  'xxxy',
  'ababc',
  'foo bar',
  'foobar',
  '1a b_-',
  'a\nc',
  'AB',
  'éé',
  'a{,2}',
  '100%',
  '30m',
  '1h30m',
  'aaab',
  'bc',
  'a-',
];

describe('safe regex', () => {
  it.each(PATTERNS)('agrees with RegExp on %s', (pattern) => {
    const oracle = new RegExp(pattern, 'u');
    for (const text of TEXTS)
      expect(test(pattern, text), `${pattern} on ${JSON.stringify(text)}`).toBe(oracle.test(text));
  });

  it('case folding with (?i) and (?i:…)', () => {
    expect(test('(?i)^abc$', 'AbC')).toBe(true);
    expect(test('^(?i:a)b$', 'Ab')).toBe(true);
    expect(test('^(?i:a)b$', 'AB')).toBe(false);
    expect(test('(?i)[a-c]+$', 'CAB')).toBe(true);
  });

  it('a brace that is not a repetition is a literal (as in RE2)', () => {
    expect(test('^a{,2}$', 'a{,2}')).toBe(true);
    expect(test('^a{x$', 'a{x')).toBe(true);
  });

  it('POSIX classes and named groups (RE2 syntax)', () => {
    expect(test('^[[:alpha:]]+$', 'abcXYZ')).toBe(true);
    expect(test('^[[:alpha:]]+$', 'abc1')).toBe(false);
    expect(test('^(?P<n>[[:digit:]]+)$', '123')).toBe(true);
  });

  it('runs the classic catastrophic patterns in linear time (a test that hangs fails by timeout)', () => {
    const long = `${'a'.repeat(100_000)}!`;
    expect(test('^(a+)+$', long)).toBe(false);
    expect(test('^(a|a)*$', long)).toBe(false);
    expect(test('^(a|aa)+b$', long)).toBe(false);
    expect(test('(x+x+)+y', 'x'.repeat(50_000))).toBe(false);
  });

  it.each([
    ['(a', "missing ')'"],
    ['a)', "unmatched ')'"],
    ['[a', "missing ']'"],
    ['*a', 'nothing to repeat'],
    ['(\\1)', 'back-references'],
    ['(?=a)', 'look-ahead'],
    ['(?<=a)', 'look-behind'],
    ['\\p{L}', 'Unicode classes'],
    ['a{1001}', 'repetition count'],
    ['[z-a]', 'out of order'],
    ['(a{1000}){1000}', 'too large'],
    [`${'('.repeat(300)}a${')'.repeat(300)}`, 'nested deeper'],
  ])('refuses %s (%s)', (pattern, reason) => {
    const compiled = compileSafeRegex(pattern);
    expect(compiled.ok).toBe(false);
    expect(compiled.ok ? '' : compiled.error).toContain(reason);
  });
});
