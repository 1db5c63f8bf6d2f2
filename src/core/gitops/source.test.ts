import {describe, expect, it} from 'vitest';
import {chartSourceProblem, dotPath, ociChartName, repoRelative} from './source.js';

describe('chart source input', () => {
  it('accepts one source, each well-formed', () => {
    expect(chartSourceProblem({})).toBeUndefined();
    expect(chartSourceProblem({repo: 'https://charts.example.com'})).toBeUndefined();
    expect(chartSourceProblem({oci: 'oci://ghcr.io/org/charts/buntime', version: '0.6.0'})).toBeUndefined();
    expect(chartSourceProblem({gitPath: 'charts/buntime', gitUrl: 'https://git.example.com/a/b.git'})).toBeUndefined();
  });

  it('names the flag that is wrong', () => {
    expect(chartSourceProblem({repo: 'https://a', oci: 'oci://b/c'})).toMatch(/only one of --chart-repo/);
    expect(chartSourceProblem({repo: 'charts.example.com'})).toMatch(/^--chart-repo/);
    expect(chartSourceProblem({oci: 'ghcr.io/org/buntime'})).toMatch(/^--chart-oci/);
    expect(chartSourceProblem({gitPath: '../elsewhere'})).toMatch(/^--chart-git/);
    expect(chartSourceProblem({gitPath: '/abs'})).toMatch(/^--chart-git/);
    expect(chartSourceProblem({gitUrl: 'not a url'})).toMatch(/^--git-url/);
  });

  it('paths and names', () => {
    expect(repoRelative('./clusters/prod/')).toBe('clusters/prod');
    expect(repoRelative('.')).toBe('');
    expect(dotPath('')).toBe('.');
    expect(dotPath('clusters/prod/chart')).toBe('./clusters/prod/chart');
    expect(ociChartName('oci://ghcr.io/org/charts/buntime')).toBe('buntime');
  });
});
