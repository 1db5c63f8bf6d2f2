import {describe, expect, it} from 'vitest';
import {applyArgs, commandLine, rollbackArgs, uninstallArgs} from './command.js';

describe('applyArgs', () => {
  it.each([
    [3, '--atomic'],
    [4, '--rollback-on-failure'],
  ] as const)('helm %i rolls back with %s and reads values only from files', (helmMajor, flag) => {
    const args = applyArgs({
      helmMajor,
      release: 'r',
      namespace: 'ns',
      kubeContext: 'ctx',
      chart: './c',
      valueFiles: ['/t/values.yaml', '/t/secrets.yaml'],
      timeout: '10m',
    });
    expect(args).toEqual([
      'upgrade',
      '--install',
      'r',
      './c',
      '--namespace',
      'ns',
      '--kube-context',
      'ctx',
      '--create-namespace',
      '--reset-values',
      '--values',
      '/t/values.yaml',
      '--values',
      '/t/secrets.yaml',
      '--wait',
      '--timeout',
      '10m',
      flag,
    ]);
    expect(args.some((arg) => arg.startsWith('--set'))).toBe(false);
  });

  it('a dry run is server-side and never rolls back', () => {
    const args = applyArgs({
      helmMajor: 4,
      release: 'r',
      namespace: 'ns',
      chart: 'c',
      valueFiles: [],
      timeout: '1m',
      dryRun: true,
    });
    expect(args).toContain('--dry-run=server');
    expect(args).not.toContain('--rollback-on-failure');
  });

  it('leaves --kube-context out when none was given', () => {
    expect(
      applyArgs({helmMajor: 3, release: 'r', namespace: 'ns', chart: 'c', valueFiles: [], timeout: '1m'}),
    ).not.toContain('--kube-context');
  });
});

describe('rollbackArgs / uninstallArgs', () => {
  it('wait with the timeout, scoped like every other call', () => {
    expect(rollbackArgs({release: 'r', namespace: 'n', kubeContext: 'c'}, 3, '5m')).toEqual([
      'rollback',
      'r',
      '3',
      '--namespace',
      'n',
      '--kube-context',
      'c',
      '--wait',
      '--timeout',
      '5m',
      '--cleanup-on-fail',
    ]);
    expect(uninstallArgs({release: 'r', namespace: 'n'}, '5m')).toEqual([
      'uninstall',
      'r',
      '--namespace',
      'n',
      '--wait',
      '--timeout',
      '5m',
    ]);
  });
});

describe('commandLine', () => {
  it.each([
    [['a', 'b'], 'helm a b'],
    [['x y'], "helm 'x y'"],
    [["it's"], `helm 'it'\\''s'`],
    [['--set=a,b', '/p/v.yaml'], 'helm --set=a,b /p/v.yaml'],
  ])('%j → %s', (args, expected) => expect(commandLine('helm', args)).toBe(expected));
});
