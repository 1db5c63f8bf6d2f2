/**
 * Sync-mode rules (buntime-upstream-facts §10.1–2): a sync mode without a server to sync with makes
 * the runtime throw at boot (empty RUNTIME_AUTH_DB_SYNC_URL / TURSO_SYNC_URL_REQUIRED). The missing-URL
 * checks are chart checks (chart-checks.ts); URL shapes are checked here only.
 */
import {checkUrl} from '../values/formats.js';
import {chartCheckFindings} from './chart-checks.js';
import {flag, text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

const SYNC_SCHEMES = ['libsql', 'https', 'http', 'wss', 'ws'];

function urlFinding(rule: Rule, path: string, value: string): Finding[] {
  const problem = checkUrl(value, SYNC_SCHEMES);
  if (!problem) return [];
  return [
    finding(rule, `${path} '${value}' ${problem.reason}`, {
      path,
      hint: problem.suggestion
        ? `Did you mean '${problem.suggestion}'?`
        : 'Write a URL such as libsql://db.example.com or http://turso.example:8080.',
    }),
  ];
}

export const authDbSyncRule: Rule = {
  id: 'authdb.sync-url',
  severity: 'error',
  description: 'buntime.authDb.mode=sync needs turso-server or buntime.authDb.syncUrl (a valid URL).',
  check: ({values}) => {
    const url = text(values, 'buntime.authDb.syncUrl');
    const server = flag(values, 'tursoServer.enabled');
    const out: Finding[] = chartCheckFindings('authdb.sync-url', {values});
    if (url !== '') out.push(...urlFinding(authDbSyncRule, 'buntime.authDb.syncUrl', url));
    if (url !== '' && server) {
      out.push(
        finding(
          authDbSyncRule,
          'buntime.authDb.syncUrl is ignored while tursoServer.enabled=true (the in-cluster server is used)',
          {
            path: 'buntime.authDb.syncUrl',
            severity: 'warning',
            hint: 'Clear buntime.authDb.syncUrl to avoid confusion.',
          },
        ),
      );
    }
    return out;
  },
};

export const pluginSyncRule: Rule = {
  id: 'turso-plugin.sync-url',
  severity: 'error',
  description: 'plugins.turso.mode=sync needs turso-server or plugins.turso.sync.url (a valid URL).',
  check: ({values}) => {
    const url = text(values, 'plugins.turso.sync.url');
    const out: Finding[] = chartCheckFindings('turso-plugin.sync-url', {values});
    if (url !== '') out.push(...urlFinding(pluginSyncRule, 'plugins.turso.sync.url', url));
    return out;
  },
};
