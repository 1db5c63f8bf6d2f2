import {describe, expect, it} from 'vitest';
import {
  MASK,
  SECRET_VALUE_PATHS,
  isSecretPath,
  mask,
  maskText,
  presentSecrets,
  secretPaths,
  secretStrings,
  splitSecrets,
} from './secrets.js';

const values = {
  buntime: {rootKey: 'root-123456', apiPrefix: '/_', authDb: {syncAuthToken: ''}},
  tursoServer: {
    enabled: true,
    authToken: 'data-abcdef',
    adminToken: 'admin-xyz',
    backup: {s3: {accessKeyId: 'AKIA1', secretAccessKey: 'sk/+=', bucket: 'b'}},
  },
  plugins: {turso: {sync: {authToken: 'tok'}}},
  custom: {password: 'pw-value'},
};

describe('secrets', () => {
  it('lists the chart secrets plus password questions', () => {
    expect(SECRET_VALUE_PATHS).toContain('tursoServer.backup.s3.secretAccessKey');
    expect(
      secretPaths([
        {variable: 'custom.password', type: 'password'},
        {variable: 'x', type: 'string'},
      ]),
    ).toEqual([...SECRET_VALUE_PATHS, 'custom.password']);
  });

  it('masks every non-empty secret and keeps empty ones visible', () => {
    const masked = mask(values, secretPaths([{variable: 'custom.password', type: 'password'}]));
    expect(masked).toEqual({
      buntime: {rootKey: MASK, apiPrefix: '/_', authDb: {syncAuthToken: ''}},
      tursoServer: {
        enabled: true,
        authToken: MASK,
        adminToken: MASK,
        backup: {s3: {accessKeyId: MASK, secretAccessKey: MASK, bucket: 'b'}},
      },
      plugins: {turso: {sync: {authToken: MASK}}},
      custom: {password: MASK},
    });
    expect(values.buntime.rootKey).toBe('root-123456');
  });

  it('scrubs secrets from free text, short ones only as whole words', () => {
    const secrets = secretStrings(values);
    expect(maskText('helm failed: token data-abcdef rejected; sk/+= bad; tokens stay', secrets)).toBe(
      `helm failed: token ${MASK} rejected; ${MASK} bad; tokens stay`,
    );
    expect(maskText('a tok here', ['tok'])).toBe(`a ${MASK} here`);
    expect(maskText(`data:\n  TURSO_AUTH_TOKEN: ${btoa('data-abcdef')}\n`, secrets)).toBe(
      `data:\n  TURSO_AUTH_TOKEN: ${MASK}\n`,
    );
  });

  it('splits overrides into a public and a secret part', () => {
    const {public: shown, secrets} = splitSecrets(values);
    expect(secrets).toEqual({
      buntime: {rootKey: 'root-123456'},
      tursoServer: {
        authToken: 'data-abcdef',
        adminToken: 'admin-xyz',
        backup: {s3: {accessKeyId: 'AKIA1', secretAccessKey: 'sk/+='}},
      },
      plugins: {turso: {sync: {authToken: 'tok'}}},
    });
    expect(shown).toEqual({
      buntime: {apiPrefix: '/_', authDb: {syncAuthToken: ''}},
      tursoServer: {enabled: true, backup: {s3: {bucket: 'b'}}},
      custom: {password: 'pw-value'},
    });
    expect(presentSecrets(secrets)).toHaveLength(6);
  });

  it('drops maps that only held secrets', () => {
    expect(splitSecrets({plugins: {turso: {sync: {authToken: 'x'}}}}).public).toEqual({});
    expect(splitSecrets({ingress: {annotations: {}}}).public).toEqual({ingress: {annotations: {}}});
  });

  it('recognises paths below a secret', () => {
    expect(isSecretPath('buntime.rootKey')).toBe(true);
    expect(isSecretPath('buntime.rootKeyX')).toBe(false);
    expect(isSecretPath('buntime.apiPrefix')).toBe(false);
  });
});
