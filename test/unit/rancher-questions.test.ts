/**
 * The questions engine against real public Rancher questions files (test/fixtures/rancher-questions,
 * sources in its README) and against the Rancher dashboard's own visibility rules, ported in
 * test/helpers/rancher-dashboard.ts from rancher/dashboard shell/components/Questions/index.vue
 * @ 521966520c709a8f7653ad92e5a6f405cb5b5f5f (migrate, shouldShow, shouldShowSub, addQuestion) and
 * Question.js @ 442e44343a731c551e4f32a2b7547a6c18d5557d (a shown question takes its default when
 * its value is undefined; boolean defaults given as strings become booleans).
 *
 * For every file, every answer set of a sweep (nothing; each boolean true and false; each enum
 * option) must give the same visible variables as the dashboard would show once the form settles.
 */
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseYaml} from '../../src/adapters/files.js';
import {evaluateQuestions} from '../../src/core/questions/evaluate.js';
import {lintQuestions} from '../../src/core/questions/lint.js';
import {hasFatalProblems, parseQuestions} from '../../src/core/questions/parse.js';
import type {QuestionFile} from '../../src/core/questions/types.js';
import {type RawQuestion, dashboardVisible, settledValues} from '../helpers/rancher-dashboard.js';

const DIR = join(import.meta.dirname, '../fixtures/rancher-questions');
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith('.yml'));

function load(name: string, text = readFileSync(join(DIR, name), 'utf8')) {
  const yaml = parseYaml(text, name, {what: 'questions file', mapping: false, rancher: true});
  const file = parseQuestions(yaml.value, {source: name, locate: yaml.locate, notes: yaml.warnings});
  return {file, raw: (yaml.value as {questions: RawQuestion[]}).questions};
}

type Raw = RawQuestion & {type?: string; options?: unknown; default?: unknown};

/** Answer sets that exercise every boolean and enum of the file. */
function sweep(raw: readonly Raw[]): Array<Record<string, unknown>> {
  const sets: Array<Record<string, unknown>> = [{}];
  const walk = (list: readonly Raw[]): void => {
    for (const question of list) {
      if (question.type === 'boolean') sets.push({[question.variable]: true}, {[question.variable]: false});
      if (question.type === 'enum' && Array.isArray(question.options))
        for (const option of question.options) sets.push({[question.variable]: option ?? ''});
      walk((question.subquestions ?? []) as Raw[]);
    }
  };
  walk(raw);
  return sets;
}

/** Dotted answers as nested values (what both the engine and the dashboard read). */
function nested(answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(answers)) {
    let node = out;
    const keys = path.split('.');
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = value;
  }
  return out;
}

function agree(file: QuestionFile, raw: readonly Raw[], answers: Record<string, unknown>): void {
  const values = nested(answers);
  const ours = [...new Set(evaluateQuestions(file, {answers: values}).visible)].sort();
  const theirs = [...new Set(dashboardVisible(raw, settledValues(raw, values)))].sort();
  expect(ours, JSON.stringify(answers)).toEqual(theirs);
}

describe.each(FIXTURES)('real questions file %s', (name) => {
  const {file, raw} = load(name);

  it('is read without errors', () => {
    expect(hasFatalProblems(file), JSON.stringify(file.problems)).toBe(false);
    expect(lintQuestions(file).filter((item) => item.severity === 'error')).toEqual([]);
  });

  it('shows what the Rancher dashboard shows, for every answer of the sweep', () => {
    for (const answers of sweep(raw as Raw[])) agree(file, raw as Raw[], answers);
  });
});

