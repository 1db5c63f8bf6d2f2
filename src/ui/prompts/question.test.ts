import {screen} from '@inquirer/testing/vitest';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {screenShows} from '../../../test/helpers/inquirer-screen.js';
import type {PromptIo} from './ask.js';
import {askQuestion, storageClassLabel, type AnswerCheck, type AskableQuestion} from './question.js';

const io: PromptIo = {
  stdin: Object.assign(new PassThrough(), {isTTY: true}),
  stdout: new PassThrough(),
  interactive: true,
};
const ok: AnswerCheck = () => undefined;

function q(type: string, extra: Partial<AskableQuestion> = {}): AskableQuestion {
  return {variable: `x.${type}`, label: `Label ${type}`, type, required: false, group: 'G', ...extra};
}

describe('askQuestion', () => {
  it('boolean → confirm with the current value as default', async () => {
    const answer = askQuestion(io, q('boolean'), true, {}, ok);
    await screenShows('Label boolean (Y/n)');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(true);
  });

  it('enum → select with labels, values kept typed', async () => {
    const answer = askQuestion(
      io,
      q('enum', {
        options: [
          {value: 1, label: 'one'},
          {value: 2, label: 'two'},
        ],
      }),
      1,
      {},
      ok,
    );
    await screenShows('one (1)');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(2);
  });

  it('int → number prompt validated by the engine', async () => {
    const check: AnswerCheck = (_question, raw) => (Number(raw) > 5 ? 'at most 5' : undefined);
    const answer = askQuestion(io, q('int', {min: 0, max: 10}), 2, {}, check);
    screen.keypress('backspace');
    screen.type('7');
    screen.keypress('enter');
    await screenShows('at most 5');
    screen.keypress('backspace');
    screen.type('4');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(4);
  });

  it('password → hidden, empty keeps the current value', async () => {
    const answer = askQuestion(io, q('password'), 'old', {}, ok);
    await screenShows('empty keeps the current value');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('');
  });

  it('storageclass → picker with capabilities and the cluster default', async () => {
    const classes = [
      {name: 'local-path', provisioner: 'rancher.io/local-path', isDefault: true, rwx: 'no' as const},
      {name: 'nfs', provisioner: 'nfs.csi.k8s.io', isDefault: false, rwx: 'yes' as const},
    ];
    const answer = askQuestion(io, q('storageclass'), '', {storageClasses: classes}, ok);
    const shown = await screenShows('cluster default (local-path)');
    expect(shown).toContain('nfs — RWO+RWX (nfs.csi.k8s.io)');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('nfs');
  });

  it('storageclass offline → free text', async () => {
    const answer = askQuestion(io, q('storageclass'), 'fast', {}, ok);
    await screenShows('Label storageclass');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('fast');
  });

  it('secret → picker of existing Secrets, or none', async () => {
    const answer = askQuestion(io, q('secret'), '', {secrets: ['tls-a', 'tls-b']}, ok);
    await screenShows('(none)');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('tls-a');
  });

  it('hostname → text with validation', async () => {
    const check: AnswerCheck = (_question, raw) => (String(raw).includes('_') ? 'not a DNS name' : undefined);
    const answer = askQuestion(io, q('hostname'), '', {}, check);
    screen.type('bad_host');
    screen.keypress('enter');
    await screenShows('not a DNS name');
    for (let index = 0; index < 8; index++) screen.keypress('backspace');
    screen.type('good.example.com');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('good.example.com');
  });

  it('labels storage classes by capability', () => {
    expect(storageClassLabel({name: 'x', provisioner: 'p', isDefault: false, rwx: 'unknown'})).toBe(
      'x — RWO (RWX unknown) (p)',
    );
  });
});
