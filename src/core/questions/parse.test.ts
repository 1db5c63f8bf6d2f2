import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {hasFatalProblems, parseQuestions} from './parse.js';

const read = (text: string) => parseQuestions(parse(text), {source: 'q.yml'});

describe('parseQuestions: every documented field', () => {
  const file = read(`
rancher_min_version: 2.6.0
rancher_max_version: 2.9.99
categories: [Runtime, Database]
namespace: zomme
labels: {io.rancher.certified: partner}
questions:
  - variable: a.b
    label: A B
    description: help
    type: INT
    required: "true"
    default: "5"
    group: Main
    min: 0
    max: "10"
  - variable: name
    label: Name
    min_length: 2
    max_length: 8
    valid_chars: a-z0-9-
    invalid_chars: "[_]"
    show_if: a.b=3||(x=1&&y!=)
  - variable: mode
    label: Mode
    type: enum
    options: {local: Local file, sync: Sync through a server}
    default: local
    group: main
    show_subquestion_if: sync
    subquestions:
      - variable: mode.url
        label: URL
        type: hostname
        subquestions:
          - variable: mode.url.port
            label: Port
            type: float
            default: 1.5
  - variable: flag
    label: Flag
    type: boolean
    default: "false"
    show_subquestions_if: true
    subquestions:
      - variable: flag.child
        label: Child
        group: Other
  - variable: choice
    label: Choice
    type: enum
    options: [1, 2, "three"]
    default: 2
`);

  it('has no problems', () => {
    expect(file.problems).toEqual([]);
  });

  it('reads file metadata', () => {
    expect(file.meta).toEqual({
      rancherMinVersion: '2.6.0',
      rancherMaxVersion: '2.9.99',
      categories: ['Runtime', 'Database'],
      namespace: 'zomme',
      labels: {'io.rancher.certified': 'partner'},
    });
  });

  it('coerces numbers, booleans and defaults to the question type', () => {
    const [ab] = file.questions;
    expect(ab).toMatchObject({
      variable: 'a.b',
      type: 'int',
      rawType: 'INT',
      required: true,
      default: 5,
      min: 0,
      max: 10,
      group: 'Main',
    });
    expect(file.all.find((q) => q.variable === 'flag')).toMatchObject({default: false, showSubquestionIf: true});
    expect(file.all.find((q) => q.variable === 'choice')).toMatchObject({
      default: 2,
      options: [
        {value: 1, label: '1'},
        {value: 2, label: '2'},
        {value: 'three', label: 'three'},
      ],
    });
    expect(file.all.find((q) => q.variable === 'mode.url.port')).toMatchObject({type: 'float', default: 1.5, depth: 2});
  });

  it('reads options given as a value → label map', () => {
    expect(file.all.find((q) => q.variable === 'mode')?.options).toEqual([
      {value: 'local', label: 'Local file'},
      {value: 'sync', label: 'Sync through a server'},
    ]);
  });

  it('keeps show_if source and parsed form, lengths and character rules', () => {
    const name = file.all.find((q) => q.variable === 'name');
    expect(name).toMatchObject({
      minLength: 2,
      maxLength: 8,
      validChars: 'a-z0-9-',
      invalidChars: '[_]',
      showIfSource: 'a.b=3||(x=1&&y!=)',
    });
    expect(name?.showIf?.kind).toBe('or');
  });

  it('groups case-insensitively in order of first appearance; subquestions inherit', () => {
    expect(file.groups).toEqual(['Main', '', 'Other']);
    expect(file.all.find((q) => q.variable === 'mode')?.group).toBe('Main');
    expect(file.all.find((q) => q.variable === 'mode.url')?.group).toBe('Main');
    expect(file.all.find((q) => q.variable === 'flag.child')?.group).toBe('Other');
  });

  it('flattens depth-first with parents first', () => {
    expect(file.all.map((q) => q.variable)).toEqual([
      'a.b',
      'name',
      'mode',
      'mode.url',
      'mode.url.port',
      'flag',
      'flag.child',
      'choice',
    ]);
  });
});

