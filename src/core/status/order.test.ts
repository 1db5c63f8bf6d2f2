import {describe, expect, it} from 'vitest';
import {compareNames, insertSorted, removeSorted, sortedIndex} from './order.js';

describe('compareNames', () => {
  it('orders StatefulSet ordinals by number, the rest by character', () => {
    const names = ['buntime-10', 'buntime-turso-0', 'buntime-2', 'buntime-1', 'buntime-load-00001', 'buntime-0'];
    expect([...names].sort(compareNames)).toEqual([
      'buntime-0',
      'buntime-1',
      'buntime-2',
      'buntime-10',
      'buntime-load-00001',
      'buntime-turso-0',
    ]);
  });

  it('is a total order: equal values with different zero padding still compare', () => {
    expect(compareNames('a-01', 'a-1')).not.toBe(0);
    expect(Math.sign(compareNames('a-01', 'a-1'))).toBe(-Math.sign(compareNames('a-1', 'a-01')));
    expect(compareNames('a-1', 'a-1')).toBe(0);
    expect(compareNames('a', 'a-1')).toBeLessThan(0);
  });
});

describe('sorted name lists', () => {
  const names = ['b-1', 'b-2', 'b-10'];

  it('inserts in order and returns the same array for a name already there', () => {
    expect(insertSorted(names, 'b-3')).toEqual(['b-1', 'b-2', 'b-3', 'b-10']);
    expect(insertSorted(names, 'a')).toEqual(['a', 'b-1', 'b-2', 'b-10']);
    expect(insertSorted(names, 'b-2')).toBe(names);
  });

  it('removes one name and returns the same array for a name not there', () => {
    expect(removeSorted(names, 'b-2')).toEqual(['b-1', 'b-10']);
    expect(removeSorted(names, 'zzz')).toBe(names);
    expect(sortedIndex(names, 'b-10')).toBe(2);
  });
});
