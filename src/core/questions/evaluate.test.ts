import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {
  evaluateQuestions,
  nextQuestion,
  normalizeAnswers,
  visibleByGroup,
  withAnswer,
  withoutAnswer,
} from './evaluate.js';
import {parseQuestions} from './parse.js';

const read = (text: string) => {
  const file = parseQuestions(parse(text), {source: 'q.yml'});
  if (file.problems.some((problem) => problem.severity === 'error')) throw new Error(JSON.stringify(file.problems));
  return file;
};

/** A real-world style file: a database chart with nested subquestions, || and a forward reference. */
const DATABASE = read(`
questions:
  - variable: auth.enabled
    label: Enable auth
    type: boolean
    default: true
    group: Security
    show_subquestion_if: true
    subquestions:
      - variable: auth.password
        label: Password
        type: password
        required: true
        min_length: 8
      - variable: auth.provider
        label: Provider
        type: enum
        options: [internal, ldap]
        default: internal
        show_subquestion_if: ldap
        subquestions:
          - variable: auth.ldap.host
            label: LDAP host
            type: hostname
            required: true
          - variable: auth.ldap.port
            label: LDAP port
            type: int
            default: 389
            min: 1
            max: 65535
  - variable: replicas
    label: Replicas
    type: int
    default: 1
    min: 1
    max: 10
    group: Scaling
  - variable: storage.accessMode
    label: Access mode
    type: enum
    options: [ReadWriteOnce, ReadWriteMany]
    default: ReadWriteOnce
    group: Storage
    show_if: replicas!=1||cluster.multiNode=true
  - variable: sync.url
    label: Sync URL
    show_if: sync.mode=external&&(server.enabled=false||server.enabled=)
    group: Sync
  - variable: sync.mode
    label: Sync mode
    type: enum
    options: [none, external]
    default: none
    group: Sync
  - variable: server.enabled
    label: In-cluster server
    type: boolean
    default: false
    group: Sync
`);