describe('real files: what the engine accepts and says about them', () => {
  it('an enum without options (cetic/helm-fadi) is asked as text, with a warning', () => {
    const {file} = load('cetic-helm-fadi.questions.yml');
    expect(file.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        variable: 'adminer.ingress.host',
        message: 'an enum question without options: Rancher shows an empty list',
      }),
    );
    const result = evaluateQuestions(file, {answers: {adminer: {enabled: true, ingress: {host: 'a.example.com'}}}});
    expect(result.errors).toEqual([]);
    expect(result.values).toMatchObject({adminer: {ingress: {host: 'a.example.com'}}});
  });

  it('booleans whose defaults are strings ("false"), nested show_subquestion_if: false (epinio)', () => {
    const {file} = load('rancher-charts-epinio-103.0.2.questions.yml');
    const visible = (answers: Record<string, unknown>) => evaluateQuestions(file, {answers}).visible;
    expect(visible({})).toContain('global.tlsIssuer');
    expect(visible({})).not.toContain('global.customTlsIssuer');
    expect(visible({useCustomTlsIssuer: true})).toContain('global.customTlsIssuer');
    expect(visible({useCustomTlsIssuer: true})).not.toContain('global.tlsIssuer');
    expect(visible({minio: {enabled: true}})).not.toContain('s3.endpoint');
    expect(visible({minio: {enabled: false}, s3gw: {enabled: false}})).toContain('s3.endpoint');
  });
});

/**
 * Constructs the issue names, written here because no public file with them turned up in the
 * search index (see the fixtures README); each is also checked against the dashboard port.
 */
describe('constructs Rancher accepts that a strict reader refused', () => {
  it('a multi-line quoted string whose continuation line is less indented (go-yaml accepts it)', () => {
    const text = [
      'questions:',
      '- variable: mode',
      '  label: Mode',
      '  description: "The mode this chart runs in;',
      '  see the docs for what each does"',
      '  type: enum',
      '  options:',
      '  - Some value (note)',
      '  - other',
      '  - null',
      '- variable: detail',
      '  label: Detail',
      '  show_if: mode=Some value (note)',
      '- variable: auth.existingSecret',
      '  label: Existing Secret',
      '  show_if: "auth.password="',
      '- variable: auth.password',
      '  label: Password',
      '  type: password',
      '  show_if: "auth.existingSecret="',
      '',
    ].join('\n');
    const {file, raw} = load('synthetic.yml', text);
    expect(hasFatalProblems(file)).toBe(false);
    expect(file.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        where: 'synthetic.yml:5',
        message: expect.stringMatching(/go-yaml/),
      }),
    ]);
    expect(file.questions[0]?.description).toBe('The mode this chart runs in; see the docs for what each does');
    expect(file.questions[0]?.options?.map((option) => option.value)).toEqual(['Some value (note)', 'other', '']);
    expect(lintQuestions(file)).toEqual([]);
    for (const answers of [
      {},
      {mode: 'Some value (note)'},
      {mode: 'other'},
      {mode: ''},
      {'auth.password': 'p'},
      {'auth.existingSecret': 's'},
      {'auth.password': 'p', 'auth.existingSecret': 's'},
    ])
      agree(file, raw as Raw[], answers);
    expect(evaluateQuestions(file, {answers: {mode: 'Some value (note)'}}).visible).toContain('detail');
  });
});

describe('where dashboard releases evaluate differently, check warns', () => {
  const text = [
    'questions:',
    '- {variable: n, label: N}',
    '- {variable: quoted, label: Q, show_if: \'n="a b"\'}',
    '- {variable: grouped, label: G, show_if: (n=a||n=b)&&n!=c}',
    '- {variable: negated, label: X, show_if: n!=x}',
  ].join('\n');
  const {file, raw} = load('differences.yml', text);
  const warnings = lintQuestions(file).map((item) => `${item.variable}: ${item.message}`);

  it.each([
    ['quoted', {n: 'zzz'}, false, /keeps the quotes/],
    ['grouped', {n: 'zzz'}, false, /does not group with parentheses/],
    ['negated', {n: 'x'}, false, /misread !=/],
  ])('%s', (variable, answers, shownHere, warning) => {
    expect(evaluateQuestions(file, {answers}).visible.includes(variable)).toBe(shownHere);
    // The dashboard cannot evaluate it (the greedy release for !=) and shows the question.
    const greedy = variable === 'negated';
    expect(dashboardVisible(raw as Raw[], answers, greedy)).toContain(variable);
    expect(warnings.filter((item) => item.startsWith(`${variable}:`)).join('\n')).toMatch(warning);
  });
});
