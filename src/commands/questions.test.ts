import {readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {main} from '../cli.js';
import {captureIo} from '../../test/helpers/io.js';
import {scratchDir} from '../../test/helpers/scratch.js';

const CHART_DIR = fileURLToPath(new URL('../../test/fixtures/chart', import.meta.url));
const REAL_CHART = fileURLToPath(new URL('../../charts/buntime', import.meta.url));

async function run(argv: string[], files: Record<string, string> = {}) {
  const dir = scratchDir('bd-questions-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const io = captureIo({cwd: dir});
  const code = await main(argv, io);
  return {code, out: io.out(), err: io.err(), files: readdirSync(dir).sort()};
}

const QUESTIONS = `
questions:
  - variable: mode
    label: Mode
    type: enum
    options: [local, sync]
    default: local
  - variable: url
    label: URL
    required: true
    show_if: mode=sync||force=true
  - variable: size
    label: Size
    type: int
    min: 0
    max: 10
    default: 1
  - variable: token
    label: Token
    type: password
`;

describe('questions eval --json (the documented contract)', () => {
  it('exit 0: visible in display order, hidden, values after defaults, no errors', async () => {
    const result = await run(['questions', 'eval', 'q.yml', '--answers', 'a.yaml', '--json'], {
      'q.yml': QUESTIONS,
      'a.yaml': 'mode: sync\nurl: https://x\ntoken: secret-token\n',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      visible: ['mode', 'url', 'size', 'token'],
      hidden: [],
      values: {mode: 'sync', url: 'https://x', size: 1, token: '••••••••'},
      errors: [],
    });
  });

  it('exit 1: every answer error with a documented reason', async () => {
    const result = await run(['questions', 'eval', 'q.yml', '--answers', 'a.yaml', '--json'], {
      'q.yml': QUESTIONS,
      'a.yaml': 'mode: sync\nsize: 11\n',
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {errors: Array<{variable: string; reason: string; message: string}>};
    expect(Object.keys(report)).toEqual(['visible', 'hidden', 'values', 'errors']);
    expect(report.errors.map(({variable, reason}) => [variable, reason])).toEqual([
      ['url', 'required'],
      ['size', 'above_max'],
    ]);
    for (const error of report.errors) expect(Object.keys(error)).toEqual(['variable', 'reason', 'message']);
  });

  it('hides and drops what show_if hides, including || conditions', async () => {
    const result = await run(['questions', 'eval', 'q.yml', '--answers', 'a.yaml', '--json'], {
      'q.yml': QUESTIONS,
      'a.yaml': 'url: https://x\n',
    });
    expect(JSON.parse(result.out)).toMatchObject({hidden: ['url'], values: {mode: 'local', size: 1}});
    const forced = await run(['questions', 'eval', 'q.yml', '--answers', 'a.yaml', '--json'], {
      'q.yml': QUESTIONS,
      'a.yaml': 'force: true\nurl: https://y\n',
    });
    expect(JSON.parse(forced.out)).toMatchObject({
      visible: ['mode', 'url', 'size', 'token'],
      values: {url: 'https://y', force: true},
    });
  });

  it('uses the chart values as the base with --chart', async () => {
    const result = await run(
      ['questions', 'eval', join(CHART_DIR, 'questions.yml'), '--answers', 'a.yaml', '--chart', CHART_DIR, '--json'],
      {'a.yaml': 'tursoServer:\n  enabled: true\n'},
    );
    const report = JSON.parse(result.out) as {visible: string[]; values: {tursoServer: {persistence: {size: string}}}};
    expect(report.visible).toContain('tursoServer.authToken');
    expect(report.values.tursoServer.persistence.size).toBe('5Gi');
  });

  it('human output lists groups, sources and errors', async () => {
    const result = await run(['questions', 'eval', 'q.yml', '--answers', 'a.yaml'], {
      'q.yml': QUESTIONS,
      'a.yaml': 'mode: sync\ntoken: secret-token\n',
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('✖ url = null (none) — required');
    expect(result.out).toContain('token = ••••••••');
    expect(result.out).not.toContain('secret-token');
  });
});

describe('questions check', () => {
  it('passes the real chart questions against its values.yaml', async () => {
    const result = await run(['questions', 'check', join(REAL_CHART, 'questions.yml'), '--chart', REAL_CHART]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/\d+ question\(s\) in \d+ group\(s\); 0 error\(s\), 0 warning\(s\)/);
  });

  it('--json lists problems and exits 2 on errors, 0 on warnings only', async () => {
    const bad = await run(['questions', 'check', 'q.yml', '--json'], {
      'q.yml': 'questions:\n  - {variable: a, label: A, type: text}\n',
    });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toMatchObject({
      ok: false,
      questions: 1,
      problems: [{severity: 'error', where: 'q.yml:2:5', variable: 'a'}],
    });
    const warn = await run(['questions', 'check', 'q.yml', '--json'], {
      'q.yml': 'questions:\n  - {variable: a, label: A, tooltipp: x}\n',
    });
    expect(warn.code).toBe(0);
    expect(JSON.parse(warn.out)).toMatchObject({
      ok: true,
      problems: [{severity: 'warning', hint: "Did you mean 'tooltip'?"}],
    });
  });

  it('reads YAML Rancher accepts but the yaml library refuses, and says so', async () => {
    const result = await run(['questions', 'check', 'q.yml'], {
      'q.yml': 'questions:\n- variable: a\n  label: A\n  description: "first line\n  second line"\n',
    });
    expect(result.code).toBe(0);
    expect(result.err).toContain('q.yml:5');
    expect(result.err).toMatch(/not indented past its key.*go-yaml/);
    expect(result.out).toMatch(/1 question\(s\).*0 error\(s\), 1 warning\(s\)/);
  });
});