describe('evaluateQuestions: visibility', () => {
  it('shows defaults-only visibility in display order (groups by first appearance)', () => {
    const result = evaluateQuestions(DATABASE, {answers: {auth: {password: 'longenough'}}});
    expect(result.visible).toEqual([
      'auth.enabled',
      'auth.password',
      'auth.provider',
      'replicas',
      'sync.mode',
      'server.enabled',
    ]);
    expect(result.hidden).toEqual(['auth.ldap.host', 'auth.ldap.port', 'storage.accessMode', 'sync.url']);
    expect(result.errors).toEqual([]);
  });

  it.each([
    [{auth: {enabled: false}}, ['auth.enabled', 'replicas', 'sync.mode', 'server.enabled']],
    [
      {auth: {password: 'longenough', provider: 'ldap', ldap: {host: 'ldap.example.com'}}},
      [
        'auth.enabled',
        'auth.password',
        'auth.provider',
        'auth.ldap.host',
        'auth.ldap.port',
        'replicas',
        'sync.mode',
        'server.enabled',
      ],
    ],
    [
      {'auth.enabled': 'false', replicas: '3'},
      ['auth.enabled', 'replicas', 'storage.accessMode', 'sync.mode', 'server.enabled'],
    ],
    [
      {auth: {enabled: false}, cluster: {multiNode: true}},
      ['auth.enabled', 'replicas', 'storage.accessMode', 'sync.mode', 'server.enabled'],
    ],
    // a show_if reading a LATER question (sync.mode, server.enabled come after sync.url)
    [
      {auth: {enabled: false}, sync: {mode: 'external'}},
      ['auth.enabled', 'replicas', 'sync.url', 'sync.mode', 'server.enabled'],
    ],
    [
      {auth: {enabled: false}, sync: {mode: 'external'}, server: {enabled: true}},
      ['auth.enabled', 'replicas', 'sync.mode', 'server.enabled'],
    ],
  ])('answers %j → visible %j', (answers, visible) => {
    expect(evaluateQuestions(DATABASE, {answers}).visible).toEqual(visible);
  });

  it('does not depend on the order of questions in the file', () => {
    const reversed = read(`
questions:
  - {variable: server.enabled, label: S, type: boolean, default: false, group: Sync}
  - {variable: sync.mode, label: M, type: enum, options: [none, external], default: none, group: Sync}
  - {variable: sync.url, label: U, group: Sync, show_if: "sync.mode=external&&(server.enabled=false||server.enabled=)"}
`);
    for (const answers of [
      {sync: {mode: 'external'}},
      {sync: {mode: 'none'}},
      {sync: {mode: 'external'}, server: {enabled: true}},
    ]) {
      const a = evaluateQuestions(DATABASE, {answers: {...answers, auth: {enabled: false}}});
      const b = evaluateQuestions(reversed, {answers});
      expect(b.visible.includes('sync.url')).toBe(a.visible.includes('sync.url'));
    }
  });

  it('evaluates show_if against values that have no question (from the base)', () => {
    const result = evaluateQuestions(DATABASE, {base: {cluster: {multiNode: true}}, answers: {auth: {enabled: false}}});
    expect(result.visible).toContain('storage.accessMode');
  });

  it('decides questions that read each other from the current answers, as the dashboard does', () => {
    // Each is shown while the other is empty (rancher/dashboard index.vue shouldShow reads values,
    // not the other question's visibility): no cycle, whatever the file order.
    const file = read(`
questions:
  - {variable: auth.existingSecret, label: Existing Secret, show_if: "auth.password="}
  - {variable: auth.password, label: Password, type: password, show_if: "auth.existingSecret="}
`);
    const visible = (answers: Record<string, unknown>) => evaluateQuestions(file, {answers}).visible;
    expect(visible({})).toEqual(['auth.existingSecret', 'auth.password']);
    expect(visible({auth: {existingSecret: 'creds'}})).toEqual(['auth.existingSecret']);
    expect(visible({auth: {password: 'longenough'}})).toEqual(['auth.password']);
    const both = evaluateQuestions(file, {answers: {auth: {existingSecret: 'creds', password: 'p'}}});
    expect(both.visible).toEqual([]);
    expect([...both.dropped].sort()).toEqual(['auth.existingSecret', 'auth.password']);
    // A value from the base (the live release, a preset) decides it the same way.
    expect(evaluateQuestions(file, {base: {auth: {password: 'old'}}}).visible).toEqual(['auth.password']);
  });

  it('uses the first visible question when a variable is asked twice with different conditions', () => {
    const file = read(`
questions:
  - {variable: mode, label: M, type: enum, options: [a, b], default: a}
  - {variable: size, label: Small size, type: int, max: 10, show_if: mode=a}
  - {variable: size, label: Big size, type: int, min: 100, show_if: mode=b}
`);
    expect(evaluateQuestions(file, {answers: {size: 50}}).errors.map((e) => e.reason)).toEqual(['above_max']);
    expect(evaluateQuestions(file, {answers: {mode: 'b', size: 50}}).errors.map((e) => e.reason)).toEqual([
      'below_min',
    ]);
    expect(evaluateQuestions(file, {answers: {mode: 'b', size: 150}}).values).toEqual({mode: 'b', size: 150});
  });
});

