import {screen} from '@inquirer/testing/vitest';
import {describe, expect, it} from 'vitest';
import {screenShows} from '../../../test/helpers/inquirer-screen.js';
import {captureIo} from '../../../test/helpers/io.js';
import {loadRenderInputs} from '../../adapters/render-inputs.js';
import {getPath} from '../../core/values/paths.js';
import {createStyle} from '../../ui/style.js';
import type {DeployedRelease} from './live.js';
import {helmNotes} from './apply.js';
import {askAllQuestions, reviewLoop, startSession} from './wizard-steps.js';

describe('startSession', () => {
  it('starts from defaults ← preset ← live values ← -f files ← --set', async () => {
    const inputs = await loadRenderInputs({
      cwd: process.cwd(),
      preset: 'k3s',
      sets: ['replicaCount=2', 'ingress.host=from-set.example.com'],
    });
    const live = {
      userValues: {
        ingress: {host: 'live.example.com'},
        buntime: {rootKey: 'live-secret-root-key'},
        service: {type: 'NodePort'},
      },
    } as unknown as DeployedRelease;
    const session = startSession(inputs, live);
    const values = session.values();
    expect(getPath(values, 'ingress.className')).toBe('traefik');
    expect(getPath(values, 'service.type')).toBe('NodePort');
    expect(getPath(values, 'ingress.host')).toBe('from-set.example.com');
    expect(getPath(values, 'replicaCount')).toBe(2);
    expect(JSON.stringify(session.rawAnswers())).not.toContain('live-secret-root-key');
  });
});

describe('the review loop: "change my answers" goes to the question with the problem', () => {
  async function loop(seed: (session: ReturnType<typeof startSession>) => void) {
    const inputs = await loadRenderInputs({cwd: process.cwd(), preset: 'generic'});
    const session = startSession(inputs, undefined);
    seed(session);
    const ctx = {
      ...captureIo({tty: true}),
      interactive: true,
      color: false,
      style: createStyle(false),
      signal: new AbortController().signal,
    };
    const asked: string[] = [];
    const plan = reviewLoop(
      ctx,
      {
        mode: 'render',
        release: 'buntime',
        namespace: 'demo',
        inputs,
        output: {values: 'buntime.values.yaml', secrets: 'buntime.secrets.yaml', chart: inputs.chartDir},
        existingCredentials: {},
        online: false,
        timeout: '10m',
      },
      session,
      {},
      (focus) => {
        asked.push(focus ? focus.join(',') : 'everything');
        return askAllQuestions(ctx, session, 'render', undefined, {}, focus);
      },
    );
    return {plan, session, asked, out: ctx.out};
  }

  it('an optional-group answer the Review blocks on (CPU limit 2Gb) is asked again at once', async () => {
    const {plan, session, asked, out} = await loop((session) => session.answer('resources.limits.cpu', '2Gb'));
    const choice = await screenShows('1 blocking problem(s). What now?');
    expect(choice).toContain('❯ Change the answer: Runtime CPU Limit (resources.limits.cpu)');
    expect(out()).toContain("Did you mean '2'?");
    expect(out()).not.toContain("'2Gi'");
    screen.keypress('enter');
    // Straight to the question, which now refuses the bad value where it is given.
    await screenShows('? Runtime CPU Limit (2Gb)');
    screen.keypress('enter');
    await screenShows('is a memory size, not CPU');
    screen.type('2');
    screen.keypress('enter');
    await screenShows('Write the files?');
    screen.keypress('enter');
    await plan;
    expect(asked).toEqual(['resources.limits.cpu']);
    expect(getPath(session.values(), 'resources.limits.cpu')).toBe('2');
  });
});

describe('helmNotes', () => {
  it('takes what helm printed under NOTES:', () => {
    expect(
      helmNotes('Release "b" has been upgraded.\nNAME: b\nSTATUS: deployed\nNOTES:\nBuntime 0.5.4\n\n1. Reach it\n\n'),
    ).toBe('Buntime 0.5.4\n\n1. Reach it');
    expect(helmNotes('NAME: b\nSTATUS: deployed\n')).toBeUndefined();
  });
});
