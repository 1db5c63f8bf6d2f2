import {describe, expect, it} from 'vitest';
import {
  credentialsFromSecretData,
  credentialsToSecretData,
  inlineCredentialValues,
  neededGeneratedCredentials,
  referenceCredentialsSecret,
} from './keys.js';
import {createRedactor, MASK} from '../values/secrets.js';

describe('credentials', () => {
  it('round-trips through Secret data with the chart key names', () => {
    const data = credentialsToSecretData({rootKey: 'r'.repeat(43), tursoAdminToken: 'a'.repeat(43)});
    expect(Object.keys(data).sort()).toEqual(['RUNTIME_ROOT_KEY', 'TURSO_ADMIN_TOKEN']);
    expect(credentialsFromSecretData({...data, OTHER: 'x'})).toEqual({
      rootKey: 'r'.repeat(43),
      tursoAdminToken: 'a'.repeat(43),
    });
  });

  it('needs turso tokens only with turso-server', () => {
    expect(neededGeneratedCredentials({tursoServer: {enabled: false}})).toEqual(['rootKey']);
    expect(neededGeneratedCredentials({tursoServer: {enabled: true}})).toEqual([
      'rootKey',
      'tursoAuthToken',
      'tursoAdminToken',
    ]);
  });

  it('points every enabled part at the Secret and blanks inline copies', () => {
    const values = referenceCredentialsSecret(
      {
        buntime: {rootKey: 'inline'},
        tursoServer: {enabled: true, authToken: 'x', backup: {enabled: true, s3: {secretAccessKey: 'y'}}},
      },
      'buntime-credentials',
    );
    expect(values).toMatchObject({
      buntime: {rootKey: '', existingSecret: 'buntime-credentials'},
      tursoServer: {
        existingSecret: 'buntime-credentials',
        authToken: '',
        backup: {s3: {existingSecret: 'buntime-credentials', secretAccessKey: ''}},
      },
    });
  });

  it('does not reference the Secret for parts that are off', () => {
    const values = referenceCredentialsSecret({tursoServer: {enabled: false}}, 's');
    expect(values).toEqual({buntime: {existingSecret: 's', rootKey: ''}, tursoServer: {enabled: false}});
  });

  it('render-only mode puts only the needed secrets inline', () => {
    const secrets = inlineCredentialValues(
      {rootKey: 'root', tursoAuthToken: 't', s3SecretAccessKey: 's3'},
      {tursoServer: {enabled: false}},
    );
    expect(secrets).toEqual({buntime: {rootKey: 'root'}});
  });
});

describe('createRedactor', () => {
  it('masks secrets and their base64 form, longest first', () => {
    const redact = createRedactor(['supersecret-1', 'supersecret-12', undefined, 'abc']);
    expect(redact('a supersecret-12 b supersecret-1 c abc abcd')).toBe(`a ${MASK} b ${MASK} c ${MASK} abcd`);
    expect(redact(`data: ${btoa('supersecret-1')}`)).toBe(`data: ${MASK}`);
  });
  it('is the identity without secrets', () => {
    expect(createRedactor([])('text')).toBe('text');
  });
});
