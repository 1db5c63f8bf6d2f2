import type {BucketCheck} from '../../../adapters/bucket-check.js';
import type {Credentials, SecretRole} from '../../../core/credentials/keys.js';
import {parseCron} from '../../../core/cron.js';
import {askConfirm, askNumber, askSecret, askText} from '../../prompts/ask.js';
import {say, type FlowIo} from './io.js';
import {askSecretSource, type SecretSources} from './secrets.js';
import {valueOf, type QuestionSession} from './session.js';

/** What the backup section needs from outside (S3 calls go through the adapter). */
export interface BackupDeps {
  readonly check: (
    config: {endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; pathStyle: boolean},
    bucket: string,
  ) => Promise<BucketCheck>;
  readonly create: (
    config: {endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; pathStyle: boolean},
    bucket: string,
  ) => Promise<void>;
}

function str(session: QuestionSession, variable: string, fallback = ''): string {
  const value = valueOf(session, variable);
  return typeof value === 'string' && value !== '' ? value : fallback;
}

const ANSWER = (path: string): {answer: string} => ({answer: `\`${path}\` in the answers file`});

function validUrl(value: string): string | true {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? true : 'Use an http:// or https:// URL';
  } catch {
    return 'Not a URL (e.g. http://minio.minio.svc.cluster.local:9000)';
  }
}

/**
 * The MinIO/S3 backup section: endpoint, bucket, credentials (into the credentials Secret, never
 * values), schedule and retention, then a live check from this machine that the bucket is
 * reachable and writable, with an offer to create it. Returns the S3 credentials to store.
 */
