import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {credentialsFileText, credentialsSecretManifest, parseCredentialsFile} from './credentials-file.js';

const FILE = {
  release: 'buntime',
  namespace: 'apps',
  secretName: 'buntime-credentials',
  credentials: {rootKey: 'root-key-value', tursoAuthToken: 'auth-token-value'},
};

describe('credentials file', () => {
  it('round-trips through its text', () => {
    const text = credentialsFileText(FILE);
    expect(text).toMatch(/^# .*never commit/);
    expect(parseCredentialsFile(parse(text))).toEqual({file: FILE, problems: []});
  });

  it('lists every problem with its path', () => {
    const {problems} = parseCredentialsFile({
      kind: 'Other',
      release: 'Bad_Name',
      namespace: 'apps',
      data: {X: 'y', TURSO_AUTH_TOKEN: ''},
    });
    expect(problems.map((problem) => problem.path.join('.'))).toEqual([
      'kind',
      'release',
      'secretName',
      'data.X',
      'data.TURSO_AUTH_TOKEN',
    ]);
  });

  it('prints the Secret the chart reads, with the key names it expects', () => {
    expect(credentialsSecretManifest(FILE, {a: 'b'})).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {name: 'buntime-credentials', namespace: 'apps', labels: {a: 'b'}},
      stringData: {RUNTIME_ROOT_KEY: 'root-key-value', TURSO_AUTH_TOKEN: 'auth-token-value'},
    });
  });
});
