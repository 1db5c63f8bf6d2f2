import {describe, expect, it} from 'vitest';
import {decideCredentials} from './credentials-plan.js';

const MULTI = {tursoServer: {enabled: true, backup: {enabled: true, s3: {}}}};

describe('decideCredentials', () => {
  it('online day zero: generates the root key, references the Secret, nothing inline', () => {
    const decision = decideCredentials({
      values: {tursoServer: {enabled: false}},
      secretName: 'buntime-credentials',
      online: true,
      existing: {},
    });
    expect(decision.generated).toEqual(['rootKey']);
    expect(decision.credentials.rootKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decision.layer).toEqual({buntime: {existingSecret: 'buntime-credentials', rootKey: ''}});
    expect(decision.missing).toEqual([]);
  });

  it('keeps existing tokens (never regenerated) and generates only what is missing', () => {
    const existing = {rootKey: 'r'.repeat(43), tursoAuthToken: 'a'.repeat(43)};
    const decision = decideCredentials({
      values: MULTI,
      secretName: 's',
      online: true,
      existing,
      typed: {s3AccessKeyId: 'AK', s3SecretAccessKey: 'SK'},
    });
    expect(decision.generated).toEqual(['tursoAdminToken']);
    expect(decision.credentials).toMatchObject({...existing, s3AccessKeyId: 'AK', s3SecretAccessKey: 'SK'});
    expect(decision.layer).toMatchObject({
      tursoServer: {existingSecret: 's', backup: {s3: {existingSecret: 's', accessKeyId: '', secretAccessKey: ''}}},
    });
  });

  it('two generated tokens are different', () => {
    const decision = decideCredentials({
      values: MULTI,
      secretName: 's',
      online: true,
      existing: {},
      typed: {s3AccessKeyId: 'AK', s3SecretAccessKey: 'SK'},
    });
    expect(
      new Set([decision.credentials.rootKey, decision.credentials.tursoAuthToken, decision.credentials.tursoAdminToken])
        .size,
    ).toBe(3);
  });

  it('backup without S3 keys is reported', () => {
    expect(decideCredentials({values: MULTI, secretName: 's', online: true, existing: {}}).missing).toHaveLength(1);
  });

  it('leaves a Secret the user named alone', () => {
    const decision = decideCredentials({
      values: {buntime: {existingSecret: 'mine'}},
      secretName: 's',
      online: true,
      existing: {},
    });
    expect(decision.userManaged).toEqual(['buntime.existingSecret']);
    expect(decision.generated).toEqual([]);
    expect(decision.layer).toEqual({});
  });

  it('render-only: inline secrets for the 0600 file, no Secret references', () => {
    const decision = decideCredentials({
      values: {tursoServer: {enabled: true}},
      secretName: 's',
      online: false,
      existing: {},
    });
    expect(Object.keys(decision.layer)).toEqual(['buntime', 'tursoServer']);
    expect(JSON.stringify(decision.layer)).not.toContain('existingSecret');
    expect((decision.layer as {tursoServer: {authToken: string}}).tursoServer.authToken).toBe(
      decision.credentials.tursoAuthToken,
    );
  });

  it('a root key typed inline moves into the Secret', () => {
    const decision = decideCredentials({
      values: {buntime: {rootKey: 'my-own-root-key-value'}},
      secretName: 's',
      online: true,
      existing: {rootKey: 'old'},
    });
    expect(decision.credentials.rootKey).toBe('my-own-root-key-value');
    expect(decision.generated).toEqual([]);
  });
});
