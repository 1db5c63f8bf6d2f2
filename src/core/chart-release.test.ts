import {describe, expect, it} from 'vitest';
import {checkRelease, chartVersion, compareVersions, digestInput} from './chart-release.js';

const files = (version: string, template = 'kind: Service') => [
  {path: 'Chart.yaml', text: `apiVersion: v2\nname: buntime\nversion: ${version}\n`},
  {path: 'templates/service.yaml', text: template},
  {path: 'chart-digests.json', text: '{"whatever": "x"}'},
];

describe('chart release', () => {
  it('reads the version and digests the content without it (and without the record)', () => {
    expect(chartVersion('name: x\nversion: "1.2.3" # bump me\n')).toBe('1.2.3');
    expect(digestInput(files('0.1.0'))).toBe(digestInput(files('9.9.9')));
    expect(digestInput(files('0.1.0'))).not.toBe(digestInput(files('0.1.0', 'kind: Service # changed')));
    expect(digestInput(files('0.1.0').reverse())).toBe(digestInput(files('0.1.0')));
  });

  it('orders versions numerically, pre-releases first', () => {
    const sorted = ['0.10.0', '0.9.1', '0.9.1-rc.1', '1.0.0', '0.9.0'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.0', '0.9.1-rc.1', '0.9.1', '0.10.0', '1.0.0']);
  });

  const state = (version: string, digest: string, recorded?: Record<string, string>) =>
    checkRelease({chart: 'charts/buntime', version, digest, ...(recorded ? {recorded} : {recorded: undefined})});

  it('is quiet when the version is recorded with this content', () => {
    expect(state('0.7.0', 'sha256:a', {'0.6.0': 'sha256:z', '0.7.0': 'sha256:a'})).toEqual([]);
  });

  it('says to bump, describe and record when content changed under a recorded version', () => {
    const [finding] = state('0.7.0', 'sha256:b', {'0.7.0': 'sha256:a'});
    expect(finding).toMatchObject({id: 'chart.version', severity: 'error', file: 'charts/buntime/Chart.yaml'});
    expect(finding?.hint).toBe(
      'Bump version in charts/buntime/Chart.yaml (0.7.1 for a fix, 0.8.0 for a feature or a breaking change), describe the change in charts/buntime/release-notes.md, run npm run chart:record and commit charts/buntime/chart-digests.json.',
    );
  });

  it('asks to record a new version, and refuses one below a recorded version', () => {
    expect(state('0.8.0', 'sha256:b', {'0.7.0': 'sha256:a'})[0]?.message).toBe(
      'Chart version 0.8.0 has no recorded digest.',
    );
    expect(state('0.6.5', 'sha256:b', {'0.7.0': 'sha256:a'})[0]?.message).toBe(
      'Chart.yaml says version 0.6.5, older than the recorded 0.7.0.',
    );
    expect(state('0.7.0', 'sha256:b')).toEqual([]);
  });
});
