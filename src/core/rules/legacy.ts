/**
 * Keys from older charts that must not come back (the seeds: "do not reintroduce plugins.database.libsql*
 * or DATABASE_LIBSQL_* chart wiring"; masterKey became rootKey; Litestream was replaced by the backup
 * CronJob because it cannot follow tursodb --sync-server).
 */
import {getPath, hasPath, isPlainObject, leaves} from '../values/paths.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

export const legacyLibsqlRule: Rule = {
  id: 'legacy.libsql',
  severity: 'error',
  description: 'No legacy LibSQL settings (plugins.database.libsql*, DATABASE_LIBSQL_* env vars).',
  check: ({values}) => {
    const out: Finding[] = [];
    const database = getPath(values, 'plugins.database');
    if (isPlainObject(database)) {
      for (const [path] of leaves(database, 'plugins.database')) {
        if (/^plugins\.database\.libsql/i.test(path)) {
          out.push(
            finding(legacyLibsqlRule, `${path} is a legacy LibSQL setting; the chart uses Turso now`, {
              path,
              hint: 'Remove it; configure plugins.turso.* (and tursoServer.* for multi-pod) instead.',
            }),
          );
        }
      }
    }
    for (const key of ['extraEnv']) {
      const list = getPath(values, key);
      if (!Array.isArray(list)) continue;
      list.forEach((entry, index) => {
        const name = isPlainObject(entry) ? entry['name'] : undefined;
        if (typeof name === 'string' && name.startsWith('DATABASE_LIBSQL_')) {
          out.push(
            finding(
              legacyLibsqlRule,
              `${key}[${index}] sets ${name}, a legacy LibSQL variable nothing reads any more`,
              {path: `${key}[${index}]`, hint: 'Remove it; plugin-turso reads TURSO_* from plugins.turso.*.'},
            ),
          );
        }
      });
    }
    return out;
  },
};

export const legacyMasterKeyRule: Rule = {
  id: 'legacy.master-key',
  severity: 'error',
  description: 'buntime.masterKey was renamed to buntime.rootKey.',
  check: ({values}) => {
    if (!hasPath(values, 'buntime.masterKey')) return [];
    const value = getPath(values, 'buntime.masterKey');
    const empty = value === '' || value === null || value === undefined;
    return [
      finding(
        legacyMasterKeyRule,
        `buntime.masterKey is the old name of buntime.rootKey${empty ? '' : '; the value would be ignored and the runtime would start without a root key'}`,
        {
          path: 'buntime.masterKey',
          severity: empty ? 'warning' : 'error',
          hint: 'Move the value to buntime.rootKey (in the secrets file) and delete buntime.masterKey.',
        },
      ),
    ];
  },
};

export const legacyLitestreamRule: Rule = {
  id: 'legacy.litestream',
  severity: 'error',
  description:
    'tursoServer.litestream.* is gone: Litestream cannot follow tursodb --sync-server; use tursoServer.backup.',
  check: ({values}) => {
    if (!hasPath(values, 'tursoServer.litestream')) return [];
    return [
      finding(
        legacyLitestreamRule,
        'tursoServer.litestream is a removed setting: Litestream does not work with tursodb --sync-server',
        {
          path: 'tursoServer.litestream',
          hint: 'Delete tursoServer.litestream and use tursoServer.backup (hot snapshots to S3 on a schedule).',
        },
      ),
    ];
  },
};
