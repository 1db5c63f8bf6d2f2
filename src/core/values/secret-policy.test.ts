import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {leaves, type Values} from './paths.js';
import {
  MASK,
  SECRET_VALUE_PATHS,
  isNearSecretPath,
  isSecretName,
  mask,
  maskSetArgument,
  maskText,
  secretLeaves,
  splitSecrets,
  urlUserinfo,
} from './secrets.js';

const CHART = parse(readFileSync(new URL('../../../charts/buntime/values.yaml', import.meta.url), 'utf8')) as Values;

describe('the one secret policy', () => {
  it('no value path of the chart is taken for a near-miss of a secret path (no false positives)', () => {
    const near = leaves(CHART)
      .map(([path]) => path)
      .filter((path) => isNearSecretPath(path));
    expect(near).toEqual([]);
  });

  it.each([
    'buntime.rootkey',
    'buntime.RootKey',
    'buntime.root_key',
    'buntime.rootKye',
    'buntime\\.rootKey',
    'tursoServer.authtoken',
    'tursoServer.backup.s3.SecretAccessKey',
    'tursoServer.backup.s3.secret-access-key',
    'plugins.turso.sync.authTokn',
  ])('%s is written like a secret path', (path) => {
    expect(isNearSecretPath(path)).toBe(true);
  });

  it.each([
    ['RUNTIME_ROOT_KEY', true],
    ['API_TOKEN', true],
    ['dbPassword', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['SESSION_SECRET', true],
    ['GITHUB_PAT_TOKEN', true],
    ['LOG_LEVEL', false],
    ['MONKEY_COUNT', false],
    ['PORT', false],
    ['KEYCLOAK_URL', false],
  ])('env name %s says secret: %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it('finds every kind, and empty values are not secrets', () => {
    const values: Values = {
      buntime: {rootKey: 'rk-value', rootkey: 'near-value', authDb: {syncAuthToken: ''}},
      extraEnv: [
        {name: 'LOG', value: 'info'},
        {name: 'API_TOKEN', value: 'env-value'},
        {name: 'EMPTY_TOKEN', value: ''},
      ],
      tursoServer: {backup: {s3: {endpoint: 'http://ak:sk-pass@minio:9000'}}},
    };
    expect(secretLeaves(values).map((leaf) => [leaf.path, leaf.reason])).toEqual([
      ['buntime.rootKey', 'path'],
      ['buntime.rootkey', 'near'],
      ['extraEnv[1].value', 'env'],
      ['tursoServer.backup.s3.endpoint', 'url'],
    ]);
    expect(urlUserinfo('see https://u:p@h/x and ftp://a@b')).toEqual(['u:p', 'a']);
  });

  it('splits whole lists holding a secret into the secrets part, and masks only URL credentials', () => {
    const values: Values = {
      extraEnv: [
        {name: 'LOG', value: 'info'},
        {name: 'API_TOKEN', value: 'env-value'},
      ],
      tursoServer: {backup: {s3: {endpoint: 'http://ak:sk-pass@minio:9000', bucket: 'b'}}},
      replicaCount: 2,
    };
    const split = splitSecrets(values);
    expect(split.public).toEqual({tursoServer: {backup: {s3: {bucket: 'b'}}}, replicaCount: 2});
    expect(split.secrets).toEqual({
      extraEnv: values['extraEnv'],
      tursoServer: {backup: {s3: {endpoint: 'http://ak:sk-pass@minio:9000'}}},
    });
    expect(mask(values)).toMatchObject({
      extraEnv: [{value: 'info'}, {value: MASK}],
      tursoServer: {backup: {s3: {endpoint: `http://${MASK}@minio:9000`}}},
    });
    expect(maskText('GET http://user:pw@host/ failed', [])).toBe(`GET http://${MASK}@host/ failed`);
  });

  it.each([
    ['buntime.rootKey=S,x', `buntime.rootKey=${MASK}`],
    ['replicaCount=2,tursoServer.authToken=S', `replicaCount=2,tursoServer.authToken=${MASK}`],
    ['buntime.rootkey=S', `buntime.rootkey=${MASK}`],
    ['extraEnv[0].value=S', `extraEnv[0].value=${MASK}`],
    ['a.url=http://u:S@h', `a.url=${MASK}`],
    ['a=b\\,c,d=e', 'a=b\\,c,d=e'],
    ['replicaCount=2', 'replicaCount=2'],
  ])('maskSetArgument(%s) = %s', (argument, shown) => {
    expect(maskSetArgument(argument)).toBe(shown);
  });

  it('lists the same secret paths the chart marks as password questions', () => {
    type Q = {variable: string; type?: string; subquestions?: Q[]};
    const file = parse(readFileSync(new URL('../../../charts/buntime/questions.yml', import.meta.url), 'utf8')) as {
      questions: Q[];
    };
    const all = (list: Q[]): Q[] => list.flatMap((item) => [item, ...all(item.subquestions ?? [])]);
    const passwords = all(file.questions).filter((item) => item.type === 'password');
    expect(passwords.length).toBeGreaterThan(0);
    for (const item of passwords) expect(SECRET_VALUE_PATHS).toContain(item.variable);
  });
});
