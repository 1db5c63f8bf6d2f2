import {describe, expect, it} from 'vitest';
import {checkValues} from './values.js';

describe('checkValues', () => {
  it('accepts empty values and the chart defaults', () => {
    expect(checkValues({})).toEqual([]);
    expect(
      checkValues({
        buntime: {
          workerDirs: '/data/.apps:/data/apps',
          pluginDirs: '/data/.plugins:/data/plugins',
          poolSize: 100,
          logLevel: 'info',
        },
        persistence: {
          plugins: {size: '5Gi', accessMode: 'ReadWriteOnce'},
          apps: {size: '10Gi', accessMode: 'ReadWriteMany'},
          state: {size: '500Mi'},
          turso: {type: 'pvc', size: '10Gi'},
        },
        plugins: {turso: {mode: 'local', sync: {url: ''}}, gateway: {shellDir: '', rateLimit: {requests: 100}}},
      }),
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, 'error' | 'warning', RegExp]>([
    [
      'a disabled mandatory volume',
      {persistence: {apps: {enabled: false}}},
      'persistence.apps.enabled',
      'error',
      /not supported: \/data\/apps is always mounted/,
    ],
    [
      'an existingClaim',
      {persistence: {state: {existingClaim: 'x'}}},
      'persistence.state.existingClaim',
      'error',
      /always mounted/,
    ],
    [
      'a volume that is not a mapping',
      {persistence: {plugins: 'big'}},
      'persistence.plugins',
      'error',
      /must be a mapping/,
    ],
    [
      'comma-separated worker dirs',
      {buntime: {workerDirs: '/data/.apps,/data/apps'}},
      'buntime.workerDirs',
      'error',
      /colon-separated/,
    ],
    [
      'plugin dirs without the plugins volume',
      {buntime: {pluginDirs: '/data/.plugins'}},
      'buntime.pluginDirs',
      'warning',
      /does not include \/data\/plugins/,
    ],
    [
      'an emptyDir for local-mode Turso data',
      {persistence: {turso: {type: 'emptyDir'}}},
      'persistence.turso.type',
      'warning',
      /lost whenever the pod restarts/,
    ],
    [
      'an empty string where Helm falls back',
      {plugins: {gateway: {shellExcludes: ''}}},
      'plugins.gateway.shellExcludes',
      'warning',
      /renders GATEWAY_SHELL_EXCLUDES with its default "cpanel"/,
    ],
    ['a zero that Helm replaces', {buntime: {poolSize: 0}}, 'buntime.poolSize', 'warning', /default "100"/],
    [
      'a mapping where a value belongs',
      {plugins: {turso: {mode: {sync: true}}}},
      'plugins.turso.mode',
      'error',
      /must be a single value, not a mapping/,
    ],
  ])('reports %s', (_name, values, path, severity, message) => {
    const findings = checkValues(values, {file: 'answers.yaml'});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({path, severity, file: 'answers.yaml'});
    expect(findings[0]?.message).toMatch(message);
  });

  it.each([
    ['0 where the chart keeps it (cache disabled)', {buntime: {workerConfigCacheTtlMs: 0}}],
    [
      'emptyDir in sync mode with turso-server',
      {persistence: {turso: {type: 'emptyDir'}}, plugins: {turso: {mode: 'sync'}}, tursoServer: {enabled: true}},
    ],
    ['an empty value whose default is empty', {plugins: {turso: {sync: {url: ''}}}}],
    ['null (the chart renders the default)', {buntime: {logLevel: null}}],
  ])('accepts %s', (_name, values) => {
    expect(checkValues(values)).toEqual([]);
  });
});
