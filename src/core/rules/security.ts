/** Secret hygiene: a root key exists, and inline secrets are not silently shadowed by existingSecret. */
import {text} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';

export const rootKeyRule: Rule = {
  id: 'security.root-key',
  severity: 'warning',
  description: 'buntime.rootKey (or buntime.existingSecret) is set, so the management API is not open.',
  check: ({values}) => {
    if (text(values, 'buntime.rootKey') !== '' || text(values, 'buntime.existingSecret') !== '') return [];
    return [
      finding(
        rootKeyRule,
        'buntime.rootKey is empty: until you create API keys, the management API accepts unauthenticated requests',
        {
          path: 'buntime.rootKey',
          hint: 'Let the wizard generate a root key (kept in a Secret), or set buntime.existingSecret.',
        },
      ),
    ];
  },
};

/** [existingSecret path, inline secret paths it replaces]. */
const SHADOWED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['buntime.existingSecret', ['buntime.rootKey']],
  [
    'tursoServer.backup.s3.existingSecret',
    ['tursoServer.backup.s3.accessKeyId', 'tursoServer.backup.s3.secretAccessKey'],
  ],
];

export const existingSecretRule: Rule = {
  id: 'secrets.existing-secret',
  severity: 'warning',
  description:
    'An inline secret next to the existingSecret that replaces it is ignored (and still stored in the release).',
  check: ({values}) => {
    const out: Finding[] = [];
    for (const [secretPath, inline] of SHADOWED) {
      const name = text(values, secretPath);
      if (name === '') continue;
      for (const path of inline) {
        if (text(values, path) === '') continue;
        out.push(
          finding(
            existingSecretRule,
            `${path} is ignored because ${secretPath} (${name}) is set, yet it would still be stored in the Helm release`,
            {path, hint: `Remove ${path} from your values; keep the value only in the Secret ${name}.`},
          ),
        );
      }
    }
    return out;
  },
};
