import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {decodeReleaseChart, latestReleases} from './helm-releases.js';

/** A helm storage Secret as the API returns it: base64(base64(gzip(json))). */
function releaseSecret(name: string, namespace: string, version: number, status: string, chart: string): object {
  const record = {
    name,
    version,
    info: {status},
    chart: {metadata: {name: chart, version: '0.6.0', appVersion: '1.4.0'}},
    config: {buntime: {rootKey: 'do-not-leak'}},
  };
  const helm = gzipSync(Buffer.from(JSON.stringify(record))).toString('base64');
  return {
    metadata: {namespace, labels: {owner: 'helm', name, version: String(version), status}},
    data: {release: Buffer.from(helm).toString('base64')},
  };
}

describe('helm release secrets', () => {
  it('decodes chart metadata only', () => {
    const chart = decodeReleaseChart(releaseSecret('buntime', 'zomme', 1, 'deployed', 'buntime'));
    expect(chart).toEqual({name: 'buntime', version: '0.6.0', appVersion: '1.4.0'});
    expect(JSON.stringify(chart)).not.toContain('do-not-leak');
  });

  it('keeps the newest revision per release and only Buntime charts', () => {
    const found = latestReleases(
      [
        releaseSecret('buntime', 'zomme', 1, 'superseded', 'buntime'),
        releaseSecret('buntime', 'zomme', 2, 'pending-upgrade', 'buntime'),
        releaseSecret('other', 'zomme', 5, 'deployed', 'nginx'),
        releaseSecret('edge', 'lab', 1, 'deployed', 'buntime'),
      ] as never,
      'buntime',
    );
    expect(
      found.map((release) => `${release.namespace}/${release.name}@${release.revision}:${release.status}`),
    ).toEqual(['lab/edge@1:deployed', 'zomme/buntime@2:pending-upgrade']);
  });

  it('ignores garbage', () => {
    expect(decodeReleaseChart({data: {release: 'bm90IGEgcmVsZWFzZQ=='}})).toBeUndefined();
    expect(decodeReleaseChart({})).toBeUndefined();
  });
});
