import {describe, expect, it} from 'vitest';
import {formatAge, formatBytes, nextAgeChange} from './format.js';

describe('formatAge', () => {
  it.each([
    [undefined, '-'],
    [0, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [5 * 60_000 + 30_000, '5m30s'],
    [45 * 60_000, '45m'],
    [3 * 3_600_000 + 20 * 60_000, '3h20m'],
    [20 * 3_600_000, '20h'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d4h'],
    [40 * 86_400_000, '40d'],
    [800 * 86_400_000, '2y'],
  ])('%s ms → %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('formatBytes', () => {
  it.each([
    [undefined, '-'],
    [0, '0B'],
    [1023, '1023B'],
    [4096, '4.0KiB'],
    [15 * 1024 * 1024, '15MiB'],
  ])('%s → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('nextAgeChange', () => {
  it.each([
    [0, 1000],
    [59_400, 600],
    [9 * 60_000 + 59_999, 1],
    [10 * 60_000, 60_000],
    [45 * 60_000 + 20_000, 40_000],
    [3 * 3_600_000 + 20 * 60_000, 60_000],
    [20 * 3_600_000 + 5 * 60_000, 55 * 60_000],
    [40 * 86_400_000 + 3_600_000, 23 * 3_600_000],
  ])('an age of %i ms reads differently in %i ms', (age, wait) => {
    expect(nextAgeChange(age)).toBe(wait);
    expect(formatAge(age + wait)).not.toBe(formatAge(age));
    if (wait > 1) expect(formatAge(age + wait - 1)).toBe(formatAge(age));
  });
});