describe('parseQuestions: types', () => {
  it.each([
    ['string', 'string'],
    ['multiline', 'multiline'],
    ['boolean', 'boolean'],
    ['int', 'int'],
    ['float', 'float'],
    ['password', 'password'],
    ['hostname', 'hostname'],
    ['storageclass', 'storageclass'],
    ['pvc', 'pvc'],
    ['secret', 'secret'],
    ['text', 'string'],
    ['cloudcredential', 'string'],
    ['array[string]', 'string'],
    ['yaml', 'string'],
  ])('type %s runs as %s', (raw, type) => {
    const file = read(`questions:\n  - {variable: v, label: V, type: "${raw}"}`);
    expect(file.questions[0]).toMatchObject({type, rawType: raw});
    expect(hasFatalProblems(file)).toBe(false);
  });

  it('accepts an enum without options (Rancher shows an empty list) and null options, warning', () => {
    const file = read(
      'questions:\n  - {variable: v, label: V, type: enum}\n  - {variable: w, label: W, type: enum, options: [null, a]}\n  - {variable: x, label: X, type: enum, options: ~}',
    );
    expect(hasFatalProblems(file)).toBe(false);
    expect(file.problems.map((problem) => `${problem.severity}:${problem.variable}`)).toEqual([
      'warning:v',
      'warning:x',
    ]);
    expect(file.questions[1]?.options).toEqual([
      {value: '', label: ''},
      {value: 'a', label: 'a'},
    ]);
  });

  it('treats a missing type as string', () => {
    expect(read('questions:\n  - {variable: v, label: V}').questions[0]?.type).toBe('string');
  });
});

describe('parseQuestions: problems', () => {
  it.each([
    ['[]', /must be a mapping/],
    ['foo: 1', /questions: must be a list/],
    ['questions: {a: 1}', /must be a list/],
    ['questions: [1]', /must be a mapping/],
    ['questions:\n  - {label: x}', /no variable/],
    ['questions:\n  - {variable: "", label: x}', /no variable/],
    ['questions:\n  - {variable: v, label: x, type: [a]}', /type must be text/],
    ['questions:\n  - {variable: v, label: x, min: abc}', /min must be a number/],
    ['questions:\n  - {variable: v, label: x, type: int, min: 5, max: 1}', /min 5 is greater than max 1/],
    ['questions:\n  - {variable: v, label: x, min_length: 5, max_length: 1}', /min_length 5 is greater/],
    ['questions:\n  - {variable: v, label: x, min_length: -1}', /whole number/],
    ['questions:\n  - {variable: v, label: x, type: enum, options: 5}', /options must be a list/],
    ['questions:\n  - {variable: v, label: x, type: enum, options: [{a: 1}]}', /plain value/],
    ['questions:\n  - {variable: v, label: x, valid_chars: "z-a"}', /not a valid character class/],
    ['questions:\n  - {variable: v, label: x, show_if: "a=b&&"}', /does not parse/],
    ['questions:\n  - {variable: v, label: x, show_if: 5}', /must be a string/],
    ['questions:\n  - {variable: v, label: x, show_subquestion_if: [1]}', /must be true, false or a value/],
    ['questions:\n  - {variable: v, label: x, subquestions: {a: 1}}', /must be a list/],
    ['questions:\n  - {variable: v, label: x, required: maybe}', /required must be true or false/],
    ['questions:\n  - {variable: v, label: x, label2: y}', /unknown key 'label2'/],
    ['questions:\n  - {variable: v}', /no label/],
    ['questions:\n  - {variable: v, label: x, if: "a == 1"}', /Jexl/],
    ['question: []', /questions: must be a list/],
    ['questions: []\nrancher_min: 1', /unknown top-level key/],
    ['questions:\n  - {variable: v, label: x}\n  - {variable: v, label: y}', /asked twice/],
  ])('%j', (text, message) => {
    const file = read(text);
    const messages = file.problems.map((problem) => `${problem.message} ${problem.hint ?? ''}`).join('\n');
    expect(messages).toMatch(message);
  });

  it('accepts a trailing hyphen in a class body', () => {
    expect(read('questions:\n  - {variable: v, label: x, valid_chars: "a-"}').problems).toEqual([]);
  });

  it('names a location and a hint for typos', () => {
    const file = parseQuestions(parse('questions:\n  - {variable: v, label: x, show_iff: a=b}'), {
      source: 'q.yml',
      locate: (path) => `q.yml@${path.join('/')}`,
    });
    expect(file.problems[0]).toMatchObject({
      severity: 'warning',
      where: 'q.yml@questions/0/show_iff',
      hint: "Did you mean 'show_if'?",
    });
  });
});
