import {describe, expect, it} from 'vitest';
import {recoveryFor, releaseHealth, type HistoryEntry} from './recovery.js';

function entry(revision: number, status: string): HistoryEntry {
  return {revision, status, updated: '2026-01-01T00:00:00Z', chart: 'buntime-0.6.0', description: `rev ${revision}`};
}

describe('releaseHealth + recoveryFor', () => {
  it('no history = no release', () => {
    expect(releaseHealth([])).toEqual({kind: 'none'});
  });
  it('deployed', () => {
    expect(releaseHealth([entry(1, 'superseded'), entry(2, 'deployed')])).toEqual({kind: 'deployed', revision: 2});
  });
  it('stuck upgrade rolls back to the last good revision', () => {
    const health = releaseHealth([entry(3, 'pending-upgrade'), entry(1, 'superseded'), entry(2, 'deployed')]);
    expect(health).toMatchObject({kind: 'pending', status: 'pending-upgrade', revision: 3, lastGood: 2});
    expect(recoveryFor(health, {release: 'buntime', namespace: 'zomme'})).toMatchObject({
      action: 'rollback',
      revision: 2,
      command: 'helm rollback buntime 2 --namespace zomme --wait --timeout 10m --cleanup-on-fail',
    });
  });
  it('stuck first install is uninstalled', () => {
    const health = releaseHealth([entry(1, 'pending-install')]);
    expect(recoveryFor(health, {release: 'buntime', namespace: 'zomme'})).toMatchObject({
      action: 'uninstall',
      command: 'helm uninstall buntime --namespace zomme --wait --timeout 10m',
    });
  });
  it('a failed revision after a good one is not stuck', () => {
    const health = releaseHealth([entry(1, 'deployed'), entry(2, 'failed')]);
    expect(health).toMatchObject({kind: 'failed', lastGood: 1});
    expect(recoveryFor(health, {release: 'buntime', namespace: 'zomme'})).toBeUndefined();
  });
  it('a failed rollback after a failed upgrade still finds the good revision', () => {
    const health = releaseHealth([entry(1, 'superseded'), entry(2, 'failed'), entry(3, 'pending-rollback')]);
    expect(recoveryFor(health, {release: 'r', namespace: 'n'})?.revision).toBe(1);
  });
});
