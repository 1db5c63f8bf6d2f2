/**
 * What keeps the live screen cheap at thousands of pods, checked structurally (no timings): an
 * update that changes nothing visible changes nothing; a pod changing state is not a re-sort; the
 * clock moving on recomputes no pod view and no row.
 */
import {describe, expect, it} from 'vitest';
import {fixturePod, FIXTURE_META, FIXTURE_NOW} from '../../../test/helpers/status-fixtures.js';
import {podRows, rowText} from './rows.js';
import {buildModel} from '../../core/status/model.js';
import {podRow, StatusStore} from '../../core/status/store.js';

function store(count: number): StatusStore {
  const s = new StatusStore(FIXTURE_META, {clock: () => FIXTURE_NOW});
  s.replacePods(Array.from({length: count}, (_, i) => fixturePod(`buntime-${i}`, 'runtime')));
  s.setSource('kube', {state: 'live'});
  return s;
}

describe('incremental status updates', () => {
  it('ignores a MODIFIED pod whose visible fields did not change (no notification, same row)', () => {
    const s = store(3);
    const before = s.state;
    let calls = 0;
    s.subscribe(() => calls++);
    const same = fixturePod('buntime-1', 'runtime');
    s.upsertPod({...same, metadata: {...same.metadata, resourceVersion: '999', annotations: {probe: 'x'}}});
    expect(calls).toBe(0);
    expect(s.state).toBe(before);
  });

  it('keeps the order array when a pod changes state, inserts and removes names without a full sort', () => {
    const s = store(20);
    const order = s.state.podOrder;
    s.upsertPod(fixturePod('buntime-7', 'runtime', 'crash'));
    expect(s.state.podOrder).toBe(order);
    s.upsertPod(fixturePod('buntime-100', 'runtime'));
    expect(s.state.podOrder.slice(-2)).toEqual(['buntime-19', 'buntime-100']);
    s.deletePod('buntime-3');
    expect(s.state.podOrder).not.toContain('buntime-3');
    expect(s.state.podOrder).toHaveLength(20);
  });

  it('a resync LIST that finds nothing new changes nothing, and keeps unchanged rows by identity', () => {
    const s = store(5);
    const rows = [...s.state.pods.values()];
    let calls = 0;
    s.subscribe(() => calls++);
    s.replacePods(Array.from({length: 5}, (_, i) => fixturePod(`buntime-${i}`, 'runtime')));
    expect(calls).toBe(0);
    s.replacePodRows([
      ...Array.from({length: 4}, (_, i) => podRow(fixturePod(`buntime-${i}`, 'runtime'))),
      podRow(fixturePod('buntime-4', 'runtime', 'crash')),
    ]);
    expect(calls).toBe(1);
    expect(s.state.pods.get('buntime-0')).toBe(rows[0]);
    expect(s.state.pods.get('buntime-4')).not.toBe(rows[4]);
  });

  it('reuses every pod view and every row when only the clock moves on', () => {
    const s = store(50);
    const first = buildModel(s.state, FIXTURE_NOW);
    const later = buildModel(s.state, FIXTURE_NOW + 61_000);
    expect(later.pods).toBe(first.pods);
    expect(podRows(later, 120).rows).toBe(podRows(first, 120).rows);
    // The age is drawn at render time, for the lines on screen.
    const row = podRows(later, 120).rows[1];
    expect(row && rowText(row, FIXTURE_NOW)).toMatch(/60m/);
    expect(row && rowText(row, FIXTURE_NOW + 61_000)).toMatch(/61m/);
  });

  it('recomputes only the view and row of the pod that changed', () => {
    const s = store(50);
    const before = buildModel(s.state, FIXTURE_NOW);
    const rowsBefore = podRows(before, 120).rows;
    s.upsertPod(fixturePod('buntime-7', 'runtime', 'crash'));
    const after = buildModel(s.state, FIXTURE_NOW);
    const rowsAfter = podRows(after, 120).rows;
    const changed = after.pods.runtime.filter((view, index) => view !== before.pods.runtime[index]);
    expect(changed.map((view) => view.name)).toEqual(['buntime-7']);
    expect(rowsAfter.filter((row, index) => row !== rowsBefore[index]).map((row) => row.key)).toEqual([
      'h:runtime',
      'p:buntime-7',
    ]);
  });
});
