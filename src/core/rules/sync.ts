/**
 * Sync-mode rules (buntime-upstream-facts §10.1–2): a sync mode without a server to sync with makes
 * the runtime throw at boot (empty RUNTIME_AUTH_DB_SYNC_URL / TURSO_SYNC_URL_REQUIRED).
 */
import {checkUrl} from '../values/formats.js';
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
    const out: Finding[] = [];
    if (text(values, 'buntime.authDb.mode') === 'sync' && !server && url === '') {
      out.push(
        finding(authDbSyncRule, 'buntime.authDb.mode=sync has nothing to sync with: the runtime fails at boot', {
          path: 'buntime.authDb.syncUrl',
          hint: 'Set tursoServer.enabled=true (recommended) or buntime.authDb.syncUrl.',
        }),
      );
    }
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
    const server = flag(values, 'tursoServer.enabled');
    const out: Finding[] = [];
    if (text(values, 'plugins.turso.mode') === 'sync' && !server && url === '') {
      out.push(
        finding(
          pluginSyncRule,
          'plugins.turso.mode=sync has no sync URL: plugin-turso fails with TURSO_SYNC_URL_REQUIRED',
          {
            path: 'plugins.turso.sync.url',
            hint: 'Set tursoServer.enabled=true (recommended) or plugins.turso.sync.url.',
          },
        ),
      );
    }
    if (url !== '') out.push(...urlFinding(pluginSyncRule, 'plugins.turso.sync.url', url));
    return out;
  },
};
