import {screen} from '@inquirer/testing/vitest';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {screenShows} from '../../../test/helpers/inquirer-screen.js';
import {CancelledError, UserError} from '../../core/errors.js';
import {askConfirm, askNumber, askSecret, askSelect, askText, type PromptIo} from './ask.js';

function io(interactive = true, signal?: AbortSignal): PromptIo {
  return {
    stdin: Object.assign(new PassThrough(), {isTTY: interactive}),
    stdout: new PassThrough(),
    interactive,
    signal,
  };
}

describe('prompts', () => {
  it('refuse to run without a terminal, naming what to pass instead', async () => {
    const error = await askSelect(
      io(false),
      {message: 'Action', choices: [{value: 'a', name: 'A'}]},
      {answer: '`--yes`'},
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('Cannot ask "Action": not running in a terminal.');
    expect((error as UserError).hint).toContain('Give it as `--yes` instead');
    expect((error as UserError).hint).toContain('-f answers.yaml --yes');
  });

  it('select: arrows + enter', async () => {
    const answer = askSelect(
      io(),
      {
        message: 'Storage class',
        choices: [
          {value: 'local-path', name: 'local-path (RWO)'},
          {value: 'nfs', name: 'nfs (RWX)'},
        ],
      },
      {answer: 'x'},
    );
    expect(screen.getScreen()).toContain('Storage class');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('nfs');
  });

  it('text: validation message, then the corrected answer', async () => {
    const answer = askText(
      io(),
      {message: 'Host', validate: (value) => (value.includes('.') ? true : 'Needs a dot')},
      {answer: 'ingress.host'},
    );
    screen.type('nodot');
    screen.keypress('enter');
    await screenShows('Needs a dot');
    screen.type('.example.com');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('nodot.example.com');
  });

  it('number: out of range is refused', async () => {
    const answer = askNumber(io(), {message: 'Replicas', default: 1, min: 1, max: 10}, {answer: 'replicaCount'});
    screen.keypress('backspace');
    screen.type('0');
    screen.keypress('enter');
    await screenShows('Value must be between 1 and 10');
    screen.keypress('backspace');
    screen.type('3');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(3);
  });

  it('secret: never echoed', async () => {
    const answer = askSecret(io(), {message: 'Secret key'}, {answer: 'x'});
    screen.type('s3cr3t-value');
    expect(screen.getScreen()).not.toContain('s3cr3t-value');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('s3cr3t-value');
    expect(await screen.getFullOutput()).not.toContain('s3cr3t-value');
  });

  it('confirm defaults to no', async () => {
    const answer = askConfirm(io(), {message: 'Apply?'}, {answer: '--yes'});
    screen.keypress('enter');
    await expect(answer).resolves.toBe(false);
  });

  it('Ctrl-C becomes CancelledError', async () => {
    const answer = askConfirm(io(), {message: 'Apply?'}, {answer: '--yes'});
    screen.keypress({name: 'c', ctrl: true});
    await expect(answer).rejects.toBeInstanceOf(CancelledError);
  });

  it('an aborted signal becomes CancelledError', async () => {
    const controller = new AbortController();
    const answer = askText(io(true, controller.signal), {message: 'Host'}, {answer: 'ingress.host'});
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('prompts wrap between words at the terminal width', () => {
  const narrow = (columns: number): PromptIo => ({...io(), stdout: Object.assign(new PassThrough(), {columns})});
  /** Every word of `text` appears whole on the screen, and no line is wider than `columns`. */
  function expectWrapped(screenText: string, text: string, columns: number): void {
    for (const line of screenText.split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
    const words = screenText.split(/\s+/);
    for (const word of text.split(' ')) expect(words, word).toContain(word);
  }

  it('message, choices and description of a select', async () => {
    const description =
      "Any conformant cluster — the chart defaults, with the cluster's default IngressClass and StorageClass.";
    const answer = askSelect(
      narrow(60),
      {
        message: 'Shared volumes /data/plugins and /data/apps (access modes can never change on a live PVC)',
        choices: [
          {
            value: 'nfs',
            name: 'nfs — ReadWriteMany (recommended: scaling out later needs no data migration)',
            description,
          },
          {value: 'local', name: 'local-path — ReadWriteOnce'},
        ],
      },
      {answer: 'x'},
    );
    const shown = await screenShows('StorageClass.');
    expectWrapped(shown, description, 60);
    expectWrapped(shown, 'nfs — ReadWriteMany (recommended: scaling out later needs no data migration)', 60);
    screen.keypress('enter');
    await expect(answer).resolves.toBe('nfs');
    // The answer line too: it goes under the message when it does not fit after it.
    expectWrapped(
      await screen.getFullOutput(),
      'Shared volumes /data/plugins and /data/apps nfs — ReadWriteMany (recommended: scaling out later needs no data migration)',
      60,
    );
  });

  it('the validation error of a text answer', async () => {
    const problem =
      "resources.limits.cpu '2Gb' is a memory size, not CPU: CPU is counted in cores (2, 0.5) or millicores (500m)";
    const answer = askText(
      narrow(60),
      {message: 'Runtime CPU Limit', validate: (value) => (value === '2' ? true : problem)},
      {answer: 'x'},
    );
    screen.type('2Gb');
    screen.keypress('enter');
    const shown = await screenShows('millicores');
    expectWrapped(shown, problem, 60);
    for (let i = 0; i < 3; i++) screen.keypress('backspace');
    screen.type('2');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('2');
  });
});