describe('evaluateQuestions: values', () => {
  it('writes answers at dotted paths with the question types', () => {
    const result = evaluateQuestions(DATABASE, {
      answers: {'auth.password': 'longenough', replicas: '3', 'storage.accessMode': 'ReadWriteMany', extra: {kept: 1}},
    });
    expect(result.values).toEqual({
      auth: {enabled: true, password: 'longenough', provider: 'internal'},
      replicas: 3,
      storage: {accessMode: 'ReadWriteMany'},
      sync: {mode: 'none'},
      server: {enabled: false},
      extra: {kept: 1},
    });
  });

  it('drops the answers of hidden questions (Rancher keeps them)', () => {
    const result = evaluateQuestions(DATABASE, {
      answers: {
        auth: {enabled: false, password: 'secretvalue', ldap: {host: 'x.example.com'}},
        sync: {url: 'http://x'},
      },
    });
    expect(result.values['auth']).toEqual({enabled: false, ldap: {}});
    expect(result.values['sync']).toEqual({mode: 'none'});
    expect([...result.dropped].sort()).toEqual(['auth.ldap.host', 'auth.password', 'sync.url']);
    expect(result.errors).toEqual([]);
  });

  it('layers answer > preset default > base value > question default', () => {
    const file = read(`
questions:
  - {variable: a, label: A, default: q}
  - {variable: b, label: B, default: q}
  - {variable: c, label: C, default: q}
  - {variable: d, label: D, default: q}
  - {variable: e, label: E}
`);
    const result = evaluateQuestions(file, {
      base: {a: 'base', b: 'base', c: 'base'},
      defaults: {a: 'preset', b: 'preset'},
      answers: {a: 'answer'},
    });
    expect(result.values).toEqual({a: 'answer', b: 'preset', c: 'base', d: 'q'});
    expect(result.states.map((state) => state.source)).toEqual(['answer', 'preset', 'base', 'default', 'none']);
  });

  it('reports every visible error with a documented reason', () => {
    const result = evaluateQuestions(DATABASE, {
      answers: {
        auth: {password: 'short', provider: 'ldap', ldap: {port: 70000}},
        replicas: 'many',
        sync: {mode: 'other'},
      },
    });
    expect(result.errors.map((error) => [error.variable, error.reason])).toEqual([
      ['auth.password', 'too_short'],
      ['auth.ldap.host', 'required'],
      ['auth.ldap.port', 'above_max'],
      ['replicas', 'type'],
      ['sync.mode', 'option'],
    ]);
  });

  it('keeps the raw value when it cannot be coerced, so the user sees what they wrote', () => {
    const result = evaluateQuestions(DATABASE, {answers: {auth: {enabled: false}, replicas: 'many'}});
    expect(result.values['replicas']).toBe('many');
  });

  it('normalises Rancher flat answers, keeping escaped dots', () => {
    expect(normalizeAnswers({'a.b': 1, 'c\\.d': 2, e: {f: 3}, 'e.g': 4})).toEqual({
      a: {b: 1},
      'c.d': 2,
      e: {f: 3, g: 4},
    });
  });
});

describe('driving the engine one question at a time (the wizard path)', () => {
  it('recomputes visibility after each answer and reaches the same values as one-shot evaluation', () => {
    const script: Record<string, unknown> = {
      'auth.enabled': true,
      'auth.password': 'longenough',
      'auth.provider': 'ldap',
      'auth.ldap.host': 'ldap.example.com',
      'auth.ldap.port': '636',
      replicas: '2',
      'storage.accessMode': 'ReadWriteMany',
      'sync.mode': 'external',
      'server.enabled': false,
      'sync.url': 'https://sync.example.com',
    };
    let input = {};
    const asked = new Set<string>();
    const order: string[] = [];
    for (let step = 0; step < 20; step++) {
      const state = nextQuestion(evaluateQuestions(DATABASE, input), asked);
      if (!state) break;
      asked.add(state.question.variable);
      order.push(state.question.variable);
      input = withAnswer(input, state.question.variable, script[state.question.variable]);
    }
    // sync.url sits before sync.mode in the file; it is asked as soon as sync.mode reveals it.
    expect(order).toEqual([
      'auth.enabled',
      'auth.password',
      'auth.provider',
      'auth.ldap.host',
      'auth.ldap.port',
      'replicas',
      'storage.accessMode',
      'sync.mode',
      'sync.url',
      'server.enabled',
    ]);
    const stepwise = evaluateQuestions(DATABASE, input);
    const oneShot = evaluateQuestions(DATABASE, {answers: script});
    expect(stepwise.values).toEqual(oneShot.values);
    expect(stepwise.errors).toEqual([]);
    expect(stepwise.values).toMatchObject({auth: {ldap: {port: 636}}, replicas: 2});
  });

  it('withoutAnswer falls back to the default', () => {
    const input = withoutAnswer(withAnswer({}, 'replicas', 5), 'replicas');
    expect(
      evaluateQuestions(DATABASE, {...input, answers: {...input.answers, auth: {enabled: false}}}).values['replicas'],
    ).toBe(1);
  });

  it('groups visible questions for sections', () => {
    const groups = visibleByGroup(evaluateQuestions(DATABASE, {answers: {auth: {enabled: false}}}));
    expect(groups.map((group) => [group.group, group.states.length])).toEqual([
      ['Security', 1],
      ['Scaling', 1],
      ['Sync', 2],
    ]);
  });
});
