import {describe, expect, it} from 'vitest';
import {parseQuantity} from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['5Gi', 5 * 2 ** 30],
    ['500Mi', 500 * 2 ** 20],
    ['0.5Gi', 2 ** 29],
    ['10G', 1e10],
    ['100m', 0.1],
    ['1e3', 1000],
    ['42', 42],
    [42, 42],
  ] as const)('%s', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });
  it.each(['', '10Gb', 'Gi', 'ten', undefined, null, {}])('rejects %s', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });
});
