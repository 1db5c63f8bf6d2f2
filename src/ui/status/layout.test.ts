import {describe, expect, it} from 'vitest';
import {cells, fitCell, paneHeights, visibleWindow} from './layout.js';

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
