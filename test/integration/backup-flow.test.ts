import {screen} from '@inquirer/testing/vitest';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkBucket, createBucket} from '../../src/adapters/bucket-check.js';
import {readYamlFile} from '../../src/adapters/files.js';
import {bundledChartDir} from '../../src/adapters/package-root.js';
import {loadQuestions} from '../../src/adapters/render-inputs.js';
import type {QuestionFile} from '../../src/core/questions/types.js';
import {getPath, type Values} from '../../src/core/values/paths.js';
import {createStyle} from '../../src/ui/style.js';
import {askBackup} from '../../src/ui/wizard/flow/backup.js';
import type {FlowIo} from '../../src/ui/wizard/flow/io.js';
import {createSession} from '../../src/ui/wizard/flow/session.js';
import {screenShows} from '../helpers/inquirer-screen.js';
import {startMinio, type MinioServer} from '../helpers/minio.js';

describe('the backup section against a real MinIO', () => {
  let minio: MinioServer;
  let questions: QuestionFile;
  let defaults: Values;
  let output = '';
  beforeAll(async () => {
    minio = await startMinio({bucket: 'existing-backups'});
    questions = (await loadQuestions(bundledChartDir(), process.cwd())) as QuestionFile;
    defaults = (await readYamlFile(`${bundledChartDir()}/values.yaml`, {cwd: process.cwd(), what: 'values'}))
      .value as Values;
  });
  afterAll(async () => {
    await minio?.stop();
  });

  function io(): FlowIo {
    output = '';
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return {
      stdin: Object.assign(new PassThrough(), {isTTY: true}),
      stdout,
      interactive: true,
      style: createStyle(false),
    };
  }

  async function answerConnection(bucket: string, keys: {id: string; secret: string}): Promise<void> {
    await screenShows('Back up every turso-server database');
    screen.keypress('enter');
    await screenShows('S3 endpoint');
    screen.type(minio.endpoint);
    screen.keypress('enter');
    await screenShows('Bucket');
    screen.type(bucket);
    screen.keypress('enter');
    await screenShows('Region');
    screen.keypress('enter');
    await screenShows('Path-style URLs');
    screen.keypress('enter');
    await screenShows('Access key ID');
    screen.type(keys.id);
    screen.keypress('enter');
    await screenShows('Secret access key');
    screen.type(keys.secret);
    screen.keypress('enter');
  }

  it('a missing bucket is created on request, then checked writable; keys are returned, not put in values', async () => {
    const session = createSession(questions, {base: defaults, answers: {tursoServer: {enabled: true}}});
    const done = askBackup(io(), session, {check: checkBucket, create: createBucket}, {});
    await answerConnection('fresh-backups', {id: minio.accessKeyId, secret: minio.secretAccessKey});
    await screenShows('Create bucket fresh-backups now?');
    screen.keypress('enter');
    await screenShows('Schedule');
    screen.keypress('enter');
    await screenShows('Snapshots kept');
    screen.keypress('enter');
    const keys = await done;
    expect(keys).toEqual({s3AccessKeyId: minio.accessKeyId, s3SecretAccessKey: minio.secretAccessKey});
    expect(await minio.client.bucketStatus('fresh-backups')).toBe('ok');
    expect(output).toContain('does not exist (the chart never creates it)');
    expect(output).toContain('✔ fresh-backups is reachable and writable');
    const values = session.values();
    expect(getPath(values, 'tursoServer.backup')).toMatchObject({
      enabled: true,
      schedule: '0 2 * * *',
      retentionCount: 14,
      s3: {endpoint: minio.endpoint, bucket: 'fresh-backups', pathStyle: true},
    });
    expect(JSON.stringify(session.rawAnswers())).not.toContain(minio.secretAccessKey);
  });

  it('wrong keys are reported with the hint, and a bad cron is refused as typed', async () => {
    const session = createSession(questions, {base: defaults, answers: {tursoServer: {enabled: true}}});
    const done = askBackup(io(), session, {check: checkBucket, create: createBucket}, {});
    await answerConnection('existing-backups', {id: minio.accessKeyId, secret: 'not-the-secret-key'});
    await screenShows('Schedule');
    expect(output).toMatch(/✖ S3 denied access to bucket 'existing-backups'/);
    for (let index = 0; index < 9; index++) screen.keypress('backspace');
    screen.type('61 * * * *');
    screen.keypress('enter');
    await screenShows('minute 61 is outside 0-59');
    for (let index = 0; index < 10; index++) screen.keypress('backspace');
    screen.type('30 3 * * *');
    screen.keypress('enter');
    await screenShows('Snapshots kept');
    screen.keypress('enter');
    await done;
    expect(getPath(session.values(), 'tursoServer.backup.schedule')).toBe('30 3 * * *');
  });
});
