import {describe, expect, it} from 'vitest';
import {cells, fitCell, nextRedraw, paneHeights, visibleWindow} from './layout.js';
import type {PaneRows} from './rows.js';

describe('layout helpers', () => {
  it.each([
    ['abc', 5, 'abc  '],
    ['abcdef', 4, 'abc…'],
    ['abc', 3, 'abc'],
    ['abc', 1, '…'],
    ['abc', 0, ''],
  ])('fitCell(%j, %i) → %j', (text, width, expected) => expect(fitCell(text, width)).toBe(expected));

  it('joins cells without trailing padding', () => {
    expect(
      cells([
        ['a', 2],
        ['bcd', 2],
      ]),
    ).toBe('a  b…');
    expect(
      cells([
        ['a', 2],
        ['b', 4],
      ]),
    ).toBe('a  b');
  });

  it.each([
    [5, 0, 10, 0, 5],
    [100, 0, 10, 0, 10],
    [100, 50, 10, 45, 55],
    [100, 99, 10, 90, 100],
  ])('visibleWindow(%i, %i, %i) → %i..%i', (total, selected, height, start, end) => {
    expect(visibleWindow(total, selected, height)).toEqual({start, end});
  });

  it('gives the focused pane the most lines and keeps a minimum', () => {
    expect(paneHeights(32, 'namespaces')).toEqual({pods: 8, namespaces: 16, backups: 8});
    expect(paneHeights(6, 'pods')).toEqual({pods: 4, namespaces: 1, backups: 1});
    expect(paneHeights(0, 'pods')).toEqual({pods: 3, namespaces: 0, backups: 0});
  });
});

describe('nextRedraw', () => {
  const NOW = 10_000_000;
  const pane = (ages: number[][]): PaneRows => ({
    rows: ages.map((list, index) => ({key: `r${index}`, text: '', ages: list.map((age) => NOW - age)})),
  });
  const heights = {pods: 3, namespaces: 2, backups: 2};
  const selected = {pods: 0, namespaces: 0, backups: 0};

  it('waits for the soonest visible age to change: a second for young pods, minutes for old ones', () => {
    const old = pane([[3_600_000], [7_200_000]]);
    const empty = pane([]);
    expect(nextRedraw({pods: old, namespaces: empty, backups: empty}, selected, heights, NOW, 60_000)).toBe(60_000);
    const young = pane([[3_600_000], [30_500]]);
    expect(nextRedraw({pods: young, namespaces: empty, backups: empty}, selected, heights, NOW, 60_000)).toBe(500);
  });

  it('ignores rows that are not on screen, and never waits longer than the cap', () => {
    const empty = pane([]);
    // The young pod is the 5th row; only 3 fit.
    const pods = pane([[3_600_000], [3_600_000], [3_600_000], [3_600_000], [1000]]);
    expect(nextRedraw({pods, namespaces: empty, backups: empty}, selected, heights, NOW, 60_000)).toBe(60_000);
    expect(nextRedraw({pods, namespaces: empty, backups: empty}, {...selected, pods: 4}, heights, NOW, 60_000)).toBe(
      1000,
    );
    expect(nextRedraw({pods: empty, namespaces: empty, backups: empty}, selected, heights, NOW, 30_000)).toBe(30_000);
  });
});