export async function askBackup(
  io: FlowIo,
  session: QuestionSession,
  deps: BackupDeps,
  existing: Credentials,
  keySource?: {readonly secrets?: SecretSources; readonly role: SecretRole},
): Promise<Credentials> {
  const enabled = await askConfirm(
    io,
    {message: 'Back up every turso-server database to S3/MinIO on a schedule? (recommended)', default: true},
    ANSWER('tursoServer.backup.enabled'),
  );
  session.answer('tursoServer.backup.enabled', enabled);
  if (!enabled) return {};

  const endpoint = await askText(
    io,
    {
      message: 'S3 endpoint (as the cluster reaches it)',
      default: str(session, 'tursoServer.backup.s3.endpoint', 'http://minio.minio.svc.cluster.local:9000'),
      validate: validUrl,
    },
    ANSWER('tursoServer.backup.s3.endpoint'),
  );
  session.answer('tursoServer.backup.s3.endpoint', endpoint);
  const bucket = await askText(
    io,
    {
      message: 'Bucket',
      default: str(session, 'tursoServer.backup.s3.bucket', 'turso-backups'),
      validate: (value) =>
        session.check(
          {variable: 'tursoServer.backup.s3.bucket', label: 'Bucket', type: 'string', required: true, group: ''},
          value,
        ) ?? true,
    },
    ANSWER('tursoServer.backup.s3.bucket'),
  );
  session.answer('tursoServer.backup.s3.bucket', bucket);
  const region = await askText(
    io,
    {message: 'Region', default: str(session, 'tursoServer.backup.s3.region', 'us-east-1')},
    ANSWER('tursoServer.backup.s3.region'),
  );
  session.answer('tursoServer.backup.s3.region', region);
  const pathStyle = await askConfirm(
    io,
    {
      message: 'Path-style URLs (MinIO needs them)?',
      default: valueOf(session, 'tursoServer.backup.s3.pathStyle') !== false,
    },
    ANSWER('tursoServer.backup.s3.pathStyle'),
  );
  session.answer('tursoServer.backup.s3.pathStyle', pathStyle);

  let keys: Credentials = {s3AccessKeyId: existing.s3AccessKeyId, s3SecretAccessKey: existing.s3SecretAccessKey};
  const haveKeys = Boolean(keys.s3AccessKeyId && keys.s3SecretAccessKey);
  const theirs =
    keySource?.secrets &&
    (await askSecretSource(
      io,
      session,
      keySource.role,
      keySource.secrets,
      haveKeys
        ? `Keep them in ${keySource.secrets.own} (the wizard's credentials Secret)`
        : `Type them now (stored in ${keySource.secrets.own})`,
    ));
  if (theirs) {
    // The keys stay in the user's Secret: this machine cannot test the bucket with them.
    say(io, io.style.dim(`  The bucket is checked by the backup job itself (keys from Secret ${theirs}).`));
    return askScheduleAndRetention(io, session, {});
  }
  if (
    !haveKeys ||
    !(await askConfirm(
      io,
      {message: 'Keep the S3 keys already stored in the credentials Secret?', default: true},
      {answer: 'the credentials Secret'},
    ))
  ) {
    const required = (value: string): string | true => (value.trim() === '' ? 'Required' : true);
    keys = {
      s3AccessKeyId: await askSecret(
        io,
        {message: 'Access key ID (hidden)', validate: required},
        {answer: 'AWS_ACCESS_KEY_ID in the credentials Secret'},
      ),
      s3SecretAccessKey: await askSecret(
        io,
        {message: 'Secret access key (hidden)', validate: required},
        {answer: 'AWS_SECRET_ACCESS_KEY in the credentials Secret'},
      ),
    };
  }

  const config = {
    endpoint,
    region,
    pathStyle,
    accessKeyId: keys.s3AccessKeyId ?? '',
    secretAccessKey: keys.s3SecretAccessKey ?? '',
  };
  say(io, io.style.dim(`  Checking ${bucket} at ${endpoint} from this machine…`));
  let result = await deps.check(config, bucket);
  if (result.status === 'missing') {
    say(io, io.style.warn(`  ! Bucket ${bucket} does not exist (the chart never creates it).`));
    if (
      await askConfirm(
        io,
        {message: `Create bucket ${bucket} now?`, default: true},
        {answer: 'a bucket you create beforehand'},
      )
    ) {
      try {
        await deps.create(config, bucket);
        result = await deps.check(config, bucket);
      } catch (error) {
        result = {status: 'denied', message: error instanceof Error ? error.message : String(error)};
      }
    }
  }
  if (result.status === 'ok') say(io, io.style.ok(`  ✔ ${bucket} is reachable and writable`));
  else if (result.status === 'unreachable') {
    say(io, io.style.warn(`  ! Could not check from here: ${result.message}`));
    say(
      io,
      io.style.dim(
        '    In-cluster addresses (…svc.cluster.local) often do not resolve outside the cluster; the backup job runs inside it.',
      ),
    );
  } else if (result.status !== 'missing') {
    say(io, io.style.error(`  ✖ ${result.message}`));
    if ('hint' in result && result.hint) say(io, io.style.dim(`    ${result.hint}`));
  } else {
    say(io, io.style.warn(`  ! ${bucket} is still missing: backups will fail until it exists.`));
  }

  return askScheduleAndRetention(io, session, keys);
}

async function askScheduleAndRetention(io: FlowIo, session: QuestionSession, keys: Credentials): Promise<Credentials> {
  const schedule = await askText(
    io,
    {
      message: 'Schedule (5-field cron, UTC)',
      default: str(session, 'tursoServer.backup.schedule', '0 2 * * *'),
      validate: (value) => {
        const parsed = parseCron(value);
        return parsed.ok ? true : parsed.error;
      },
    },
    ANSWER('tursoServer.backup.schedule'),
  );
  session.answer('tursoServer.backup.schedule', schedule);
  const retention = await askNumber(
    io,
    {
      message: 'Snapshots kept per database (a count, not days)',
      default: Number(valueOf(session, 'tursoServer.backup.retentionCount') ?? 14),
      min: 1,
      max: 1000,
    },
    ANSWER('tursoServer.backup.retentionCount'),
  );
  session.answer('tursoServer.backup.retentionCount', retention ?? 14);
  return keys;
}
