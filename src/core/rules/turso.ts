/**
 * turso-server and backup rules (buntime-upstream-facts §10.4–5): empty tokens disable auth on
 * turso-server; the backup CronJob needs the admin token, an S3 endpoint, an existing bucket,
 * credentials and a valid schedule.
 */
import {parseCron} from '../cron.js';
import {checkBucketName, checkUrl} from '../values/formats.js';
import {flag, number, text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

const GENERATE_HINT =
  'Let the wizard generate it, or put a random value (openssl rand -hex 32) in the secrets file — never on the command line.';

export const tursoTokensRule: Rule = {
  id: 'turso.tokens',
  severity: 'error',
  description: 'turso-server has a data-port and an admin-port token (or tursoServer.existingSecret).',
  check: ({values}) => {
    if (!flag(values, 'tursoServer.enabled')) return [];
    if (text(values, 'tursoServer.existingSecret') !== '') {
      const inline = ['tursoServer.authToken', 'tursoServer.adminToken'].filter((path) => text(values, path) !== '');
      return inline.map((path) =>
        finding(tursoTokensRule, `${path} is ignored because tursoServer.existingSecret is set`, {
          path,
          severity: 'warning',
          hint: `Remove ${path} from your values.`,
        }),
      );
    }
    const out: Finding[] = [];
    if (text(values, 'tursoServer.authToken') === '') {
      out.push(
        finding(
          tursoTokensRule,
          'tursoServer.authToken is empty: anyone in the cluster could read and write every database on turso-server',
          {path: 'tursoServer.authToken', hint: GENERATE_HINT},
        ),
      );
    }
    // With backups on, backup.admin-token reports the missing admin token with the backup context.
    if (text(values, 'tursoServer.adminToken') === '' && !flag(values, 'tursoServer.backup.enabled')) {
      out.push(
        finding(
          tursoTokensRule,
          'tursoServer.adminToken is empty: the admin API (create, archive, back up namespaces) would be unauthenticated',
          {path: 'tursoServer.adminToken', hint: GENERATE_HINT},
        ),
      );
    }
    return out;
  },
};

function backupEndpoint(values: Parameters<Rule['check']>[0]['values']): Finding[] {
  const endpoint = text(values, 'tursoServer.backup.s3.endpoint');
  const path = 'tursoServer.backup.s3.endpoint';
  if (endpoint === '')
    return [
      finding(backupRule, 'backups need an S3 endpoint', {
        path,
        hint: 'Set it to your MinIO/S3 URL, e.g. http://minio.minio.svc.cluster.local:9000.',
      }),
    ];
  const problem = checkUrl(endpoint, ['http', 'https']);
  if (!problem) return [];
  return [
    finding(backupRule, `${path} '${endpoint}' ${problem.reason}`, {
      path,
      hint: problem.suggestion ? `Did you mean '${problem.suggestion}'?` : 'Use http://host:port or https://host.',
    }),
  ];
}

function backupBucket(values: Parameters<Rule['check']>[0]['values']): Finding[] {
  const bucket = text(values, 'tursoServer.backup.s3.bucket');
  const path = 'tursoServer.backup.s3.bucket';
  if (bucket === '')
    return [
      finding(backupRule, 'backups need an S3 bucket (it must already exist)', {
        path,
        hint: 'Set it, e.g. turso-backups.',
      }),
    ];
  const problem = checkBucketName(bucket);
  return problem
    ? [
        finding(backupRule, `${path} '${bucket}' ${problem.reason}`, {
          path,
          ...(problem.suggestion ? {hint: `Did you mean '${problem.suggestion}'?`} : {}),
        }),
      ]
    : [];
}

function backupCredentials(values: Parameters<Rule['check']>[0]['values']): Finding[] {
  if (text(values, 'tursoServer.backup.s3.existingSecret') !== '') return [];
  return ['accessKeyId', 'secretAccessKey']
    .filter((key) => text(values, `tursoServer.backup.s3.${key}`) === '')
    .map((key) =>
      finding(backupRule, `backups need tursoServer.backup.s3.${key}`, {
        path: `tursoServer.backup.s3.${key}`,
        hint: 'Put the S3 credentials in the secrets file, or name an existing Secret in tursoServer.backup.s3.existingSecret.',
      }),
    );
}

export const backupRule: Rule = {
  id: 'backup.config',
  severity: 'error',
  description:
    'Backups need turso-server, an S3 endpoint URL, a bucket, credentials, a 5-field cron schedule and a retention ≥ 1.',
  check: ({values}) => {
    if (!flag(values, 'tursoServer.backup.enabled')) return [];
    const out: Finding[] = [];
    if (!flag(values, 'tursoServer.enabled')) {
      out.push(
        finding(backupRule, 'tursoServer.backup.enabled=true but turso-server is off: there is nothing to back up', {
          path: 'tursoServer.enabled',
          hint: 'Set tursoServer.enabled=true, or turn backups off.',
        }),
      );
    }
    out.push(...backupEndpoint(values), ...backupBucket(values), ...backupCredentials(values));
    const schedule = text(values, 'tursoServer.backup.schedule');
    const parsed = parseCron(schedule);
    if (!parsed.ok) {
      out.push(
        finding(backupRule, `tursoServer.backup.schedule '${schedule}' is not a valid cron schedule: ${parsed.error}`, {
          path: 'tursoServer.backup.schedule',
          hint: "Use 5 fields: minute hour day-of-month month day-of-week, e.g. '0 2 * * *' (02:00 UTC daily).",
        }),
      );
    }
    const retention = number(values, 'tursoServer.backup.retentionCount');
    if (retention !== undefined && (!Number.isInteger(retention) || retention < 0)) {
      out.push(
        finding(
          backupRule,
          `tursoServer.backup.retentionCount is ${retention}; it must be a whole number of snapshots`,
          {path: 'tursoServer.backup.retentionCount', hint: 'e.g. 14'},
        ),
      );
    } else if (retention === 0) {
      out.push(
        finding(
          backupRule,
          'tursoServer.backup.retentionCount is 0: old snapshots are never deleted and the bucket grows forever',
          {
            path: 'tursoServer.backup.retentionCount',
            severity: 'warning',
            hint: 'Keep e.g. 14 snapshots per namespace.',
          },
        ),
      );
    }
    return out;
  },
};

export const backupAdminTokenRule: Rule = {
  id: 'backup.admin-token',
  severity: 'error',
  description: 'Backups read snapshots through the admin API, so they need tursoServer.adminToken (or existingSecret).',
  check: ({values}) => {
    if (!flag(values, 'tursoServer.backup.enabled') || !flag(values, 'tursoServer.enabled')) return [];
    if (text(values, 'tursoServer.adminToken') !== '' || text(values, 'tursoServer.existingSecret') !== '') return [];
    return [
      finding(
        backupAdminTokenRule,
        'backups need tursoServer.adminToken: the CronJob lists namespaces and downloads snapshots through the admin API',
        {path: 'tursoServer.adminToken', hint: GENERATE_HINT},
      ),
    ];
  },
};
