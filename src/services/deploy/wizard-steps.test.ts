import {screen} from '@inquirer/testing/vitest';
import {describe, expect, it} from 'vitest';
import {screenShows} from '../../../test/helpers/inquirer-screen.js';
import {captureIo} from '../../../test/helpers/io.js';
import {loadRenderInputs} from '../../adapters/render-inputs.js';
import type {Credentials} from '../../core/credentials/keys.js';
import {getPath} from '../../core/values/paths.js';
import {createStyle} from '../../ui/style.js';
import type {DeployedRelease} from './live.js';
import {helmNotes} from './apply.js';
import {askAllQuestions, choosePreset, reviewLoop, startSession} from './wizard-steps.js';

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

async function reviewRun(
  seed: (session: ReturnType<typeof startSession>) => void,
  live?: DeployedRelease,
  existing: Credentials = {},
) {
  const inputs = await loadRenderInputs({cwd: process.cwd(), preset: 'generic'});
  const session = startSession(inputs, live);
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
      mode: live ? 'upgrade' : 'render',
      release: 'buntime',
      namespace: 'demo',
      ...(live ? {live, backupFirst: true} : {}),
      inputs,
      output: {values: 'buntime.values.yaml', secrets: 'buntime.secrets.yaml', chart: inputs.chartDir},
      existingCredentials: existing,
      online: Boolean(live),
      timeout: '10m',
    },
    session,
    {},
    (focus) => {
      asked.push(focus ? focus.join(',') : 'everything');
      return askAllQuestions(ctx, session, live ? 'upgrade' : 'render', undefined, {}, undefined, focus);
    },
  );
  return {plan, session, asked, out: ctx.out};
}

describe('the review loop: "change my answers" goes to the question with the problem', () => {
  it('an optional-group answer the Review blocks on (CPU limit 2Gb) is asked again at once', async () => {
    const {plan, session, asked, out} = await reviewRun((session) => session.answer('resources.limits.cpu', '2Gb'));
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
    expect((await plan).backup).toBe(false);
    expect(asked).toEqual(['resources.limits.cpu']);
    expect(getPath(session.values(), 'resources.limits.cpu')).toBe('2');
  });
});

describe('the pre-upgrade backup is one confirmation', () => {
  it('the Review announces it (not a warning to accept) and the one yes includes it', async () => {
    const values = {
      tursoServer: {
        enabled: true,
        backup: {enabled: true, s3: {endpoint: 'http://minio.minio.svc:9000', bucket: 'turso-backups'}},
      },
    };
    const live = {userValues: values, allValues: values, manifest: [], storage: [], fullname: 'buntime'};
    const token = 'k'.repeat(43);
    const {plan, out} = await reviewRun(() => undefined, live as unknown as DeployedRelease, {
      rootKey: token,
      tursoAuthToken: token,
      tursoAdminToken: token,
      s3AccessKeyId: 'minio',
      s3SecretAccessKey: 'minio-secret',
    });
    const question = await screenShows('then upgrade?');
    expect(question).toContain('Back up now (a Job from CronJob buntime-turso-backup), then upgrade?');
    expect(question).not.toContain('accepting');
    expect(out()).toContain('i A fresh backup runs first: a Job from CronJob buntime-turso-backup');
    expect(out()).not.toContain('take one now');
    screen.keypress('enter');
    expect((await plan).backup).toBe(true);
  });
});

describe('choosePreset', () => {
  it('defaults to the preset the cluster looks like and says why', async () => {
    const ctx = {
      ...captureIo({tty: true}),
      interactive: true,
      color: false,
      style: createStyle(false),
      signal: new AbortController().signal,
    };
    const picked = choosePreset(ctx, false, {
      preset: 'k3s',
      reason: 'default StorageClass local-path (rancher.io/local-path), as in k3s',
    });
    const shown = await screenShows('Preset');
    expect(shown.replace(/\s+/g, ' ')).toContain(
      '❯ k3s (suggested: default StorageClass local-path (rancher.io/local-path), as in k3s)',
    );
    screen.keypress('enter');
    await expect(picked).resolves.toBe('k3s');
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
