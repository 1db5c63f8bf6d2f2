import {describe, expect, it} from 'vitest';
import {createStyle, stripAnsi} from './style.js';
import {textWidth, wrapCommand, wrapNotes, wrapWords} from './wrap.js';

describe('wrapWords', () => {
  it('breaks between words, never inside one, and every line fits', () => {
    const text =
      "Any conformant cluster — the chart defaults, with the cluster's default IngressClass and StorageClass.";
    const lines = wrapWords(text, 100 - 2);
    expect(lines).toEqual([
      "Any conformant cluster — the chart defaults, with the cluster's default IngressClass and",
      'StorageClass.',
    ]);
    for (const width of [20, 33, 60]) {
      const wrapped = wrapWords(text, width);
      for (const line of wrapped) expect(textWidth(line)).toBeLessThanOrEqual(width);
      expect(wrapped.join(' ')).toBe(text);
    }
  });

  it('keeps an indented paragraph indented, and existing line breaks', () => {
    expect(wrapWords('  ! Bucket turso-backups does not exist (the chart never creates it).\nnext', 30)).toEqual([
      '  ! Bucket turso-backups does',
      '  not exist (the chart never',
      '  creates it).',
      'next',
    ]);
    expect(wrapWords('• one two three four', 12, {indent: '  '})).toEqual(['• one two', '  three four']);
  });

  it('cuts only a word wider than the line', () => {
    expect(wrapWords('see /a/very/long/path/to/values.yaml now', 12)).toEqual([
      'see',
      '/a/very/long',
      '/path/to/val',
      'ues.yaml now',
    ]);
  });

  it('ignores colour codes when measuring and keeps them', () => {
    const style = createStyle(true);
    const lines = wrapWords(style.dim('  note: one two three four five'), 14);
    expect(lines.map(stripAnsi)).toEqual(['  note: one', '  two three', '  four five']);
    expect(lines[0]?.startsWith('\u001B[2m')).toBe(true);
  });
});

describe('wrapCommand', () => {
  it('continues a long command with backslashes between arguments', () => {
    const command =
      'helm upgrade --install buntime ./charts/buntime --namespace demo --create-namespace --values v.yaml --wait';
    const lines = wrapCommand(command, 40);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    expect(lines.map((line) => line.replace(/ \\$/, '').trim()).join(' ')).toBe(command);
    expect(wrapCommand('helm version', 40)).toEqual(['helm version']);
  });
});

describe('wrapWords keeps spacing', () => {
  it('keeps runs of spaces inside a line (aligned log columns) and drops them at a break', () => {
    expect(wrapWords('GET   /api   200', 40)).toEqual(['GET   /api   200']);
    expect(wrapWords('aaaa    bbbb', 6)).toEqual(['aaaa', 'bbbb']);
  });
});

describe('wrapNotes', () => {
  it('wraps commands in notes as commands (never inside quotes), and prose between words', () => {
    const command =
      "kubectl -n walk1 get secret buntime-credentials -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d";
    const notes = `2. Root key (RUNTIME_ROOT_KEY, full access; paste it in the cpanel):\n     ${command}`;
    const lines = wrapNotes(notes, 60);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    const start = lines.findIndex((line) => line.trim().startsWith('kubectl'));
    const wrapped = lines.slice(start);
    expect(wrapped.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    expect(wrapped.every((line) => line.startsWith('     '))).toBe(true);
    expect(wrapped.map((line) => line.replace(/ \\$/, '').trim()).join(' ')).toBe(command);
    expect(wrapCommand("echo 'a b c' and more words", 16)).toEqual(["echo 'a b c' \\", '  and more words']);
  });
});

describe('wrapCommand with an argument wider than the line', () => {
  it('keeps the continuation on the piece that ends the argument, never alone on a line', () => {
    const command = `/root/.cache/buntime-deploy-test/helm-v4.2.4/helm upgrade --install buntime ./chart`;
    const lines = wrapCommand(command, 40);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.every((line) => line.trim() !== '\\')).toBe(true);
    expect(lines.slice(0, -1).filter((line) => line.endsWith(' \\')).length).toBeGreaterThan(0);
  });
});
