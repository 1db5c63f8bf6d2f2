/**
 * turso-server and backup rules (buntime-upstream-facts §10.4–5): empty tokens disable auth on
 * turso-server; the backup CronJob needs the admin token, an S3 endpoint, an existing bucket,
 * credentials and a valid schedule. The cross-field parts are chart checks (chart-checks.ts); shapes
 * (URL, bucket name, cron, retention) are checked here.
 */
import {parseCron} from '../cron.js';
import {checkBucketName, checkUrl} from '../values/formats.js';
import {chartCheckFindings} from './chart-checks.js';
import {flag, number, text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

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
    return chartCheckFindings('turso.tokens', {values});
  },
};

function backupEndpoint(values: Parameters<Rule['check']>[0]['values']): Finding[] {
  const endpoint = text(values, 'tursoServer.backup.s3.endpoint');
  const path = 'tursoServer.backup.s3.endpoint';
  if (endpoint === '') return [];
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
  if (bucket === '') return [];
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

export const backupRule: Rule = {
  id: 'backup.config',
  severity: 'error',
  description:
    'Backups need turso-server, an S3 endpoint URL, a bucket, credentials, a 5-field cron schedule and a retention ≥ 1.',
  check: ({values}) => {
    if (!flag(values, 'tursoServer.backup.enabled')) return [];
    const out: Finding[] = chartCheckFindings('backup.config', {values});
    out.push(...backupEndpoint(values), ...backupBucket(values));
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
  check: ({values}) => chartCheckFindings('backup.admin-token', {values}),
};

export const tursoSharedFileRule: Rule = {
  id: 'turso-plugin.shared-file',
  severity: 'error',
  description:
    'plugins.turso.localPath is never on a volume several pods mount (/data/apps, /data/plugins): one database file per pod.',
  check: ({values}) => chartCheckFindings('turso-plugin.shared-file', {values}),
};
